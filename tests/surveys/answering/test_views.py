"""The answering page behind a personal link, used the way a browser uses it."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone
from webtest.forms import Hidden, Radio, Text

from surveys.answering import logs
from surveys.answering.todo import invitee_tasks
from surveys.models import Invitation, Response
from surveys.rounds import links
from tests.surveys.conftest import close_round, make_round, open_round, token_of, tokens


def url(token: str) -> str:
    return links.answer_path(token)


def scale_keys(form) -> list[str]:
    return [name for name, fields in form.fields.items() if isinstance(fields[0], Radio)]


def text_keys(form) -> list[str]:
    return [
        name
        for name, fields in form.fields.items()
        if isinstance(fields[0], Text) and not isinstance(fields[0], Hidden)
    ]


@pytest.fixture
def token(manager_round) -> str:
    return tokens(manager_round)[0]


def test_the_page_shows_the_round_the_last_day_and_who_sees_what(django_app, manager_round, token):
    page = django_app.get(url(token))
    assert page.status_code == 200
    assert manager_round.name_sv in page.text
    assert "Instämmer inte alls" in page.text and "Instämmer helt" in page.text and "Vet inte" in page.text
    assert "sparas utan ditt namn" in page.text
    assert page.headers["Referrer-Policy"] == "no-referrer"
    assert "noindex" in page.headers["X-Robots-Tag"]
    assert "no-store" in page.headers["Cache-Control"] and "private" in page.headers["Cache-Control"]


def test_an_answer_is_sent_after_confirming_and_only_once(django_app, manager_round, token):
    page = django_app.get(url(token))
    form = page.forms["answer"]
    first, second = scale_keys(form)[:2]
    form[first] = "4"
    form[second] = "0"
    form[text_keys(form)[0]] = "Mer tid för att pröva.\nOch stöd."
    sent = form.submit("action", value="send")
    assert sent.status_int == 302, "the confirmation step is reached by a redirect (POST/redirect/GET)"
    confirm = sent.follow()
    assert "kan de inte ändras" in confirm.text
    assert Response.objects.count() == 0
    thanks = confirm.forms["answer"].submit("action", value="confirm").follow()
    assert "Tack" in thanks.text
    stored = Response.objects.get()
    assert stored.scores == {first: 4, second: 0}
    assert list(stored.texts.values()) == ["Mer tid för att pröva.\nOch stöd."]
    assert Invitation.objects.get(token_hash=links.token_hash(token)).answered
    # The same confirmation sent again (a second tab, the back button) is refused with a page saying so.
    again = confirm.forms["answer"].submit("action", value="confirm", status=409)
    assert "redan svarat" in again.text and "<textarea" not in again.text
    assert Response.objects.count() == 1
    assert "redan svarat" in django_app.get(url(token)).text
    # The browser's back button from the thank-you page loads the confirmation step again with GET: no resubmission.
    back = django_app.get(confirm.request.url)
    assert back.status_int == 200 and "redan svarat" in back.text and "answer" not in back.forms
    assert "no-cache" in back.headers["Cache-Control"] or "no-store" in back.headers["Cache-Control"]


def test_saved_answers_come_back_through_the_same_link(django_app, manager_round, token):
    form = django_app.get(url(token)).forms["answer"]
    key = scale_keys(form)[0]
    form[key] = "2"
    form[text_keys(form)[0]] = "Ett utkast"
    saved = form.submit("action", value="save").follow()
    assert "sparade" in saved.text
    assert Response.objects.count() == 0
    django_app.reset()
    again = django_app.get(url(token)).forms["answer"]
    assert again[key].value == "2"
    assert again[text_keys(again)[0]].value == "Ett utkast"


def test_sending_nothing_is_refused_at_the_form(django_app, token):
    page = django_app.get(url(token)).forms["answer"].submit("action", value="send")
    assert "Svara på minst en fråga" in page.text
    assert Response.objects.count() == 0


def test_a_too_long_answer_is_refused_at_its_question_and_nothing_typed_is_lost(django_app, token):
    form = django_app.get(url(token)).forms["answer"]
    key = scale_keys(form)[0]
    form[key] = "5"
    long_text = "å" * 2001
    form[text_keys(form)[0]] = long_text
    page = form.submit("action", value="send")
    assert "govuk-error-summary" in page.text and f"id_{text_keys(form)[0]}-error" in page.text
    kept = page.forms["answer"]
    assert kept[key].value == "5" and kept[text_keys(form)[0]].value == long_text
    assert Response.objects.count() == 0


def test_a_made_up_link_gets_a_clear_404(django_app, db):
    page = django_app.get(url("x" * 43), status=404)
    assert "Länken fungerar inte" in page.text
    assert page.headers["Referrer-Policy"] == "no-referrer"


def test_a_link_of_another_round_answers_that_round_only(django_app, director, version, staff, manager_round):
    other = open_round(director, make_round(director, version, year=2027))
    page = django_app.get(url(tokens(other)[0]))
    assert other.name_sv in page.text and manager_round.name_sv not in page.text


def test_after_the_window_the_page_says_so_and_shows_no_form(django_app, director, manager_round, token):
    close_round(director, manager_round)
    page = django_app.get(url(token))
    assert "tar inte emot svar" in page.text and '<form method="post" action=""' not in page.text


def test_the_survey_not_yet_open(django_app, director, version, staff):
    later = make_round(director, version, year=2028)
    open_round(director, later)
    later.__class__.objects.filter(pk=later.pk).update(opens_on=timezone.localdate() + timedelta(days=3))
    page = django_app.get(url(tokens(later)[0]))
    assert "inte öppnat" in page.text


def test_the_language_switch_keeps_the_page(django_app, manager_round, token):
    page = django_app.get(url(token))
    english = page.forms[0].submit("language").follow()
    assert english.request.path == url(token)
    assert manager_round.name_en in english.text and "Disagree entirely" in english.text


def test_the_page_is_the_same_signed_in_and_needs_no_sign_in(django_app, manager_round, token, staff):
    page = django_app.get(url(token), user=staff["north"][0])
    assert page.status_code == 200 and manager_round.name_sv in page.text


def test_a_personal_link_never_reaches_the_log(django_app, db, caplog):
    token = "secret-token-" + "y" * 30
    with caplog.at_level(logging.WARNING, logger="django.request"):
        django_app.get(url(token), status=404)
    assert token not in caplog.text
    record = logging.LogRecord("django.request", logging.WARNING, "", 0, "Not Found: %s", (url(token),), None)
    logs.HidePersonalLinks().filter(record)
    logs.HidePersonalLinks().filter(record)  # filtered where logged and again by the handler
    assert record.getMessage() == "Not Found: /surveys/answer/[personal link]/"


def test_no_link_from_the_page_leaves_the_site_with_the_token(django_app, token):
    page = django_app.get(url(token))
    for link in page.html.find_all("a"):
        href = link.get("href", "")
        if href.startswith("http"):
            assert token not in href


@override_settings(SPRANG_SURVEY_MIN_ANSWERS=5)
def test_the_invitee_sees_the_survey_among_their_tasks(manager_round, people, django_assert_max_num_queries):
    manager = people["manager"]
    invitation = Invitation.objects.get(round=manager_round, person=manager)
    with django_assert_max_num_queries(1):
        group = invitee_tasks(manager)
    (line,) = group.lines
    assert line.url == url(token_of(invitation))
    assert manager_round.name in line.text
    Invitation.objects.filter(pk=invitation.pk).update(answered=True)
    assert invitee_tasks(manager) is None


def test_the_confirmation_step_shows_each_score_as_the_form_shows_it(django_app, manager_round, token):
    form = django_app.get(url(token)).forms["answer"]
    first, second, third = scale_keys(form)[:3]
    form[first] = "4"
    form[second] = "5"
    form[third] = "0"
    confirm = form.submit("action", value="send").follow()
    values = [dd.text.strip() for dd in confirm.html.select("main .govuk-summary-list__value")]
    assert values == ["4", "5 – Instämmer helt", "Vet inte"]


def test_the_confirmation_step_without_saved_answers_goes_back_to_the_form(django_app, manager_round, token):
    page = django_app.get(url(token) + "?step=confirm")
    assert page.status_int == 302 and page.follow().forms["answer"]
