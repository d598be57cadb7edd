"""Every write of governance follow-up is in the audit log with who acted and what changed (old → new)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from core.errors import ConflictError
from governance import services
from governance.models import Fulfilment, Goal, GoalAssessment, Outcome, ReportStatus, Target
from tests.audit_log import CREATE, DELETE, UPDATE, assert_logged, entries

STHLM = ZoneInfo("Europe/Stockholm")
BEFORE_DEADLINE = datetime(2026, 5, 10, 12, tzinfo=STHLM)


def complete(report, by, survey_indicator, goals):
    return services.report_save(
        report=report,
        by=by,
        expected_version=report.version,
        narrative="Vi har startat ett innovationsnätverk.",
        outcomes={survey_indicator.pk: ("64,5", "Medarbetarenkäten 2026")},
        assessments={g.pk: (Fulfilment.PARTLY, "På väg.") for g in goals.values()},
    )


def test_an_indicator_is_logged(people, survey_indicator):
    assert_logged(
        survey_indicator, action=CREATE, actor=people["director"], changes={"code": ("None", "survey-climate")}
    )


def test_targets_are_logged_when_set_and_removed(people, tree, survey_indicator):
    target = services.target_set(
        by=people["manager"], indicator=survey_indicator, unit=tree["SDF-N"], year=2026, value="60"
    )
    assert_logged(target, action=CREATE, actor=people["manager"], changes={"value": None})
    services.target_set(by=people["office"], indicator=survey_indicator, unit=tree["SDF-N"], year=2026, value="70")
    assert_logged(target, action=UPDATE, actor=people["office"], changes={"value": ("60.00", "70.00")})
    services.target_set(by=people["manager"], indicator=survey_indicator, unit=tree["SDF-N"], year=2026, value="")
    assert not Target.objects.exists()
    assert_logged(Target, target.pk, action=DELETE, actor=people["manager"])


def test_goals_are_logged_with_their_indicators(people, goals, survey_indicator):
    assert_logged(goals["city"], action=CREATE, actor=people["director"], changes={"title": None})
    assert_logged(goals["city"], action=UPDATE, actor=people["director"], changes={"indicators": None})


def test_a_goal_edit_logs_old_and_new_and_a_stale_one_nothing(people, goals):
    goal = goals["north"]
    services.goal_update(
        goal=goal,
        by=people["office"],
        expected_version=goal.version,
        title="Varje enhet prövar två idéer",
        description="Minst.",
    )
    assert_logged(
        goal,
        action=UPDATE,
        actor=people["office"],
        changes={
            "title": ("Varje enhet prövar minst en ny idé", "Varje enhet prövar två idéer"),
            "description": ("", "Minst."),
        },
    )
    count = entries(goal).count()
    with pytest.raises(ConflictError):
        services.goal_update(
            goal=goal, by=people["manager"], expected_version=goal.version - 1, title="Gammal", description=""
        )
    assert entries(goal).count() == count
    assert Goal.objects.get(pk=goal.pk).title == "Varje enhet prövar två idéer"


def test_activities_are_logged(people, goals):
    activity = services.activity_add(
        goal=goals["north"],
        by=people["manager"],
        title="Idéverkstad",
        owner=people["office"],
        starts_on=date(2026, 3, 1),
        ends_on=date(2026, 6, 1),
        status="planned",
    )
    assert_logged(activity, action=CREATE, actor=people["manager"], changes={"title": ("None", "Idéverkstad")})
    services.activity_set_status(activity=activity, by=people["office"], status="done")
    assert_logged(activity, action=UPDATE, actor=people["office"], changes={"status": ("planned", "done")})


def test_a_reporting_period_is_logged(people, t1):
    assert_logged(t1, action=CREATE, actor=people["director"], changes={"period": None})


def test_starting_a_report_logs_it_and_its_parts(people, report):
    assert_logged(report, action=CREATE, actor=people["manager"])
    parts = [*Outcome.objects.filter(report=report), *GoalAssessment.objects.filter(report=report)]
    assert len(parts) > 2
    for part in parts:
        assert_logged(part, action=CREATE, actor=people["manager"], changes={"report": ("None", str(report.pk))})


def test_saving_a_report_logs_the_narrative_old_and_new_and_a_stale_save_nothing(
    people, report, survey_indicator, goals
):
    complete(report, people["office"], survey_indicator, goals)
    assert_logged(
        report,
        action=UPDATE,
        actor=people["office"],
        changes={"narrative": ("", "Vi har startat ett innovationsnätverk.")},
    )
    outcome = Outcome.objects.get(report=report, indicator=survey_indicator)
    assert_logged(outcome, action=UPDATE, actor=people["office"], changes={"value": None, "source": None})
    count = entries(report).count()
    with pytest.raises(ConflictError):
        services.report_save(
            report=report, by=people["manager"], expected_version=report.version - 1, narrative="Annat"
        )
    assert entries(report).count() == count


def test_submitting_returning_approving_and_extending_are_logged(people, report, survey_indicator, goals, indicators):
    complete(report, people["manager"], survey_indicator, goals)
    services.report_extend_deadline(report=report, by=people["director"], deadline=date(2026, 5, 31))
    assert_logged(report, action=UPDATE, actor=people["director"], changes={"deadline": ("2026-05-15", "2026-05-31")})
    services.report_submit(report=report, by=people["manager"], expected_version=report.version, now=BEFORE_DEADLINE)
    assert_logged(
        report, action=UPDATE, actor=people["manager"], changes={"status": (ReportStatus.DRAFT, ReportStatus.SUBMITTED)}
    )
    frozen = Outcome.objects.get(report=report, indicator=indicators["reached_pilot"])
    assert_logged(frozen, action=UPDATE, actor=people["manager"], changes={"source": ("", "Språng")})
    services.report_return(report=report, by=people["director"], comment="Mer om nätverket.", now=BEFORE_DEADLINE)
    assert_logged(
        report,
        action=UPDATE,
        actor=people["director"],
        changes={"status": (ReportStatus.SUBMITTED, ReportStatus.RETURNED)},
    )
    report.refresh_from_db()
    services.report_submit(report=report, by=people["manager"], expected_version=report.version, now=BEFORE_DEADLINE)
    services.report_approve(report=report, by=people["director"], now=BEFORE_DEADLINE)
    assert_logged(
        report,
        action=UPDATE,
        actor=people["director"],
        changes={"status": (ReportStatus.SUBMITTED, ReportStatus.APPROVED)},
    )
    event = report.events.order_by("pk").last()
    assert_logged(event, action=CREATE, actor=people["director"])
