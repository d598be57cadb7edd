"""Governance's part of a person's own data: what they set, own, opened and did with reports."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from core.personal_data_registry import amount, erasure, part
from governance.models import Activity, Goal, GoalLink, Indicator, ReportEvent, ReportingPeriod, Target
from organisation.models import User


@part("indicators_created", models=[Indicator])
def indicators_created(user: User) -> list[dict[str, Any]]:
    return [
        {"code": i.code, "name": i.name, "created": i.created_at.isoformat()}
        for i in Indicator.objects.filter(created_by=user).order_by("created_at")
    ]


@part("goals_created", models=[Goal])
def goals_created(user: User) -> list[dict[str, Any]]:
    return [
        {"id": g.pk, "year": g.year, "unit": g.unit.name, "title": g.title, "created": g.created_at.isoformat()}
        for g in Goal.objects.filter(created_by=user).select_related("unit").order_by("created_at")
    ]


@part("activities_owned", models=[Activity])
def activities_owned(user: User) -> list[dict[str, Any]]:
    return [
        {
            "goal": a.goal_id,
            "title": a.title,
            "starts": a.starts_on.isoformat(),
            "ends": a.ends_on.isoformat(),
            "status": a.status,
        }
        for a in Activity.objects.filter(owner=user).order_by("starts_on", "pk")
    ]


@part("targets_set", models=[Target])
def targets_set(user: User) -> list[dict[str, Any]]:
    return [
        {"indicator": t.indicator.code, "unit": t.unit.name, "year": t.year, "value": amount(t.value)}
        for t in Target.objects.filter(set_by=user).select_related("indicator", "unit").order_by("year", "pk")
    ]


@part("reporting_periods_opened", models=[ReportingPeriod])
def reporting_periods_opened(user: User) -> list[dict[str, Any]]:
    return [
        {"year": p.year, "period": p.period, "deadline": p.deadline.isoformat(), "opened": p.created_at.isoformat()}
        for p in ReportingPeriod.objects.filter(opened_by=user).order_by("created_at")
    ]


@part("report_events", models=[ReportEvent])
def report_events(user: User) -> list[dict[str, Any]]:
    """Reports the person submitted, returned, approved or gave more time, with their comment."""
    return [
        {
            "report": e.report_id,
            "unit": e.report.unit.name,
            "action": e.action,
            "at": e.at.isoformat(),
            "comment": e.comment,
        }
        for e in ReportEvent.objects.filter(by=user).select_related("report__unit").order_by("at", "pk")
    ]


@part("goal_links", models=[GoalLink])
def goal_links(user: User) -> list[dict[str, Any]]:
    """The goals the person tied a piece of work to: which goal, which kind of work and its number, when."""
    return [
        {
            "goal": link.goal_id,
            "goal_title": link.goal.title,
            "work": f"{link.content_type.app_label}.{link.content_type.model}",
            "work_id": link.object_id,
            "tagged": link.created_at.isoformat(),
        }
        for link in GoalLink.objects.filter(tagged_by=user)
        .select_related("goal", "content_type")
        .order_by("created_at", "pk")
    ]


@erasure(
    "governance_kept",
    models=[Indicator, Goal, GoalLink, Activity, Target, ReportingPeriod, ReportEvent],
    keeps=[_("goals, indicators, activities and reports you wrote in the city's follow-up")],
    removes=[],
)
def erase_governance_kept(user: User, placeholder: str) -> int:
    """The city's own follow-up (goals, targets, reports and their review) is public record, written by staff only,
    who leave through HR and are never erased here: kept."""
    return 0
