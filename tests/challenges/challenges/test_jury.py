"""A jury scores a challenge's shortlist with the calls' jury: set up, sent, scored, shown; and never shown as a
call to those who answered."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from calls import selectors as call_selectors
from calls import services as calls
from calls.indicators import call_applications
from calls.models import Application, Programme, Status
from calls.todo import applicant_tasks, jury_tasks
from challenges.challenges import services
from challenges.models import Answer, Challenge
from core.errors import ConflictError, DomainError
from organisation.models import PersonKind
from tests import factories
from tests.challenges.challenges.conftest import close, idea_fields, make_challenge
from tests.forms.browser_like import errors, fill, post_forms

pytestmark = pytest.mark.django_db

RUBRIC = [("Genomförbart inom ett år", "2"), ("Ger kortare väntan", "1")]


@pytest.fixture(autouse=True)
def _in_english(client, django_app):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    django_app.set_cookie(settings.LANGUAGE_COOKIE_NAME, "en")
    with translation.override("en"):
        yield


def _answer(challenge, author, title):
    _idea, answer = services.answer_submit(challenge=challenge, author=author, **idea_fields(author, title=title))
    return answer


def _shortlist(answer: Answer, by, on: bool = True) -> Answer:
    answer.refresh_from_db()
    return services.answer_shortlist(answer=answer, by=by, expected_version=answer.version, shortlisted=on)


@pytest.fixture
def closed(people):
    """A public challenge with three answers (two of them shortlisted), closed."""
    challenge = make_challenge(people)
    residents = [factories.person(kind=PersonKind.RESIDENT, name=f"Invånare {n}") for n in range(3)]
    answers = [_answer(challenge, person, f"Svar {n}") for n, person in enumerate(residents)]
    close(challenge)
    _shortlist(answers[0], people["office"])
    _shortlist(answers[1], people["office"])
    challenge.refresh_from_db()
    return challenge, answers


def _set_up(challenge: Challenge, by, **changes):
    challenge.refresh_from_db()
    values: dict[str, Any] = {"criteria": RUBRIC, "expected_version": challenge.version}
    values.update(changes)
    return services.challenge_jury_set_up(challenge=challenge, by=by, **values)


# --- services ----------------------------------------------------------------------------------------------


def test_setting_up_the_jury_puts_every_shortlisted_answer_before_it(people, closed):
    challenge, answers = closed
    call = _set_up(challenge, people["office"])
    challenge.refresh_from_db()
    assert challenge.jury_call == call
    assert call.programme == Programme.CHALLENGE and not call.published
    assert call.opens_at == challenge.opens_at and call.closes_at == challenge.closes_at
    assert challenge.title in call.title
    assert [(c.name, c.weight) for c in call.criteria.all()] == [
        ("Genomförbart inom ett år", Decimal(2)),
        ("Ger kortare väntan", Decimal(1)),
    ]
    entries = list(call.applications.order_by("pk"))
    assert [e.idea_id for e in entries] == [answers[0].idea_id, answers[1].idea_id]
    assert {e.status for e in entries} == {Status.IN_REVIEW}
    assert entries[0].applicant == answers[0].idea.author and entries[0].title == "Svar 0"
    assert entries[0].submitted_at == answers[0].created_at


def test_answers_shortlisted_later_go_to_the_same_jury(people, closed):
    challenge, answers = closed
    call = _set_up(challenge, people["office"])
    _shortlist(answers[2], people["office"])
    assert services.challenge_jury_send_new(challenge=challenge, by=people["office"]) == 1
    assert call.applications.filter(status=Status.IN_REVIEW).count() == 3
    with pytest.raises(DomainError, match="already with the jury"):
        services.challenge_jury_send_new(challenge=challenge, by=people["office"])


def test_only_those_who_respond_to_the_answers_set_up_the_jury(people, closed):
    challenge, _answers = closed
    for someone in ("other_office", "manager", "resident"):
        with pytest.raises(DomainError):
            _set_up(challenge, people[someone])
    assert not Application.objects.exists()
    # The director may, as for every challenge.
    assert _set_up(challenge, people["director"]).programme == Programme.CHALLENGE


def test_an_open_challenge_or_an_empty_shortlist_is_refused_with_why(people):
    challenge = make_challenge(people)
    _answer(challenge, people["resident"], "Svar")
    with pytest.raises(DomainError, match="still open"):
        _set_up(challenge, people["office"])
    close(challenge)
    with pytest.raises(DomainError, match="shortlist is empty") as refused:
        _set_up(challenge, people["office"])
    assert refused.value.field == "shortlist"
    assert challenge.__class__.objects.get(pk=challenge.pk).jury_call is None


def test_a_rubric_without_a_criterion_or_with_a_bad_weight_is_refused_at_its_row(people, closed):
    challenge, _answers = closed
    with pytest.raises(DomainError, match="at least one criterion") as refused:
        _set_up(challenge, people["office"], criteria=[("", "1"), ("  ", "2")])
    assert refused.value.field == "name_1"
    with pytest.raises(DomainError, match="as a number") as refused:
        _set_up(challenge, people["office"], criteria=[("Nytta", "1"), ("Kostnad", "mycket")])
    assert refused.value.field == "weight_2"


def test_two_setting_up_at_once_make_one_jury(people, closed):
    challenge, _answers = closed
    stale = challenge.version
    _set_up(challenge, people["office"])
    with pytest.raises(ConflictError):
        services.challenge_jury_set_up(
            challenge=challenge, by=people["director"], expected_version=stale, criteria=RUBRIC
        )
    assert Application.objects.filter(call__programme=Programme.CHALLENGE).count() == 2


def _jury(call, office, jurors):
    calls.juror_add(call=call, by=office, user=jurors[0], is_chair=True)
    for juror in jurors[1:]:
        calls.juror_add(call=call, by=office, user=juror)
    for entry in call.applications.filter(status=Status.IN_REVIEW):
        for juror in jurors:
            calls.assignment_add(application=entry, juror=juror, by=office)


def _score(call, juror, entry, values):
    assignment = entry.assignments.get(juror=juror)
    criteria = list(call.criteria.all())
    scores = {c.pk: (value, "Motivering.") for c, value in zip(criteria, values, strict=True)}
    return calls.scores_save(
        application=entry, juror=juror, expected_version=assignment.version, scores=scores, submit=True
    )


@pytest.fixture
def two_jurors(tree):
    return [
        factories.person(unit=tree["SDF-S-SKO"], name="Jonas Jurist"),
        factories.person(unit=tree["SLK"], name="Jenny Jurymedlem"),
    ]


def test_the_office_of_the_challenge_forms_the_jury_and_the_jurors_score(people, closed, two_jurors):
    challenge, answers = closed
    office = people["office"]  # an innovation office of a district, not the city's
    call = _set_up(challenge, office)
    _jury(call, office, two_jurors)
    entry = call.applications.get(idea=answers[0].idea)
    _score(call, two_jurors[0], entry, [4, 5])
    _score(call, two_jurors[1], entry, [3, 3])
    # Another district's office manages neither the challenge nor its jury.
    with pytest.raises(DomainError):
        calls.juror_add(call=call, by=people["other_office"], user=people["colleague"])
    # The chair decides nothing: the office responds on the challenge.
    assert not two_jurors[0].has_perm("calls.decide_application", entry)


def test_an_answer_taken_off_the_shortlist_leaves_the_jury_unless_it_is_scored(people, closed, two_jurors):
    challenge, answers = closed
    office = people["office"]
    call = _set_up(challenge, office)
    _jury(call, office, two_jurors)
    scored = call.applications.get(idea=answers[0].idea)
    _score(call, two_jurors[0], scored, [4, 4])
    with pytest.raises(DomainError, match="already scored this answer") as refused:
        _shortlist(answers[0], office, on=False)
    assert refused.value.field == "shortlisted"
    assert Answer.objects.get(pk=answers[0].pk).shortlisted
    _shortlist(answers[1], office, on=False)
    unscored = call.applications.get(idea=answers[1].idea)
    assert unscored.status == Status.WITHDRAWN and not unscored.assignments.exists()
    # Back on the shortlist, it is sent again with the button.
    _shortlist(answers[1], office)
    assert services.challenge_jury_send_new(challenge=challenge, by=office) == 1
    unscored.refresh_from_db()
    assert unscored.status == Status.IN_REVIEW


# --- never shown as a call --------------------------------------------------------------------------------


def test_the_jury_is_no_call_for_those_who_answered_nor_in_the_calls_list(people, closed, client):
    challenge, answers = closed
    call = _set_up(challenge, people["office"])
    author = answers[0].idea.author
    entry = call.applications.get(idea=answers[0].idea)
    assert not call_selectors.applications_of(user=author).exists()
    assert not author.has_perm("calls.view_application", entry)
    assert not author.has_perm("calls.withdraw_application", entry)
    client.force_login(author)
    assert call.title not in client.get(reverse("calls:mine")).content.decode()
    assert client.get(reverse("calls:application", args=[entry.pk])).status_code == 404
    for who in (author, people["director"], people["office"]):
        client.force_login(who)
        assert call.title not in client.get(reverse("calls:list")).content.decode()
    # The idea's timeline tells of no call.
    client.force_login(author)
    page = client.get(answers[0].idea.get_absolute_url()).content.decode()
    assert call.title not in page and "Applied" not in page


# --- pages, the way a browser uses them ---------------------------------------------------------------------


def test_the_office_sets_up_the_jury_from_the_responses_page(people, closed, django_app):
    challenge, _answers = closed
    office = people["office"]
    responses = django_app.get(reverse("challenges:challenge_responses", args=[challenge.pk]), user=office)
    page = responses.click(description="Let a jury score the shortlist")
    url = reverse("challenges:challenge_jury", args=[challenge.pk])
    form = post_forms(page, url)["challenges:challenge_jury"][0]
    # Suggested from the challenge's criteria; a second one is added, weighted double.
    assert form["name_1"].value == "Genomförbart inom ett år, ger kortare väntan"
    fill(form, {"name_2": "Nytta för sökande", "weight_2": "2", "scale_max": "5"})
    resp = form.submit()
    assert resp.status_int == 302, errors(resp)
    challenge.refresh_from_db()
    call = challenge.jury_call
    assert resp.location.endswith(reverse("calls:manage", args=[call.pk]))
    assert [c.weight for c in call.criteria.all()] == [Decimal(1), Decimal(2)]
    workroom = resp.follow(user=office)
    assert "This jury scores the shortlisted answers to the challenge" in workroom.text
    assert "Change the call" not in workroom.text and "Publish the results" not in workroom.text


def test_the_setup_keeps_what_was_typed_when_refused(people, closed, django_app):
    challenge, _answers = closed
    url = reverse("challenges:challenge_jury", args=[challenge.pk])
    page = django_app.get(url, user=people["office"])
    form = post_forms(page, url)["challenges:challenge_jury"][0]
    fill(form, {"name_1": "Nytta", "weight_1": "mycket"})
    resp = form.submit()
    assert resp.status_int == 200
    assert "Write the weight as a number" in resp.text
    assert 'value="mycket"' in resp.text
    assert Challenge.objects.get(pk=challenge.pk).jury_call is None


def test_the_responses_page_shows_and_sorts_by_the_jurys_mean(
    people, closed, two_jurors, django_app, django_assert_max_num_queries
):
    challenge, answers = closed
    office = people["office"]
    call = _set_up(challenge, office)
    _jury(call, office, two_jurors)
    second = call.applications.get(idea=answers[1].idea)
    _score(call, two_jurors[0], second, [4, 5])  # weighted (8 + 5) / 3
    _score(call, two_jurors[1], second, [3, 3])
    url = reverse("challenges:challenge_responses", args=[challenge.pk])
    page = django_app.get(url + "?order=jury", user=office)
    assert "3.7 of 5 (2 of 2 jurors)" in page.text
    assert "Not scored yet (2 jurors assigned)" in page.text
    assert page.text.index("Svar 1") < page.text.index("Svar 0")
    # Answers shortlisted later: one button sends them.
    _shortlist(answers[2], office)
    page = django_app.get(url, user=office)
    assert "1 shortlisted answer is not with the jury yet." in page.text
    send = post_forms(page, reverse("challenges:challenge_jury_send", args=[challenge.pk]))
    resp = send["challenges:challenge_jury_send"][0].submit()
    assert resp.status_int == 302
    assert call.applications.filter(status=Status.IN_REVIEW).count() == 3
    # The office still responds on the challenge.
    respond_url = reverse("challenges:challenge_answer_respond", args=[answers[1].pk])
    form = post_forms(django_app.get(respond_url, user=office), respond_url)["challenges:challenge_answer_respond"][0]
    fill(form, {"response": "taken_forward", "reason": "Juryn satte det högst.", "shortlisted": True})
    assert form.submit().status_int == 302
    # The jury's results come in the list's own query: a fixed number of queries, whatever the answers.
    with django_assert_max_num_queries(16):
        django_app.get(url + "?order=jury", user=office)


def test_someone_else_may_not_open_the_setup(people, closed, django_app):
    challenge, _answers = closed
    url = reverse("challenges:challenge_jury", args=[challenge.pk])
    assert django_app.get(url, user=people["other_office"], expect_errors=True).status_int in (403, 404)
    assert django_app.get(url, user=people["resident"], expect_errors=True).status_int in (403, 404)


def test_the_jury_is_no_task_of_those_who_answered_nor_a_decision_for_its_chair_nor_an_application_counted(
    people, closed, two_jurors
):
    challenge, answers = closed
    call = _set_up(challenge, people["office"])
    _jury(call, people["office"], two_jurors)
    assert applicant_tasks(answers[0].idea.author) is None
    # The chair scores; there is nothing for them to decide.
    tasks = jury_tasks(two_jurors[0])
    assert tasks is not None
    assert all(reverse("calls:ranking", args=[call.pk]) not in line.url for line in tasks.lines)
    now = timezone.now()
    figures = call_applications(now - timedelta(days=400), now + timedelta(days=1))
    assert all(figure.value == 0 for figure in figures.values())


def test_who_sets_up_and_runs_a_challenges_jury(people, closed):
    challenge, _answers = closed
    call = _set_up(challenge, people["office"])
    allowed = {"office", "director"}
    for who, person in people.items():
        assert person.has_perm("challenges.set_up_jury", challenge) == (who in allowed), who
        assert person.has_perm("calls.manage_call", call) == (who in allowed), who
        # Only the city's innovation office runs the calls people apply to.
        assert person.has_perm("calls.manage_calls") == (who == "director"), who
