"""Goals, targets, reporting periods and the report's way from draft to approval."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from core.errors import ConflictError, DomainError, PermissionDeniedError
from governance import services
from governance.models import Fulfilment, Outcome, Period, ReportAction, ReportStatus, Target

STHLM = ZoneInfo("Europe/Stockholm")


@pytest.fixture(autouse=True)
def _english():
    """The messages are checked in English (the default language is Swedish)."""
    from django.utils import translation

    with translation.override("en"):
        yield


BEFORE_DEADLINE = datetime(2026, 5, 10, 12, tzinfo=STHLM)


def complete(report, by, survey_indicator, goals):
    """Fill in everything a report needs."""
    return services.report_save(
        report=report,
        by=by,
        expected_version=report.version,
        narrative="Vi har startat ett innovationsnätverk.",
        outcomes={survey_indicator.pk: ("64,5", "Medarbetarenkäten 2026")},
        assessments={g.pk: (Fulfilment.PARTLY, "På väg.") for g in goals.values()},
    )


# --- goals and targets ---


def test_only_the_director_sets_city_goals(people, tree):
    with pytest.raises(PermissionDeniedError):
        services.goal_create(by=people["manager"], year=2026, unit=tree["CITY"], title="Mål")


def test_an_organisation_goal_serves_a_city_goal_of_the_same_year(people, tree, goals):
    with pytest.raises(DomainError) as error:
        services.goal_create(by=people["manager"], year=2026, unit=tree["SDF-N"], title="Eget mål")
    assert error.value.field == "parent"
    with pytest.raises(DomainError) as error:
        services.goal_create(by=people["manager"], year=2027, unit=tree["SDF-N"], title="Mål", parent=goals["city"])
    assert error.value.field == "parent"


def test_a_manager_sets_goals_only_for_their_own_organisation(people, tree, goals):
    with pytest.raises(PermissionDeniedError):
        services.goal_create(by=people["manager"], year=2026, unit=tree["SDF-S"], title="Mål", parent=goals["city"])


def test_goal_edits_never_overwrite_each_other(people, goals):
    goal = goals["north"]
    services.goal_update(goal=goal, by=people["manager"], expected_version=1, title="Nytt", description="")
    with pytest.raises(ConflictError):
        services.goal_update(goal=goal, by=people["office"], expected_version=1, title="Annat", description="")


@pytest.mark.parametrize(
    ("measure", "raw", "message"),
    [
        ("percent", "mycket", "Write a number"),
        ("percent", "120", "more than 100 per cent"),
        ("count", "2,5", "whole number"),
        ("days", "-3", "negative"),
    ],
)
def test_a_target_that_does_not_fit_its_indicator_is_refused(people, tree, indicators, measure, raw, message):
    indicator = next(i for i in indicators.values() if i.measure == measure)
    with pytest.raises(DomainError) as error:
        services.target_set(by=people["manager"], indicator=indicator, unit=tree["SDF-N"], year=2026, value=raw)
    assert message in error.value.message
    assert error.value.field == "value"
    assert not Target.objects.exists()


def test_a_target_accepts_swedish_decimals_and_can_be_removed(people, tree, indicators):
    indicator = indicators["answered_in_time"]
    target = services.target_set(
        by=people["manager"], indicator=indicator, unit=tree["SDF-N"], year=2026, value="92,5 %"
    )
    assert target is not None and target.value == Decimal("92.50")
    services.target_set(by=people["manager"], indicator=indicator, unit=tree["SDF-N"], year=2026, value="")
    assert not Target.objects.exists()


def test_activities_need_an_owner_and_sensible_dates(people, goals):
    with pytest.raises(DomainError) as error:
        services.activity_add(
            goal=goals["north"],
            by=people["manager"],
            title="Idéverkstad",
            owner=people["office"],
            starts_on=date(2026, 3, 1),
            ends_on=date(2026, 2, 1),
            status="planned",
        )
    assert error.value.field == "ends_on"
    activity = services.activity_add(
        goal=goals["north"],
        by=people["manager"],
        title="Idéverkstad",
        owner=people["office"],
        starts_on=date(2026, 3, 1),
        ends_on=date(2026, 6, 1),
        status="planned",
    )
    services.activity_set_status(activity=activity, by=people["office"], status="done")
    activity.refresh_from_db()
    assert activity.status == "done"


# --- reports ---


def test_a_report_has_an_outcome_per_indicator_and_an_assessment_per_goal(report, goals, indicators, survey_indicator):
    outcome_indicators = set(report.outcomes.values_list("indicator_id", flat=True))
    assert {i.pk for i in indicators.values()} <= outcome_indicators | {survey_indicator.pk}
    assert survey_indicator.pk in outcome_indicators
    assert set(report.assessments.values_list("goal_id", flat=True)) == {goals["city"].pk, goals["north"].pk}


def test_only_administrations_and_companies_report(people, tree, t1):
    with pytest.raises(DomainError):
        services.report_start(by=people["manager"], reporting_period=t1, unit=tree["SDF-N-ALD"])
    with pytest.raises(PermissionDeniedError):
        services.report_start(by=people["manager"], reporting_period=t1, unit=tree["SDF-S"])


def test_submitting_says_what_is_missing(people, report):
    with pytest.raises(DomainError) as error:
        services.report_submit(
            report=report, by=people["manager"], expected_version=report.version, now=BEFORE_DEADLINE
        )
    assert error.value.code == "incomplete"
    assert "narrative" in error.value.message
    assert "Innovationsklimat" in error.value.message


def test_the_whole_way_from_draft_to_approval(people, report, survey_indicator, goals):
    complete(report, people["manager"], survey_indicator, goals)
    services.report_submit(report=report, by=people["office"], expected_version=report.version, now=BEFORE_DEADLINE)
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    # Reviewers are told.
    assert people["director"].notifications.filter(url=report.get_absolute_url()).exists()

    services.report_return(
        report=report, by=people["director"], comment="Beskriv nätverket närmare.", now=BEFORE_DEADLINE.replace(hour=13)
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED
    assert people["manager"].notifications.filter(url=report.get_absolute_url()).exists()

    services.report_save(
        report=report,
        by=people["manager"],
        expected_version=report.version,
        narrative="Nätverket har tjugo medlemmar från alla avdelningar.",
    )
    services.report_submit(
        report=report, by=people["manager"], expected_version=report.version, now=BEFORE_DEADLINE.replace(hour=14)
    )
    services.report_approve(report=report, by=people["director"], comment="Bra.", now=BEFORE_DEADLINE.replace(hour=15))
    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED
    assert list(report.events.values_list("action", flat=True)) == [
        ReportAction.SUBMITTED,
        ReportAction.RETURNED,
        ReportAction.SUBMITTED,
        ReportAction.APPROVED,
    ]


def test_a_return_needs_a_comment_and_only_the_executive_office_reviews(people, report, survey_indicator, goals):
    complete(report, people["manager"], survey_indicator, goals)
    services.report_submit(report=report, by=people["manager"], expected_version=report.version, now=BEFORE_DEADLINE)
    with pytest.raises(DomainError) as error:
        services.report_return(report=report, by=people["director"], comment=" ")
    assert error.value.field == "comment"
    with pytest.raises(PermissionDeniedError):
        services.report_approve(report=report, by=people["office"])


def test_an_approved_report_is_locked(people, report, survey_indicator, goals):
    complete(report, people["manager"], survey_indicator, goals)
    services.report_submit(report=report, by=people["manager"], expected_version=report.version, now=BEFORE_DEADLINE)
    services.report_approve(report=report, by=people["director"])
    report.refresh_from_db()
    with pytest.raises(DomainError) as error:
        services.report_save(report=report, by=people["manager"], expected_version=report.version, narrative="Ändrat")
    assert error.value.code == "locked"
    report.refresh_from_db()
    assert report.narrative == "Vi har startat ett innovationsnätverk."


def test_a_submitted_report_cannot_be_edited_until_returned(people, report, survey_indicator, goals):
    complete(report, people["manager"], survey_indicator, goals)
    services.report_submit(report=report, by=people["manager"], expected_version=report.version, now=BEFORE_DEADLINE)
    with pytest.raises(DomainError) as error:
        services.report_save(report=report, by=people["manager"], expected_version=report.version, narrative="Ändrat")
    assert "returns it" in error.value.message


def test_a_report_after_its_deadline_is_refused_and_the_draft_kept(people, report, survey_indicator, goals):
    complete(report, people["manager"], survey_indicator, goals)
    late = datetime(2026, 5, 16, 0, 30, tzinfo=STHLM)
    with pytest.raises(DomainError) as error:
        services.report_submit(report=report, by=people["manager"], expected_version=report.version, now=late)
    assert error.value.code == "late"
    assert "15 May 2026" in error.value.message or "15 maj 2026" in error.value.message
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT
    assert report.narrative == "Vi har startat ett innovationsnätverk."
    # The executive office extends the deadline, and it goes through.
    services.report_extend_deadline(report=report, by=people["director"], deadline=date(2026, 5, 31), comment="Sjukdom")
    services.report_submit(report=report, by=people["manager"], expected_version=report.version, now=late)
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED


def test_the_deadline_is_in_stockholm_time(people, report, survey_indicator, goals):
    """23:30 UTC on 15 May is already 16 May in Stockholm."""
    complete(report, people["manager"], survey_indicator, goals)
    with pytest.raises(DomainError):
        services.report_submit(
            report=report,
            by=people["manager"],
            expected_version=report.version,
            now=datetime(2026, 5, 15, 23, 30, tzinfo=ZoneInfo("UTC")),
        )


def test_two_people_editing_the_same_report_never_lose_text(people, report):
    version = report.version
    services.report_save(report=report, by=people["manager"], expected_version=version, narrative="Chefens text")
    with pytest.raises(ConflictError):
        services.report_save(report=report, by=people["office"], expected_version=version, narrative="Kontorets text")
    report.refresh_from_db()
    assert report.narrative == "Chefens text"


def test_submitted_figures_stay_as_submitted(people, tree, report, survey_indicator, goals, indicators):
    from tests import factories

    factories.idea(author=people["employee"], now=datetime(2026, 2, 1, 10, tzinfo=STHLM), notify_office=False)
    complete(report, people["manager"], survey_indicator, goals)
    services.report_submit(report=report, by=people["manager"], expected_version=report.version, now=BEFORE_DEADLINE)
    per_thousand = Outcome.objects.get(report=report, indicator=indicators["ideas_per_thousand"])
    assert per_thousand.value == Decimal("2.00")  # one idea, 500 employees
    assert per_thousand.basis == 1
    # A later idea backdated into the period would change a recomputation, not the submitted report.
    factories.idea(author=people["employee"], now=datetime(2026, 2, 2, 10, tzinfo=STHLM), notify_office=False)
    services.indicator_values_compute(year=2026, period=Period.T1)
    per_thousand.refresh_from_db()
    assert per_thousand.value == Decimal("2.00")


def test_compute_indicators_command_keeps_final_values_for_ended_periods(people, indicators, tree):
    from io import StringIO

    from django.core.management import call_command

    from governance.models import IndicatorValue

    out = StringIO()
    call_command("compute_indicators", "--year", "2025", stdout=out)
    assert "2025 VB: computed" in out.getvalue()
    first = set(IndicatorValue.objects.filter(year=2025, period="VB").values_list("pk", flat=True))
    assert first
    again = StringIO()
    call_command("compute_indicators", "--year", "2025", "--period", "VB", stdout=again)
    assert "already up to date" in again.getvalue()
    assert set(IndicatorValue.objects.filter(year=2025, period="VB").values_list("pk", flat=True)) == first
