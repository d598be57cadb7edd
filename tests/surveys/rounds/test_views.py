"""The surveys overview, the questionnaire's pages and a round's pages: forms filled in the way a browser does (only
the fields shown), who may open what, the confirmation pages, a stale edit, and the pages' query bounds."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from surveys.models import Invitation, Question, QuestionnaireVersion, Round, RoundState, TargetGroup, Theme
from surveys.rounds import services as rounds
from surveys.rounds.default import default_questionnaire
from tests import factories
from tests.forms.browser_like import errors, fill, post_forms
from tests.surveys.conftest import answer, close_round, make_round, open_round, tokens

pytestmark = pytest.mark.django_db


def submit(app, user, url, posts_to, values=None, *, expect_errors=False):
    page = app.get(url, user=user)
    forms = post_forms(page, url)
    assert posts_to in forms, f"{url} shows no form posting to {posts_to}: {sorted(forms)}"
    response = fill(forms[posts_to][0], values or {}).submit()
    if expect_errors:
        assert response.status_int == 200
        return response
    assert response.status_int in (302, 303), errors(response)
    followed = response.follow(user=user)
    assert not errors(followed)
    return followed


def _day(days: int = 0) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()


# --- the overview ----------------------------------------------------------------------------------------------


def test_the_overview_tells_the_executive_office_to_set_up_the_first_round(app, director, people):
    page = app.get(reverse("surveys:rounds"), user=director)
    assert reverse("surveys:round_add") in page.text
    page = app.get(reverse("surveys:rounds"), user=people["employee"])
    assert reverse("surveys:round_add") not in page.text
    assert "har avslutats än" in page.text or "has closed yet" in page.text


def test_the_overview_lists_searches_filters_and_links_closed_rounds_to_their_results(
    app, director, version, staff, people
):
    closed = close_round(director, open_round(director, make_round(director, version, year=2025)))
    opened = open_round(director, make_round(director, version, year=2026))
    draft = make_round(director, version, year=2027)
    for token in tokens(opened)[:3]:
        answer(token, strategy=4)
    page = app.get(reverse("surveys:rounds"), user=director)
    names = [a.text for a in page.html.select("#results tbody tr .sprang-stack__title > a")]
    assert names[:3] == [draft.name_sv, opened.name_sv, closed.name_sv]  # newest first
    assert reverse("surveys:results", args=[closed.pk]) in page.text
    assert f"3 av {opened.invited_count}" in page.text or f"3 of {opened.invited_count}" in page.text
    page = app.get(reverse("surveys:rounds") + "?state=open", user=director)
    assert opened.name_sv in page.text and closed.name_sv not in page.text
    page = app.get(reverse("surveys:rounds") + "?year=2025&sort=oldest", user=director)
    assert closed.name_sv in page.text and opened.name_sv not in page.text
    page = app.get(reverse("surveys:rounds") + "?q=finns+inte", user=director)
    assert draft.name_sv not in page.text and ("färre ord" in page.text or "fewer words" in page.text)
    # Staff see the rounds that have opened, not those being prepared.
    page = app.get(reverse("surveys:rounds"), user=people["employee"])
    assert opened.name_sv in page.text and draft.name_sv not in page.text


def test_the_overview_is_a_fixed_number_of_queries(client, director, version, staff, django_assert_max_num_queries):
    for year in (2024, 2025, 2026):
        open_round(director, make_round(director, version, year=year))
    make_round(director, version, year=2027)
    client.force_login(director)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("surveys:rounds")).status_code == 200


@pytest.mark.parametrize("who", ["resident", "supplier"])
def test_only_city_staff_see_the_overview(app, people, who):
    assert app.get(reverse("surveys:rounds"), user=people[who], expect_errors=True).status_int == 403


# --- who may set up ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["manager", "employee", "resident", "supplier", "office"])
def test_only_the_executive_office_sets_up(app, people, version, director, who):
    draft = make_round(director, version)
    question = version.questions.first()
    user = people[who]
    for url in (
        reverse("surveys:questionnaire"),
        reverse("surveys:version", args=[version.pk]),
        reverse("surveys:question_add", args=[version.pk]),
        reverse("surveys:question_edit", args=[question.pk]),
        reverse("surveys:question_remove", args=[question.pk]),
        reverse("surveys:version_new", args=[version.pk]),
        reverse("surveys:round_add"),
        reverse("surveys:round_edit", args=[draft.pk]),
        reverse("surveys:round_open", args=[draft.pk]),
        reverse("surveys:round_delete", args=[draft.pk]),
        reverse("surveys:round_version", args=[draft.pk]),
    ):
        assert app.get(url, user=user, expect_errors=True).status_int in (403, 404), (who, url)
    response = app.post(
        reverse("surveys:round_open", args=[draft.pk]), {"lock_version": 1}, user=user, expect_errors=True
    )
    assert response.status_int in (403, 404)
    draft.refresh_from_db()
    assert draft.state == RoundState.DRAFT


# --- a round -----------------------------------------------------------------------------------------------------


def test_the_director_sets_up_a_round_through_the_form(app, director, version, tree):
    default_questionnaire()
    page = submit(
        app,
        director,
        reverse("surveys:round_add"),
        "surveys:round_add",
        {
            "name_sv": "Innovationsförmåga 2026",
            "name_en": "Capacity to innovate 2026",
            "target_group": TargetGroup.EMPLOYEES,
            "unit": str(tree["SDF-S"].pk),
            "opens_on": _day(1),
            "closes_on": (timezone.localdate() + timedelta(days=22)).strftime("%-d/%-m %Y"),
            "reminder_days": "7, 14",
        },
    )
    round_ = Round.objects.get()
    assert round_.unit == tree["SDF-S"] and round_.target_group == TargetGroup.EMPLOYEES
    assert round_.reminder_days == [7, 14] and round_.closes_on == timezone.localdate() + timedelta(days=22)
    assert round_.version == version and round_.created_by == director
    assert "Innovationsförmåga 2026" in page.text and director.name in page.text


def test_a_refused_round_names_the_field_and_keeps_the_input(app, director, version, tree):
    response = submit(
        app,
        director,
        reverse("surveys:round_add"),
        "surveys:round_add",
        {
            "name_sv": "Enkät om förnyelse",
            "name_en": "Survey",
            "opens_on": _day(1),
            "closes_on": _day(20),
            "reminder_days": "sju",
        },
        expect_errors=True,
    )
    assert errors(response) and 'value="sju"' in response.text and 'value="Enkät om förnyelse"' in response.text
    assert not Round.objects.exists()


def test_the_unit_select_shows_the_tree_indented(app, director, version, tree):
    page = app.get(reverse("surveys:round_add"), user=director)
    options = {o.text: o.get("value") for o in page.html.select("select[name=unit] option")}
    assert "\u2003\u2003Södra stadsdelsförvaltningen" in options and "Teststaden" in options


def test_a_stale_edit_keeps_the_input_and_says_so(app, director, version, tree):
    draft = make_round(director, version)
    url = reverse("surveys:round_edit", args=[draft.pk])
    page = app.get(url, user=director)
    form = post_forms(page, url)["surveys:round_edit"][0]
    rounds.round_update(
        round=draft,
        by=director,
        expected_version=1,
        name_sv="Ändrad av någon annan",
        name_en=draft.name_en,
        year=draft.year,
        target_group=draft.target_group,
        unit=draft.unit,
        opens_on=draft.opens_on,
        closes_on=draft.closes_on,
        reminder_days=draft.reminder_days,
    )
    form["name_sv"] = "Mitt nya namn"
    response = form.submit(user=director)
    assert response.status_int == 200 and 'value="Mitt nya namn"' in response.text and errors(response)
    again = post_forms(response, url)["surveys:round_edit"][0].submit(user=director)
    assert again.status_int == 302
    draft.refresh_from_db()
    assert draft.name_sv == "Mitt nya namn" and draft.lock_version == 3


def test_opening_says_how_many_are_invited_and_invites_them(
    app, director, version, staff, django_capture_on_commit_callbacks
):
    draft = make_round(director, version)
    url = reverse("surveys:round_open", args=[draft.pk])
    page = app.get(url, user=director)
    count = len(rounds.invitees(draft))
    assert f"{count} " in page.html.select_one("main .govuk-body-l").text
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        submit(app, director, url, "surveys:round_open")
    draft.refresh_from_db()
    assert draft.state == RoundState.OPEN and draft.invited_count == count == Invitation.objects.count()
    assert len(mail.outbox) == count


def test_closing_early_and_deleting_go_through_their_confirmation_pages(app, director, version, staff):
    opened = open_round(director, make_round(director, version))
    url = reverse("surveys:round_close", args=[opened.pk])
    submit(app, director, url, "surveys:round_close")
    opened.refresh_from_db()
    assert opened.state == RoundState.CLOSED and opened.results_at is not None
    # Closed: no more changes; the confirmation pages send back to the round.
    assert app.get(url, user=director).status_int == 302
    draft = make_round(director, version, year=2027)
    submit(app, director, reverse("surveys:round_delete", args=[draft.pk]), "surveys:round_delete")
    assert not Round.objects.filter(pk=draft.pk).exists()
    assert app.get(reverse("surveys:round_delete", args=[opened.pk]), user=director).status_int == 302


def test_a_stale_confirmation_changes_nothing(app, director, version, staff):
    draft = make_round(director, version)
    url = reverse("surveys:round_delete", args=[draft.pk])
    form = post_forms(app.get(url, user=director), url)["surveys:round_delete"][0]
    rounds.round_update(
        round=draft,
        by=director,
        expected_version=1,
        name_sv="Ändrad",
        name_en=draft.name_en,
        year=draft.year,
        target_group=draft.target_group,
        unit=draft.unit,
        opens_on=draft.opens_on,
        closes_on=draft.closes_on,
    )
    assert form.submit(user=director).status_int == 302
    assert Round.objects.filter(pk=draft.pk).exists()


def test_moving_a_round_to_another_version_offers_only_its_questionnaires_versions(app, director, version, staff):
    opened = open_round(director, make_round(director, version))
    url = reverse("surveys:round_version", args=[opened.pk])
    page = app.get(url, user=director)
    assert "surveys:round_version" not in post_forms(page, url)  # no other version yet
    second = rounds.version_create(questionnaire=version.questionnaire, by=director, note="Fråga 3 om tid per vecka")
    page = app.get(url, user=director)
    choices = [v for v, *_ in post_forms(page, url)["surveys:round_version"][0].fields["version"][0].options]
    assert choices == [str(second.pk)]
    submit(app, director, url, "surveys:round_version", {"version": str(second.pk)})
    opened.refresh_from_db()
    assert opened.version == second


def test_the_response_rate_per_unit_sums_up_the_tree_and_names_nobody(app, director, version, staff, people, tree):
    opened = open_round(director, make_round(director, version, target_group=TargetGroup.EMPLOYEES))
    invitations = list(opened.invitations.order_by("pk"))
    north = [i for i, inv in enumerate(invitations) if inv.unit.path.startswith(tree["SDF-N"].path)]
    for i in north[:4]:
        answer(tokens(opened)[i], strategy=3)
    page = app.get(reverse("surveys:round", args=[opened.pk]), user=director)
    rows = {
        r.select_one("th").text.strip(): [td.text.strip() for td in r.select("td")]
        for r in page.html.select("#response-rate ~ div table tbody tr")
    }
    city = rows["Teststaden"]
    assert city[:2] == [str(opened.invited_count), "4"]
    assert rows["Norra stadsdelsförvaltningen"][:2] == [str(len(north)), "4"]
    assert people["employee"].name not in page.text
    # A manager in Norra sees Norra's part of the tree only.
    page = app.get(reverse("surveys:round", args=[opened.pk]), user=people["manager"])
    units = [r.select_one("th").text.strip() for r in page.html.select("#response-rate ~ div table tbody tr")]
    assert units[0] == "Norra stadsdelsförvaltningen" and "Skola Södra" not in units
    # Other staff see the round but not the table.
    page = app.get(reverse("surveys:round", args=[opened.pk]), user=people["employee"])
    assert "response-rate" not in page.text


def test_the_round_page_is_a_fixed_number_of_queries(client, director, version, staff, django_assert_max_num_queries):
    opened = open_round(director, make_round(director, version, target_group=TargetGroup.EMPLOYEES))
    client.force_login(director)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("surveys:round", args=[opened.pk])).status_code == 200
    for _ in range(5):
        factories.person(unit=Round.objects.get(pk=opened.pk).unit)
    bigger = open_round(director, make_round(director, version, target_group=TargetGroup.EMPLOYEES, year=2027))
    with django_assert_max_num_queries(12):
        assert client.get(reverse("surveys:round", args=[bigger.pk])).status_code == 200


# --- the questionnaire -------------------------------------------------------------------------------------------


def test_the_questionnaire_is_made_on_first_view_with_its_questions_by_theme(app, director, people):
    page = app.get(reverse("surveys:questionnaire"), user=director)
    version = QuestionnaireVersion.objects.get()
    page = page.click(href=reverse("surveys:version", args=[version.pk]))
    headings = [h.text for h in page.html.select("main h2.govuk-heading-l")]
    assert headings == ["Framgångsfaktor", "Förmågeområde", "Fritext"] or len(headings) == 3
    assert "We have a clear strategy" in page.text and "Vi har en tydlig strategi" in page.text


def test_the_director_adds_edits_moves_and_removes_a_question(app, director, version):
    url = reverse("surveys:version", args=[version.pk])
    submit(
        app,
        director,
        reverse("surveys:question_add", args=[version.pk]),
        "surveys:question_add",
        {
            "text_sv": "Vi prövar nya arbetssätt i liten skala.",
            "text_en": "We try out new ways of working on a small scale.",
            "theme": Theme.CAPABILITY,
            "kind": "scale",
        },
    )
    added = version.questions.get(text_en__startswith="We try out")
    assert added.position == 17
    old_key = added.key
    submit(
        app,
        director,
        reverse("surveys:question_edit", args=[added.pk]),
        "surveys:question_edit",
        {"text_en": "We try out new ways of working in pilots.", "asks_something_new": True},
    )
    added.refresh_from_db()
    assert added.key != old_key and added.text_en.endswith("in pilots.")
    page = app.get(url, user=director)
    move = [f for f in post_forms(page, url).get("surveys:question_move", []) if f"/{added.pk}/" in f.action][0]
    move.submit("direction", index=0, user=director)  # up: the only button of the last question
    added.refresh_from_db()
    assert added.position == 16
    submit(app, director, reverse("surveys:question_remove", args=[added.pk]), "surveys:question_remove")
    assert not Question.objects.filter(pk=added.pk).exists()


def test_a_version_with_answers_says_why_it_cannot_change_and_makes_a_new_one(app, director, version, staff):
    opened = open_round(director, make_round(director, version))
    answer(tokens(opened)[0], strategy=5)
    url = reverse("surveys:version", args=[version.pk])
    page = app.get(url, user=director)
    assert reverse("surveys:question_add", args=[version.pk]) not in page.text
    assert reverse("surveys:version_new", args=[version.pk]) in page.text
    assert opened.name_sv in page.text
    question = version.questions.first()
    response = submit(
        app,
        director,
        reverse("surveys:question_remove", args=[question.pk]),
        "surveys:question_remove",
        expect_errors=True,
    )
    assert errors(response) and Question.objects.filter(pk=question.pk).exists()
    page = submit(
        app,
        director,
        reverse("surveys:version_new", args=[version.pk]),
        "surveys:version_new",
        {"note": "Fråga 3 frågar om tid per vecka."},
    )
    second = QuestionnaireVersion.objects.get(number=2)
    assert second.questions.count() == version.questions.count() and second.note.startswith("Fråga 3")
    assert reverse("surveys:question_add", args=[second.pk]) in page.text


def test_the_main_menu_links_the_overview_for_city_staff(app, people):
    page = app.get("/", user=people["employee"])
    assert reverse("surveys:rounds") in page.text
    page = app.get("/", user=people["resident"])
    assert reverse("surveys:rounds") not in page.text


def test_editing_an_open_round_changes_its_last_day_and_shows_the_rest_as_set(app, director, version, staff, tree):
    opened = open_round(director, make_round(director, version))
    url = reverse("surveys:round_edit", args=[opened.pk])
    page = app.get(url, user=director)
    assert page.html.select_one("select[name=unit]").has_attr("disabled")
    later = opened.closes_on + timedelta(days=3)
    submit(app, director, url, "surveys:round_edit", {"closes_on": later.isoformat(), "name_en": "Capacity 2026"})
    opened.refresh_from_db()
    assert opened.closes_on == later and opened.name_en == "Capacity 2026" and opened.unit == tree["CITY"]


def test_opening_a_round_that_would_invite_nobody_offers_no_open_button_but_a_way_to_change_it(
    app, director, version, tree
):
    # Nobody at Skola Södra is a manager without the ``staff`` fixture.
    draft = make_round(director, version, unit=tree["SDF-S-SKO"])
    assert rounds.invitees(draft) == []
    url = reverse("surveys:round_open", args=[draft.pk])
    page = app.get(url, user=director)
    assert "surveys:round_open" not in post_forms(page, url)
    assert "Ingen kan bjudas in" in page.html.select_one("main .govuk-body-l").text
    assert page.html.select_one(f"main a[href='{reverse('surveys:round_edit', args=[draft.pk])}']")


def test_opening_a_round_that_invites_fewer_than_can_be_shown_warns_but_still_opens(
    app, director, version, staff, tree, settings
):
    settings.SPRANG_SURVEY_MIN_ANSWERS = 5
    draft = make_round(director, version, unit=tree["SLK"])  # two managers
    assert 0 < len(rounds.invitees(draft)) < 5
    url = reverse("surveys:round_open", args=[draft.pk])
    warning = app.get(url, user=director).html.select_one("main .govuk-warning-text")
    assert warning is not None and "minst 5" in warning.text
    submit(app, director, url, "surveys:round_open")
    draft.refresh_from_db()
    assert draft.state == RoundState.OPEN
    big = make_round(director, version, year=2027)
    assert (
        app.get(reverse("surveys:round_open", args=[big.pk]), user=director).html.select_one("main .govuk-warning-text")
        is None
    )


def test_the_overview_heads_the_date_column_with_what_it_holds(app, director, version, staff):
    make_round(director, version)
    page = app.get(reverse("surveys:rounds"), user=director)
    headers = [th.text.strip() for th in page.html.select("main thead th")]
    assert "Svarstid" in headers and "Öppen för svar" not in headers


@pytest.mark.parametrize("who", ["resident", "supplier"])
def test_people_who_are_not_staff_are_told_survey_pages_are_for_the_citys_staff(app, people, who):
    page = app.get(reverse("surveys:rounds"), user=people[who], expect_errors=True)
    main = page.html.select_one("main").text
    assert page.status_int == 403
    assert "stadens anställda" in main and "innovationskontor" not in main


def test_staff_refused_a_survey_page_still_are_told_whom_to_ask(app, people, version, director):
    page = app.get(reverse("surveys:questionnaire"), user=people["employee"], expect_errors=True)
    assert page.status_int == 403 and "innovationskontor" in page.html.select_one("main").text
