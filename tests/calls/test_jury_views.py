"""The office's workroom, the jurors' scoring and the chair's ranking, as each sees them, and what they refuse."""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.test import Client

from calls import services
from calls.models import (
    Application,
    Assignment,
    Call,
    Category,
    Criterion,
    Decision,
    Juror,
    Payment,
    Programme,
    Score,
    Status,
)
from tests.calls.conftest import CLOSES, DURING, OPENS
from tests.sessions import sign_in_and_let_the_session_end

STHLM = ZoneInfo("Europe/Stockholm")

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(client):
    """The pages in English, so the assertions read the texts as written in the code."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def english_client(user) -> Client:
    other = Client()
    other.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    other.force_login(user)
    return other


def criteria_of(application) -> list[Criterion]:
    return list(application.call.criteria.all())


def version_of(application, juror) -> int:
    return Assignment.objects.get(application=application, juror=juror).version


def score_post(application, juror, values, comments=None, *, version=None, submit=False) -> dict:
    data: dict = {"version": version if version is not None else version_of(application, juror)}
    for i, (criterion, value) in enumerate(zip(criteria_of(application), values, strict=True)):
        data[f"score-{criterion.pk}"] = "" if value is None else str(value)
        data[f"comment-{criterion.pk}"] = comments[i] if comments else f"Motivering {value}"
    data["submit" if submit else "save"] = ""
    return data


def submit_scores(application, juror, values) -> None:
    services.scores_save(
        application=application,
        juror=juror,
        expected_version=version_of(application, juror),
        scores={
            c.pk: (v, f"Motivering {v} av {juror.name}") for c, v in zip(criteria_of(application), values, strict=True)
        },
        submit=True,
    )


# --- the office: creating and managing a call ---


def call_form(**changes) -> dict:
    data = {
        "programme": "fund",
        "title": "Innovationsfonden 2027",
        "summary": "Pengar till förstudier och piloter.",
        "description": "Sök medel för en idé i innovationsslussen.",
        "year": "2027",
        "opens_on": "2027-03-01",
        "opens_time": "08:00",
        "closes_on": "2027-04-30",
        "closes_time": "23:59",
        "budget": "2 000 000",
        "scale_min": "1",
        "scale_max": "5",
        "blind_review": "on",
    }
    data.update(changes)
    return data


def test_the_office_creates_a_call_with_its_deadline_in_stockholm_time(client, people):
    client.force_login(people["director"])
    assert client.get("/calls/new/").status_code == 200
    response = client.post("/calls/new/", call_form())
    call = Call.objects.get(title="Innovationsfonden 2027")
    assert response.status_code == 302
    assert response["Location"] == f"/calls/{call.pk}/manage/"
    assert call.closes_at == datetime(2027, 4, 30, 23, 59, tzinfo=STHLM)
    assert call.opens_at == datetime(2027, 3, 1, 8, 0, tzinfo=STHLM)
    assert call.budget == Decimal(2_000_000)
    assert call.blind_review
    assert not call.published


def test_a_call_closing_before_it_opens_is_refused_at_the_field_and_the_input_kept(client, people):
    client.force_login(people["director"])
    response = client.post("/calls/new/", call_form(closes_on="2027-02-01"))
    assert response.status_code == 200
    assert response.context["form"].errors["closes_on"] == ["The call must close after it opens."]
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "Pengar till förstudier och piloter." in html
    assert not Call.objects.filter(title="Innovationsfonden 2027").exists()


def test_a_scale_upside_down_is_refused_at_the_field(client, people):
    client.force_login(people["director"])
    response = client.post("/calls/new/", call_form(scale_min="5", scale_max="3"))
    assert response.context["form"].errors["scale_max"] == ["The highest score must be above the lowest."]


def office_pages(call, application) -> list[str]:
    return [
        "/calls/new/",
        f"/calls/{call.pk}/manage/",
        f"/calls/{call.pk}/manage/publish/",
        f"/calls/{call.pk}/manage/results/",
        f"/calls/applications/{application.pk}/manage/",
    ]


@pytest.mark.parametrize("who", ["office", "employee", "manager", "resident"])
def test_people_other_than_the_citys_innovation_office_get_403_on_the_manage_pages(
    client, people, fund_application, who
):
    """An innovation office of one administration (Norra) does not run the city's programmes."""
    client.force_login(people[who])
    for url in office_pages(fund_application.call, fund_application):
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"form": "criterion", "name": "X", "weight": "1"}).status_code == 403, url
    assert fund_application.call.criteria.count() == 2


def test_a_juror_gets_403_on_the_manage_pages_too(client, jurors, with_jury):
    client.force_login(jurors["chair"])
    for url in office_pages(with_jury.call, with_jury):
        assert client.get(url).status_code == 403, url


def test_signed_out_visitors_are_sent_to_sign_in(client, fund_application):
    response = client.get(f"/calls/{fund_application.call.pk}/manage/")
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]


def test_the_workroom_shows_the_rubric_the_jury_with_its_recusals_and_the_applications(
    client, people, jurors, with_jury, django_assert_max_num_queries
):
    client.force_login(people["director"])
    # 25 for the page, and 1 as the first page after signing in keeps the browser's language on the person's
    # record with its audit log entry.
    with django_assert_max_num_queries(26):
        response = client.get(f"/calls/{with_jury.call.pk}/manage/")
    assert response.status_code == 200
    rows = {row["seat"].user.name: row for row in response.context["jurors"]}
    assert (rows["Erik Expert"]["assigned"], rows["Erik Expert"]["recused"]) == (1, 0)
    assert (rows["Nora Norra"]["assigned"], rows["Nora Norra"]["recused"]) == (0, 1)
    assert rows["Carl Chair"]["seat"].is_chair
    [application] = response.context["page_obj"]
    assert (application.n_assigned, application.n_scored) == (2, 0)
    html = response.content.decode()
    assert "Nytta för stockholmarna" in html
    assert "Pilot med digitala lås" in html
    assert "Anna Anställd" in html


def test_the_applications_are_filtered_by_status(client, people, with_jury):
    client.force_login(people["director"])
    call = with_jury.call
    assert len(client.get(f"/calls/{call.pk}/manage/?status=in_review").context["page_obj"]) == 1
    response = client.get(f"/calls/{call.pk}/manage/?status=ineligible")
    assert len(response.context["page_obj"]) == 0
    assert "No application has this status." in response.content.decode()


def test_the_office_adds_a_criterion_a_class_and_a_chair(client, people, fund, jurors):
    client.force_login(people["director"])
    url = f"/calls/{fund.pk}/manage/"
    response = client.post(url, {"form": "criterion", "name": "Spridbarhet", "description": "", "weight": "0,5"})
    assert response.status_code == 302
    assert fund.criteria.get(name="Spridbarhet").weight == Decimal("0.5")
    client.post(url, {"form": "category", "class_name": "Vård och omsorg", "entry_rule": "Enheter inom äldreomsorgen"})
    assert Category.objects.filter(call=fund, name="Vård och omsorg").exists()
    client.post(url, {"form": "juror", "email": jurors["expert"].email.upper(), "role": "chair"})
    assert Juror.objects.get(call=fund, is_chair=True).user == jurors["expert"]


def test_a_bad_weight_and_an_unknown_email_are_shown_at_their_fields(client, people, fund):
    client.force_login(people["director"])
    url = f"/calls/{fund.pk}/manage/"
    response = client.post(url, {"form": "criterion", "name": "Spridbarhet", "weight": "mycket"})
    assert response.context["criterion_form"].errors["weight"] == [
        "Write the weight as a number, for example 2 or 0,5."
    ]
    assert not fund.criteria.filter(name="Spridbarhet").exists()
    response = client.post(url, {"form": "juror", "email": "ingen@example.se", "role": "juror"})
    assert "email" in response.context["juror_form"].errors
    assert fund.jurors.count() == 3


def test_publishing_asks_for_confirmation_and_refuses_a_call_without_criteria(client, people):
    client.force_login(people["director"])
    client.post("/calls/new/", call_form())
    call = Call.objects.get(title="Innovationsfonden 2027")
    assert "Publish the call" in client.get(f"/calls/{call.pk}/manage/publish/").content.decode()
    response = client.post(f"/calls/{call.pk}/manage/publish/")
    assert response.status_code == 200
    assert "Add the criteria the jury scores on" in response.content.decode()
    call.refresh_from_db()
    assert not call.published
    services.criterion_add(call=call, by=people["director"], name="Nytta")
    assert client.post(f"/calls/{call.pk}/manage/publish/").status_code == 302
    call.refresh_from_db()
    assert call.published


def test_screening_out_needs_a_note_and_screening_in_sends_it_to_the_jury(client, people, fund_application):
    client.force_login(people["director"])
    url = f"/calls/applications/{fund_application.pk}/manage/"
    response = client.post(url, {"form": "screen", "eligible": "no", "note": ""})
    assert response.status_code == 200
    assert response.context["screen_form"].errors["note"] == [
        "Say why the application is not eligible; the applicant is told."
    ]
    fund_application.refresh_from_db()
    assert fund_application.status == Status.SUBMITTED
    assert client.post(url, {"form": "screen", "eligible": "yes", "note": ""}).status_code == 302
    fund_application.refresh_from_db()
    assert fund_application.status == Status.IN_REVIEW


def test_the_screening_note_is_not_marked_optional_beside_its_required_when_hint(client, people, fund_application):
    client.force_login(people["director"])
    page = client.get(f"/calls/applications/{fund_application.pk}/manage/").content.decode()
    label = re.search(r'<label[^>]*for="id_note"[^>]*>(.*?)</label>', page, re.S)
    assert label is not None
    assert "optional" not in label.group(1) and "frivilligt" not in label.group(1)


def test_assigning_a_recused_juror_is_refused_with_the_reason(client, people, jurors, with_jury):
    client.force_login(people["director"])
    url = f"/calls/applications/{with_jury.pk}/manage/"
    page = client.get(url).content.decode()
    assert "Nora Norra (recused)" in page
    assert "Same organisation as the applicant." in page
    response = client.post(url, {"form": "assign", "juror": jurors["north"].pk})
    assert response.status_code == 200
    [error] = response.context["assign_form"].errors["juror"]
    assert "Nora Norra is recused from this application" in error
    assert not Assignment.objects.filter(application=with_jury, juror=jurors["north"]).exists()


def test_assigning_one_juror(client, people, jurors, fund_application):
    services.application_screen(application=fund_application, by=people["director"], eligible=True)
    client.force_login(people["director"])
    response = client.post(
        f"/calls/applications/{fund_application.pk}/manage/", {"form": "assign", "juror": jurors["expert"].pk}
    )
    assert response.status_code == 302
    assert Assignment.objects.filter(application=fund_application, juror=jurors["expert"]).exists()


def test_assigning_every_eligible_application_leaves_out_the_recused(client, people, jurors, fund_application):
    services.application_screen(application=fund_application, by=people["director"], eligible=True)
    client.force_login(people["director"])
    response = client.post(f"/calls/{fund_application.call.pk}/manage/", {"form": "assign_all"}, follow=True)
    assigned = set(Assignment.objects.filter(application=fund_application).values_list("juror__name", flat=True))
    assert assigned == {"Erik Expert", "Carl Chair"}
    assert (
        "New assignments: 2. Left out because the juror is recused (same organisation or a declared conflict): 1."
        in response.content.decode()
    )
    client.post(f"/calls/{fund_application.call.pk}/manage/", {"form": "assign_all"})  # again: nothing doubled
    assert Assignment.objects.filter(application=fund_application).count() == 2


def test_payments_for_a_granted_application_stay_within_the_grant(client, people, jurors, with_jury):
    services.decision_record(
        application=with_jury, by=jurors["chair"], granted=True, justification="Bra.", amount=Decimal(100_000)
    )
    client.force_login(people["director"])
    url = f"/calls/applications/{with_jury.pk}/manage/"
    response = client.post(
        url, {"form": "payment", "amount": "60 000", "paid_on": "2026-06-01", "payment_note": "Första"}
    )
    assert response.status_code == 302
    response = client.post(url, {"form": "payment", "amount": "50000", "paid_on": "2026-09-01", "payment_note": ""})
    assert "exceed the granted amount" in response.context["payment_form"].errors["amount"][0]
    assert list(Payment.objects.values_list("amount", "note")) == [(Decimal(60_000), "Första")]


def test_results_are_published_only_once_every_application_is_decided(client, people, jurors, with_jury):
    client.force_login(people["director"])
    url = f"/calls/{with_jury.call.pk}/manage/results/"
    response = client.post(url)
    assert "Every application with the jury needs a decision" in response.content.decode()
    services.decision_record(application=with_jury, by=jurors["chair"], granted=False, justification="Otydlig plan.")
    assert client.post(url).status_code == 302
    with_jury.call.refresh_from_db()
    assert with_jury.call.results_published_at is not None


# --- the jurors ---


def test_a_juror_sees_their_seats_and_what_is_left_to_score(client, jurors, with_jury):
    client.force_login(jurors["expert"])
    response = client.get("/calls/jury/")
    [item] = response.context["work"]
    assert item["left"] == 1
    assert "Pilot med digitala lås" in response.content.decode()
    submit_scores(with_jury, jurors["expert"], [4, 3])
    assert client.get("/calls/jury/").context["work"][0]["left"] == 0


def test_the_score_page_shows_the_rubric_and_the_scale(client, jurors, with_jury):
    client.force_login(jurors["expert"])
    response = client.get(f"/calls/applications/{with_jury.pk}/score/")
    assert response.status_code == 200
    html = response.content.decode()
    first = with_jury.call.criteria.first()
    assert "Nytta för stockholmarna" in html and "weight 2" in html
    assert html.count(f'name="score-{first.pk}"') == 5
    assert "5 (highest)" in html
    assert f'name="comment-{first.pk}"' in html
    assert "Submit scores (final)" in html
    assert "Anna Anställd" in html  # no blind review in this call


@pytest.fixture
def blind_application(people, jurors):
    """An open data award with blind review; the expert scores it."""
    director = people["director"]
    call = services.call_create(
        by=director,
        programme=Programme.OPEN_DATA_AWARD,
        title="Öppna data-priset 2026",
        summary="För den som gör mest nytta med stadens öppna data.",
        description="Nominera en tjänst.",
        year=2026,
        opens_at=OPENS,
        closes_at=CLOSES,
        blind_review=True,
    )
    services.criterion_add(call=call, by=director, name="Nytta")
    services.call_publish(call=call, by=director)
    services.juror_add(call=call, by=director, user=jurors["expert"])
    employee = people["employee"]
    application = services.application_start(call=call, applicant=employee, now=DURING)
    application = services.application_save(
        application=application,
        by=employee,
        expected_version=application.version,
        title="Busskartan",
        summary="Realtidskarta över bussarna.",
        description="Bygger på trafikdata.",
        open_data_used="Trafikdata: hållplatser och linjer.",
    )
    application = services.application_submit(
        application=application, by=employee, expected_version=application.version, now=DURING
    )
    services.application_screen(application=application, by=director, eligible=True)
    services.assignment_add(application=application, juror=jurors["expert"], by=director)
    return application


def test_blind_review_hides_who_applied_from_the_juror(client, jurors, blind_application):
    client.force_login(jurors["expert"])
    for url in ("/calls/jury/", f"/calls/applications/{blind_application.pk}/score/"):
        html = client.get(url).content.decode()
        assert "Busskartan" in html
        assert "Anna Anställd" not in html, url
        assert "Björkens äldreboende" not in html, url
    assert "Hidden: the call has blind review." in html


def test_a_score_outside_the_scale_is_refused_at_its_field_and_nothing_is_saved(client, jurors, with_jury):
    client.force_login(jurors["expert"])
    first, _second = criteria_of(with_jury)
    response = client.post(
        f"/calls/applications/{with_jury.pk}/score/", score_post(with_jury, jurors["expert"], [6, 3])
    )
    assert response.status_code == 200
    assert response.context["form"].errors[f"score-{first.pk}"] == [
        "A score on “Nytta för stockholmarna” must be from 1 to 5."
    ]
    assert "govuk-error-summary" in response.content.decode()
    assert not Score.objects.exists()
    assert version_of(with_jury, jurors["expert"]) == 1


def test_a_score_without_its_comment_is_refused_at_the_comment(client, jurors, with_jury):
    client.force_login(jurors["expert"])
    first, _second = criteria_of(with_jury)
    data = score_post(with_jury, jurors["expert"], [4, None], comments=["  ", ""])
    response = client.post(f"/calls/applications/{with_jury.pk}/score/", data)
    assert f"comment-{first.pk}" in response.context["form"].errors
    assert not Score.objects.exists()


def test_saving_then_submitting_makes_the_scores_final(client, jurors, with_jury):
    client.force_login(jurors["expert"])
    url = f"/calls/applications/{with_jury.pk}/score/"
    assert (
        client.post(url, score_post(with_jury, jurors["expert"], [4, None], comments=["Stor nytta", ""])).status_code
        == 302
    )
    assignment = Assignment.objects.get(application=with_jury, juror=jurors["expert"])
    assert assignment.submitted_at is None
    assert [s.value for s in assignment.scores.all()] == [4]
    page = client.get(url).content.decode()
    assert "Stor nytta" in page  # the saved draft comes back in the form
    response = client.post(
        url, score_post(with_jury, jurors["expert"], [4, None], comments=["Stor nytta", ""], submit=True)
    )
    assert "Score every criterion before submitting" in response.content.decode()
    assert client.post(url, score_post(with_jury, jurors["expert"], [4, 2], submit=True)).status_code == 302
    assignment.refresh_from_db()
    assert assignment.submitted_at is not None
    response = client.post(url, score_post(with_jury, jurors["expert"], [1, 1]), follow=True)
    assert "Your scores are submitted and final." in response.content.decode()
    assert sorted(assignment.scores.values_list("value", flat=True)) == [2, 4]


def test_a_juror_sees_the_others_scores_only_after_submitting_their_own(client, jurors, with_jury):
    submit_scores(with_jury, jurors["chair"], [5, 5])
    client.force_login(jurors["expert"])
    url = f"/calls/applications/{with_jury.pk}/score/"
    before = client.get(url)
    assert before.context["others"] == []
    assert "Motivering 5 av Carl Chair" not in before.content.decode()
    client.post(url, score_post(with_jury, jurors["expert"], [3, 4], submit=True))
    after = client.get(url)
    assert [sheet.juror for sheet in after.context["others"]] == [jurors["chair"]]
    assert "Motivering 5 av Carl Chair" in after.content.decode()
    assert 'name="score-' not in after.content.decode()  # no form once submitted


def test_a_juror_from_the_applicants_organisation_gets_404_by_url(client, jurors, with_jury):
    client.force_login(jurors["north"])
    assert client.get(f"/calls/applications/{with_jury.pk}/score/").status_code == 404
    assert client.post(f"/calls/applications/{with_jury.pk}/score/", {"version": 1}).status_code == 404
    assert client.get(f"/calls/applications/{with_jury.pk}/").status_code == 404
    assert client.get(f"/calls/applications/{with_jury.pk}/conflict/").status_code == 404
    assert "Pilot med digitala lås" not in client.get("/calls/jury/").content.decode()


def test_a_person_not_assigned_gets_404(client, people, with_jury):
    client.force_login(people["colleague"])
    assert client.get(f"/calls/applications/{with_jury.pk}/score/").status_code == 404


def test_declaring_a_conflict_recuses_the_juror_and_the_application_disappears(client, jurors, with_jury):
    client.force_login(jurors["expert"])
    url = f"/calls/applications/{with_jury.pk}/conflict/"
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200
    assert "reason" in response.context["form"].errors
    response = client.post(url, {"reason": "Min svåger leder projektet."})
    assert response.status_code == 302
    assert response["Location"] == "/calls/jury/"
    assert client.get("/calls/jury/").context["work"][0]["applications"] == []
    assert client.get(f"/calls/applications/{with_jury.pk}/score/").status_code == 404
    assert client.get(f"/calls/applications/{with_jury.pk}/").status_code == 404


def test_two_jurors_saving_at_the_same_moment_both_keep_their_scores(jurors, with_jury):
    expert, chair = english_client(jurors["expert"]), english_client(jurors["chair"])
    url = f"/calls/applications/{with_jury.pk}/score/"
    expert_version = expert.get(url).context["form"]["version"].value()
    chair_version = chair.get(url).context["form"]["version"].value()
    expert_data = score_post(with_jury, jurors["expert"], [2, 3], comments=["A", "B"], version=expert_version)
    chair_data = score_post(with_jury, jurors["chair"], [5, 4], comments=["C", "D"], version=chair_version)
    assert expert.post(url, expert_data).status_code == 302
    assert chair.post(url, chair_data).status_code == 302
    kept = {
        (s.assignment.juror.name, s.criterion.name): (s.value, s.comment)
        for s in Score.objects.select_related("assignment__juror", "criterion")
    }
    assert kept == {
        ("Erik Expert", "Nytta för stockholmarna"): (2, "A"),
        ("Erik Expert", "Genomförbarhet"): (3, "B"),
        ("Carl Chair", "Nytta för stockholmarna"): (5, "C"),
        ("Carl Chair", "Genomförbarhet"): (4, "D"),
    }


def test_a_save_on_a_stale_version_is_refused_and_the_input_kept(client, jurors, with_jury):
    """The same juror in two windows: the second save names an older version."""
    client.force_login(jurors["expert"])
    url = f"/calls/applications/{with_jury.pk}/score/"
    old = version_of(with_jury, jurors["expert"])
    client.post(url, score_post(with_jury, jurors["expert"], [2, 2], comments=["Första fönstret", "Ett"], version=old))
    data = score_post(with_jury, jurors["expert"], [5, 5], comments=["Andra fönstret", "Två"], version=old)
    response = client.post(url, data)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Your scores were saved from another window meanwhile" in html
    assert "Andra fönstret" in html  # what was written here, in the form
    assert "Första fönstret" in html  # beside what was saved meanwhile
    form = response.context["form"]
    assert form["version"].value() == str(version_of(with_jury, jurors["expert"]))
    assert sorted(Score.objects.values_list("comment", flat=True)) == ["Ett", "Första fönstret"]
    # Saving again is the juror's choice, and now goes through.
    data["version"] = form["version"].value()
    assert client.post(url, data).status_code == 302
    assert sorted(Score.objects.values_list("comment", flat=True)) == ["Andra fönstret", "Två"]


# --- the chair ---


def test_the_ranking_shows_means_totals_spread_and_flags_large_disagreement(client, people, jurors, with_jury):
    submit_scores(with_jury, jurors["expert"], [5, 2])  # (5·2 + 2·1) / 3 = 4.00
    submit_scores(with_jury, jurors["chair"], [1, 1])  # 1.00
    client.force_login(jurors["chair"])
    response = client.get(f"/calls/{with_jury.call.pk}/ranking/")
    assert response.status_code == 200
    [row] = list(response.context["page_obj"])
    assert row.mean == Decimal("2.50") and row.disagreement
    html = response.content.decode()
    assert "2.50" in html
    assert "Erik Expert: 4.00" in html and "Carl Chair: 1.00" in html
    assert "3.00" in html  # the spread
    assert "Large disagreement</strong>" in html  # in words, not colour alone
    assert f"/calls/applications/{with_jury.pk}/decide/" in html


def test_the_ranking_counts_the_jurors_still_to_score(client, people, jurors, with_jury):
    submit_scores(with_jury, jurors["expert"], [4, 4])
    client.force_login(people["director"])  # the chair, still to score it, sees it once their scores are in
    response = client.get(f"/calls/{with_jury.call.pk}/ranking/")
    assert list(response.context["page_obj"])[0].pending == 1
    assert "Large disagreement</strong>" not in response.content.decode()


@pytest.mark.parametrize("who", ["expert", "north"])
def test_jurors_other_than_the_chair_do_not_see_the_ranking(client, jurors, with_jury, who):
    client.force_login(jurors[who])
    assert client.get(f"/calls/{with_jury.call.pk}/ranking/").status_code == 403
    assert client.get(f"/calls/applications/{with_jury.pk}/decide/").status_code in (403, 404)


def test_the_office_sees_the_ranking_but_does_not_decide(client, people, with_jury):
    client.force_login(people["director"])
    assert client.get(f"/calls/{with_jury.call.pk}/ranking/").status_code == 200
    assert client.get(f"/calls/applications/{with_jury.pk}/decide/").status_code == 403


def test_the_chairs_decision_needs_a_justification(client, people, jurors, with_jury):
    client.force_login(jurors["chair"])
    url = f"/calls/applications/{with_jury.pk}/decide/"
    response = client.post(url, {"granted": "yes", "amount": "100 000", "justification": "  "})
    assert response.status_code == 200
    assert response.context["form"].errors["justification"] == [
        "Write the justification; it is published with the decision."
    ]
    assert "100 000" in response.content.decode()
    assert not Decision.objects.exists()


def test_the_chair_cannot_grant_more_than_was_applied_for(client, jurors, with_jury):
    client.force_login(jurors["chair"])
    response = client.post(
        f"/calls/applications/{with_jury.pk}/decide/",
        {"granted": "yes", "amount": "200000", "justification": "Bra."},
    )
    assert response.context["form"].errors["amount"] == ["The amount granted cannot exceed the amount applied for."]
    assert not Decision.objects.exists()


def test_the_chair_records_the_decision_and_the_ranking_shows_it(client, people, jurors, with_jury):
    client.force_login(jurors["chair"])
    response = client.post(
        f"/calls/applications/{with_jury.pk}/decide/",
        {"granted": "yes", "amount": "120 000", "justification": "Stor nytta och en tydlig plan."},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/calls/{with_jury.call.pk}/ranking/#application-{with_jury.pk}"
    decision = Decision.objects.get(application=with_jury)
    assert (decision.granted, decision.amount, decision.decided_by) == (True, Decimal(120_000), jurors["chair"])
    with_jury.refresh_from_db()
    assert with_jury.status == Status.GRANTED
    assert people["employee"].notifications.filter(message__contains="beviljad").exists()  # in her language, Swedish
    html = client.get(f"/calls/{with_jury.call.pk}/ranking/").content.decode()
    assert "Granted" in html and "120" in html
    decided = client.get(f"/calls/applications/{with_jury.pk}/decide/").content.decode()
    assert "Stor nytta och en tydlig plan." in decided
    assert 'name="justification"' not in decided
    assert (
        client.post(f"/calls/applications/{with_jury.pk}/decide/", {"granted": "no", "justification": "X"}).status_code
        == 302
    )
    assert Decision.objects.get(application=with_jury).granted


def test_a_chair_recused_from_an_application_neither_sees_nor_decides_it(client, jurors, with_jury):
    services.conflict_declare(application=with_jury, juror=jurors["chair"], reason="Tidigare kollega.")
    client.force_login(jurors["chair"])
    response = client.get(f"/calls/{with_jury.call.pk}/ranking/")
    assert list(response.context["page_obj"]) == []
    assert response.context["hidden"] == 1
    assert "Pilot med digitala lås" not in response.content.decode()
    assert client.get(f"/calls/applications/{with_jury.pk}/decide/").status_code == 404
    assert (
        client.post(
            f"/calls/applications/{with_jury.pk}/decide/", {"granted": "no", "justification": "Nej."}
        ).status_code
        == 404
    )
    assert not Decision.objects.exists()


def test_a_payment_date_is_a_date(client, people, jurors, with_jury):
    services.decision_record(
        application=with_jury, by=jurors["chair"], granted=True, justification="Bra.", amount=Decimal(100_000)
    )
    client.force_login(people["director"])
    response = client.post(
        f"/calls/applications/{with_jury.pk}/manage/", {"form": "payment", "amount": "1000", "paid_on": "igår"}
    )
    assert "paid_on" in response.context["payment_form"].errors
    assert not Payment.objects.exists()


def test_the_chair_of_a_blind_call_does_not_see_who_applied_in_the_ranking(client, people, jurors, blind_application):
    services.juror_add(call=blind_application.call, by=people["director"], user=jurors["chair"], is_chair=True)
    client.force_login(jurors["chair"])
    for url in (f"/calls/{blind_application.call.pk}/ranking/", f"/calls/applications/{blind_application.pk}/decide/"):
        html = client.get(url).content.decode()
        assert "Busskartan" in html
        assert "Anna Anställd" not in html, url
    client.force_login(people["director"])
    assert "Anna Anställd" in client.get(f"/calls/{blind_application.call.pk}/ranking/").content.decode()


def test_scores_posted_after_the_session_ended_are_kept_through_signing_in(client, jurors, with_jury):
    url = f"/calls/applications/{with_jury.pk}/score/"
    data = score_post(with_jury, jurors["expert"], [4, 3], comments=["Skrivet innan utloggningen", "Två"])
    sign_in_and_let_the_session_end(client, jurors["expert"], url)
    response = client.post(url, data)
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]
    client.force_login(jurors["expert"])
    page = client.get(url).content.decode()
    assert "Skrivet innan utloggningen" in page
    assert not Score.objects.exists()


def test_an_application_not_with_the_jury_cannot_be_decided(client, people, jurors, fund_application):
    client.force_login(jurors["chair"])
    url = f"/calls/applications/{fund_application.pk}/decide/"
    assert 'name="justification"' not in client.get(url).content.decode()
    client.post(url, {"granted": "yes", "amount": "1000", "justification": "Bra."})
    assert not Decision.objects.exists()


def test_the_pages_render_in_swedish_too(people, jurors, with_jury):
    """Swedish is the default language: the pages render with its number and date formats."""
    submit_scores(with_jury, jurors["expert"], [4, 3])
    office, expert, chair = Client(), Client(), Client()
    office.force_login(people["director"])
    expert.force_login(jurors["expert"])
    chair.force_login(jurors["chair"])
    call = with_jury.call
    for who, url in (
        (office, "/calls/new/"),
        (office, f"/calls/{call.pk}/manage/"),
        (office, f"/calls/{call.pk}/manage/publish/"),
        (office, f"/calls/{call.pk}/manage/results/"),
        (office, f"/calls/applications/{with_jury.pk}/manage/"),
        (expert, "/calls/jury/"),
        (expert, f"/calls/applications/{with_jury.pk}/score/"),
        (chair, f"/calls/applications/{with_jury.pk}/conflict/"),  # before submitting scores
        (chair, f"/calls/{call.pk}/ranking/"),
        (chair, f"/calls/applications/{with_jury.pk}/decide/"),
    ):
        response = who.get(url)
        assert response.status_code == 200, url
        assert response["Content-Language"] == "sv"


def test_the_ranking_and_the_jury_list_make_a_bounded_number_of_queries(
    client, jurors, with_jury, django_assert_max_num_queries
):
    submit_scores(with_jury, jurors["expert"], [4, 3])
    submit_scores(with_jury, jurors["chair"], [2, 2])
    client.force_login(jurors["chair"])
    # the call's classes (which split the ranking), the first page's audit log entry of the person's
    # language, and the menu's count of what is left to score
    with django_assert_max_num_queries(23):
        assert client.get(f"/calls/{with_jury.call.pk}/ranking/").status_code == 200
    with django_assert_max_num_queries(21):  # 20, and the menu's count of what is left to score
        assert client.get("/calls/jury/").status_code == 200


def test_the_jury_list_does_not_grow_with_the_applications(people, jurors, with_jury, pilot_idea, tree):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests import factories

    chair = english_client(jurors["chair"])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert chair.get("/calls/jury/").status_code == 200
        return len(captured)

    def add(n: int) -> None:
        author = factories.person(unit=tree["SDF-N-ALD-1"], name=f"Sökande {n}")
        application = services.application_start(call=with_jury.call, applicant=author, now=DURING)
        application = services.application_save(
            application=application,
            by=author,
            expected_version=application.version,
            title=f"Ansökan {n}",
            summary="Kort.",
            description="Längre.",
            idea=pilot_idea,
            requested_amount=Decimal(10_000),
            budget_lines=[("Material", Decimal(10_000))],
        )
        application = services.application_submit(
            application=application, by=author, expected_version=application.version, now=DURING
        )
        services.application_screen(application=application, by=people["director"], eligible=True)
        services.assignment_add(application=application, juror=jurors["chair"], by=people["director"])

    add(0)
    queries()  # the first request also stores the language of the cookie on the person
    before = queries()
    for n in range(1, 5):
        add(n)
    assert queries() == before


def test_the_ranking_pages_keep_the_rank_order(client, people, jurors, with_jury, pilot_idea, tree, monkeypatch):
    """Two ranked applications, one a page: the better one is rank 1 on page 1, the other rank 2 on page 2."""
    from tests import factories

    monkeypatch.setattr("calls.chair_views.RANKING_PAGE_SIZE", 1)
    author = factories.person(unit=tree["SDF-N-ALD-1"], name="Sökande Två")
    second = services.application_start(call=with_jury.call, applicant=author, now=DURING)
    second = services.application_save(
        application=second,
        by=author,
        expected_version=second.version,
        title="Den andra ansökan",
        summary="Kort.",
        description="Längre.",
        idea=pilot_idea,
        requested_amount=Decimal(10_000),
        budget_lines=[("Material", Decimal(10_000))],
    )
    second = services.application_submit(application=second, by=author, expected_version=second.version, now=DURING)
    services.application_screen(application=second, by=people["director"], eligible=True)
    services.assignment_add(application=second, juror=jurors["expert"], by=people["director"])
    submit_scores(with_jury, jurors["expert"], [5, 5])
    submit_scores(second, jurors["expert"], [2, 2])
    submit_scores(with_jury, jurors["chair"], [5, 5])
    client.force_login(jurors["chair"])
    first_page = client.get(f"/calls/{with_jury.call.pk}/ranking/")
    assert [r.application.pk for r in first_page.context["page_obj"]] == [with_jury.pk]
    second_page = client.get(f"/calls/{with_jury.call.pk}/ranking/?page=2")
    assert [r.application.pk for r in second_page.context["page_obj"]] == [second.pk]
    assert 'data-label="Rank">2</td>' in second_page.content.decode()


# --- the juror's list at city scale ---


def assigned_many(call, juror, director, applicant, n: int, *, submitted: int = 0) -> list:
    """``n`` applications with the jury given to the juror, the first ``submitted`` of them scored."""
    from django.utils import timezone

    applications = []
    for i in range(n):
        application = Application.objects.create(
            call=call, applicant=applicant, status=Status.IN_REVIEW, title=f"Ansökan nummer {i:03d}"
        )
        Assignment.objects.create(
            application=application,
            juror=juror,
            assigned_by=director,
            submitted_at=timezone.now() if i < submitted else None,
        )
        applications.append(application)
    return applications


def titles(response) -> set[str]:
    return {application.title for item in response.context["work"] for application in item["applications"]}


def test_the_filter_shows_what_is_left_to_score_or_what_is_submitted(client, people, jurors, with_jury):
    scored, left = assigned_many(
        with_jury.call, jurors["expert"], people["director"], people["employee"], 2, submitted=1
    )
    client.force_login(jurors["expert"])
    url = f"/calls/jury/?call={with_jury.call.pk}"
    by_default = client.get(url)
    assert by_default.context["work"][0]["show"] == "to_score"
    assert titles(by_default) == {left.title, with_jury.title}
    assert titles(client.get(f"{url}&show=to_score")) == {left.title, with_jury.title}
    assert titles(client.get(f"{url}&show=submitted")) == {scored.title}
    assert titles(client.get(f"{url}&show=all")) == {scored.title, left.title, with_jury.title}
    assert titles(client.get(f"{url}&show=nonsense")) == {left.title, with_jury.title}
    overview = client.get("/calls/jury/")
    assert overview.context["work"][0]["left"] == 2
    assert "2 applications left to score." in overview.content.decode()


def test_with_nothing_left_the_list_shows_all_and_the_filter_says_what_to_do(client, jurors, with_jury):
    submit_scores(with_jury, jurors["expert"], [4, 3])
    client.force_login(jurors["expert"])
    response = client.get("/calls/jury/")
    assert response.context["work"][0]["show"] == "all"
    assert titles(response) == {with_jury.title}
    html = client.get(f"/calls/jury/?call={with_jury.call.pk}&show=to_score").content.decode()
    assert "Nothing is left for you to score in this call." in html


def test_one_call_alone_is_paginated_at_25_and_the_overview_shows_10(client, people, jurors, with_jury):
    call = with_jury.call
    assigned_many(call, jurors["expert"], people["director"], people["employee"], 30)
    client.force_login(jurors["expert"])
    overview = client.get("/calls/jury/")
    [item] = overview.context["work"]
    assert len(item["applications"]) == 10
    html = overview.content.decode()
    assert "All 31 applications in this call" in html
    assert f'href="?call={call.pk}&amp;show=all"' in html  # all, as the link says
    first = client.get(f"/calls/jury/?call={call.pk}")
    assert first.context["page_obj"].paginator.count == 31
    assert len(first.context["work"][0]["applications"]) == 25
    assert "govuk-pagination" in first.content.decode()
    second = client.get(f"/calls/jury/?call={call.pk}&page=2")
    assert len(second.context["work"][0]["applications"]) == 6
    assert titles(first).isdisjoint(titles(second))


def test_a_recused_application_never_appears(client, people, jurors, with_jury, tree):
    """Nora Norra is from the applicant's organisation; an assignment made past the rules still shows nothing."""
    Assignment.objects.create(application=with_jury, juror=jurors["north"], assigned_by=people["director"])
    from tests import factories

    outsider = factories.person(unit=tree["SLK"], name="Sökande Utanför")
    [other] = assigned_many(with_jury.call, jurors["north"], people["director"], outsider, 1)
    services.conflict_declare(application=other, juror=jurors["north"], reason="Min svåger.")
    client.force_login(jurors["north"])
    for url in ("/calls/jury/", f"/calls/jury/?call={with_jury.call.pk}&show=all"):
        response = client.get(url)
        html = response.content.decode()
        assert with_jury.title not in html, url
        assert other.title not in html, url
        assert response.context["work"][0]["total"] == 0
    assert "No applications are given to you yet." in html


def test_a_call_with_published_results_shows_a_summary_line_after_the_calls_with_work(
    client, people, jurors, with_jury, tree
):
    from tests import factories

    submit_scores(with_jury, jurors["chair"], [4, 4])
    services.decision_record(application=with_jury, by=jurors["chair"], granted=False, justification="Inte nu.")
    services.results_publish(call=with_jury.call, by=people["director"])
    newer = services.call_create(
        by=people["director"],
        programme=Programme.FUND,
        title="Innovationsfonden 2025",
        summary="Äldre.",
        description="Äldre.",
        year=2025,
        opens_at=OPENS.replace(year=2025),
        closes_at=CLOSES.replace(year=2025),
    )
    Juror.objects.create(call=newer, user=jurors["chair"])
    outsider = factories.person(unit=tree["SLK"], name="Sökande Utanför")
    assigned_many(newer, jurors["chair"], people["director"], outsider, 1)
    client.force_login(jurors["chair"])
    response = client.get("/calls/jury/")
    first, second = response.context["work"]
    assert first["seat"].call == newer  # work left comes first, though its deadline is earlier
    assert second["published"] and second["applications"] == []
    html = response.content.decode()
    assert "The results are published. You scored 1 application." in html
    assert f'href="?call={with_jury.call.pk}"' in html
    assert with_jury.title not in html
    alone = client.get(f"/calls/jury/?call={with_jury.call.pk}")
    assert titles(alone) == {with_jury.title}


@pytest.mark.parametrize("value", ["999999", "abc", ""])
def test_an_unknown_call_gives_404(client, jurors, with_jury, value):
    client.force_login(jurors["expert"])
    assert client.get(f"/calls/jury/?call={value}").status_code == 404


def test_a_call_the_person_has_no_seat_in_gives_404(client, people, jurors, with_jury, stipend):
    client.force_login(jurors["expert"])
    assert client.get(f"/calls/jury/?call={stipend.pk}").status_code == 404
    client.force_login(people["employee"])
    assert client.get(f"/calls/jury/?call={with_jury.call.pk}").status_code == 404
