"""Governance pages as each role sees them, and what they refuse."""

from __future__ import annotations

import re
from datetime import date

import pytest

from governance import services
from governance.models import Goal, Indicator, Period, Report, ReportStatus, Target

pytestmark = pytest.mark.django_db


def test_every_city_employee_sees_the_dashboard(client, people, goals, t1):
    client.force_login(people["employee"])
    response = client.get("/governance/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Norra stadsdelsnämnden" in html
    assert "<svg" in html


@pytest.mark.parametrize("role", ["resident", "supplier"])
def test_people_outside_the_city_do_not_see_the_dashboard(client, people, role):
    client.force_login(people[role])
    assert client.get("/governance/").status_code == 403


def test_the_dashboard_drills_down_and_filters_by_kind(client, people, tree, indicators):
    client.force_login(people["director"])
    committee = client.get(f"/governance/?unit={tree['SDN-N'].pk}")
    assert [row.unit.code for row in committee.context["board"].rows] == ["SDF-N"]
    administration = client.get(f"/governance/?unit={tree['SDF-N'].pk}")
    assert [row.unit.code for row in administration.context["board"].rows] == ["SDF-N-ALD"]
    assert "Norra stadsdelsnämnden" in administration.content.decode()  # in the breadcrumbs
    districts = client.get("/governance/?kind=district_administration")
    assert {row.unit.code for row in districts.context["board"].rows} == {"SDF-N", "SDF-S"}


def test_the_dashboard_makes_a_fixed_number_of_queries(client, people, indicators, django_assert_max_num_queries):
    client.force_login(people["director"])
    client.get("/governance/")  # computes the period's figures once
    with django_assert_max_num_queries(20):
        assert client.get("/governance/").status_code == 200


def test_the_director_adds_an_entered_indicator(client, people, indicators):
    client.force_login(people["director"])
    response = client.post(
        "/governance/indicators/",
        {
            "name": "Andel som deltagit i utbildning",
            "code": "training",
            "measure": "percent",
            "direction": "higher",
            "source": "Kompetensportalen",
        },
    )
    assert response.status_code == 302
    assert Indicator.objects.filter(code="training", source="Kompetensportalen").exists()


def test_an_indicator_without_a_source_is_refused_and_the_input_kept(client, people, indicators):
    client.force_login(people["director"])
    response = client.post(
        "/governance/indicators/",
        {"name": "Andel som deltagit", "code": "training", "measure": "percent", "direction": "higher", "source": ""},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "Andel som deltagit" in html
    assert not Indicator.objects.filter(code="training").exists()


def test_a_manager_cannot_add_indicators(client, people, indicators):
    client.force_login(people["manager"])
    response = client.post(
        "/governance/indicators/",
        {"name": "X", "code": "x", "measure": "percent", "direction": "higher", "source": "Y"},
    )
    assert response.status_code == 403


def test_goals_page_lists_city_goals_and_the_goals_under_them(client, people, goals):
    client.force_login(people["colleague"])
    html = client.get("/governance/goals/?year=2026").content.decode()
    assert "Fler idéer blir verklighet" in html
    assert "Varje enhet prövar minst en ny idé" in html


def test_a_manager_adds_a_goal_under_a_city_goal(client, people, tree, goals):
    client.force_login(people["manager"])
    response = client.post(
        "/governance/goals/new/?year=2026",
        {"unit": tree["SDF-N"].pk, "parent": goals["city"].pk, "title": "Idéverkstad varje kvartal", "description": ""},
    )
    assert response.status_code == 302
    assert Goal.objects.filter(title="Idéverkstad varje kvartal", parent=goals["city"], unit=tree["SDF-N"]).exists()


def test_a_goal_edit_on_a_stale_version_keeps_the_input(client, people, goals):
    goal = goals["north"]
    services.goal_update(goal=goal, by=people["office"], expected_version=1, title="Kontorets mål", description="")
    client.force_login(people["manager"])
    response = client.post(
        f"/governance/goals/{goal.pk}/", {"form": "goal", "version": 1, "title": "Chefens mål", "description": ""}
    )
    assert response.status_code == 200
    assert "Chefens mål" in response.content.decode()
    goal.refresh_from_db()
    assert goal.title == "Kontorets mål"


def test_an_activity_with_an_unknown_owner_names_the_field(client, people, goals):
    client.force_login(people["manager"])
    response = client.post(
        f"/governance/goals/{goals['north'].pk}/",
        {
            "form": "activity",
            "title": "Idéverkstad",
            "owner": "ingen@example.se",
            "starts_on": "2026-03-01",
            "ends_on": "2026-04-01",
            "status": "planned",
        },
    )
    assert response.status_code == 200
    assert (
        "Nobody in Språng has this email address" in response.content.decode()
        or "Ingen i Språng" in response.content.decode()
    )


def test_targets_refuse_a_share_over_100_and_save_nothing(client, people, tree, indicators):
    client.force_login(people["manager"])
    share = indicators["answered_in_time"]
    count = indicators["reached_pilot"]
    response = client.post(
        f"/governance/targets/?year=2026&unit={tree['SDF-N'].pk}",
        {"unit": tree["SDF-N"].pk, f"target-{count.pk}": "4", f"target-{share.pk}": "140"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "140" in html
    assert not Target.objects.exists()
    ok = client.post(
        f"/governance/targets/?year=2026&unit={tree['SDF-N'].pk}",
        {"unit": tree["SDF-N"].pk, f"target-{count.pk}": "4", f"target-{share.pk}": "90,5"},
    )
    assert ok.status_code == 302
    assert Target.objects.get(indicator=share).value == pytest.approx(90.5)


def test_the_report_page_saves_a_draft(client, people, report, goals, survey_indicator):
    client.force_login(people["office"])
    page = client.get(report.get_absolute_url())
    assert page.status_code == 200
    response = client.post(
        report.get_absolute_url(),
        {
            "version": report.version,
            "narrative": "Vi har provat tre nya arbetssätt.",
            f"assessment-{goals['city'].pk}": "met",
            f"outcome-{survey_indicator.pk}": "71,5",
            f"source-{survey_indicator.pk}": "Medarbetarenkäten",
            "save": "",
        },
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.narrative == "Vi har provat tre nya arbetssätt."
    assert report.outcomes.get(indicator=survey_indicator).value == pytest.approx(71.5)


def test_two_people_saving_the_same_report_never_lose_text(client, people, report):
    version = report.version
    services.report_save(report=report, by=people["manager"], expected_version=version, narrative="Chefens text")
    client.force_login(people["office"])
    response = client.post(report.get_absolute_url(), {"version": version, "narrative": "Kontorets text", "save": ""})
    assert response.status_code == 409
    html = response.content.decode()
    assert "Kontorets text" in html  # what this person wrote, still in the form
    assert "Chefens text" in html  # what was saved meanwhile
    report.refresh_from_db()
    assert report.narrative == "Chefens text"


def test_a_late_submission_is_refused_with_the_draft_kept(client, people, report):
    client.force_login(people["manager"])
    response = client.post(
        report.get_absolute_url(), {"version": report.version, "narrative": "Sen text", "submit": ""}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "15 maj 2026" in html or "15 May 2026" in html
    report.refresh_from_db()
    assert report.narrative == "Sen text"
    assert report.status == ReportStatus.DRAFT


def test_a_locked_report_cannot_be_edited_by_url(client, people, report):
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.APPROVED)
    client.force_login(people["manager"])
    response = client.post(report.get_absolute_url(), {"version": report.version, "narrative": "Ändrat", "save": ""})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.narrative == ""


def test_drafts_are_private_to_their_writers_and_the_executive_office(client, people, report):
    client.force_login(people["colleague"])
    assert client.get(report.get_absolute_url()).status_code == 404
    client.force_login(people["other_office"])
    assert client.get(report.get_absolute_url()).status_code == 404
    client.force_login(people["director"])
    assert client.get(report.get_absolute_url()).status_code == 200


def test_the_executive_office_opens_a_period_and_a_manager_begins_a_report(client, people, tree):
    client.force_login(people["director"])
    response = client.post("/governance/reports/periods/", {"year": 2027, "period": Period.T1, "deadline": ""})
    assert response.status_code == 302
    client.force_login(people["manager"])
    page = client.get("/governance/reports/")
    assert tree["SDF-N"] in page.context["startable"]
    period = page.context["latest"]
    assert period.deadline == date(2027, 5, 15)
    started = client.post("/governance/reports/start/", {"reporting_period": period.pk, "unit": tree["SDF-N"].pk})
    assert started.status_code == 302
    assert Report.objects.filter(unit=tree["SDF-N"], reporting_period=period).exists()


def test_review_returns_with_a_comment(client, people, report, goals, survey_indicator):
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.SUBMITTED)
    client.force_login(people["director"])
    refused = client.post(f"/governance/reports/{report.pk}/review/", {"decision": "return", "comment": ""})
    assert refused.status_code == 200
    returned = client.post(
        f"/governance/reports/{report.pk}/review/", {"decision": "return", "comment": "Utveckla texten."}
    )
    assert returned.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED


def test_the_review_comment_is_not_marked_optional_beside_its_required_when_hint(client, people, report):
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.SUBMITTED)
    client.force_login(people["director"])
    page = client.get(f"/governance/reports/{report.pk}/").content.decode()
    label = re.search(r'<label[^>]*for="id_comment"[^>]*>(.*?)</label>', page, re.S)
    assert label is not None
    assert "optional" not in label.group(1) and "frivilligt" not in label.group(1)


def test_the_office_extends_a_deadline(client, people, report):
    client.force_login(people["director"])
    response = client.post(
        f"/governance/reports/{report.pk}/deadline/", {"deadline": "2026-12-31", "comment": "Omorganisation"}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.deadline == date(2026, 12, 31)
    client.force_login(people["manager"])
    assert client.post(f"/governance/reports/{report.pk}/deadline/", {"deadline": "2027-01-31"}).status_code == 403
