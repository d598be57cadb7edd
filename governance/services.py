"""Every write of governance follow-up: goals, indicators, targets, reporting periods and reports.

Keyword-only, atomic, checked here (permissions through ``governance.rules``), raising a
``DomainError`` that names the field at fault.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.audit import actor_from, log_created, log_update, log_updated, snapshot
from core.city import CITY_TIME_ZONE
from core.errors import ConflictError, DomainError, ErrorCode, PermissionDeniedError, require
from core.public_cache import model_written
from core.services import notify
from governance.indicators import COMPUTATIONS
from governance.models import (
    Activity,
    ActivityStatus,
    Direction,
    Fulfilment,
    Goal,
    GoalAssessment,
    Indicator,
    IndicatorValue,
    Measure,
    Outcome,
    Period,
    Report,
    ReportAction,
    ReportEvent,
    ReportingPeriod,
    ReportStatus,
    Target,
    default_deadline,
    period_bounds,
    quantize,
)
from governance.rules import is_executive_office
from organisation.models import ORGANISATION_KINDS, Role, Unit, UnitKind, User, executive_office_people

#: Units that may set goals of their own under the city's: committees, company boards, administrations, companies.
GOAL_SETTING_KINDS = (UnitKind.COMMITTEE, UnitKind.COMPANY_BOARD, *ORGANISATION_KINDS)


# --- indicators --------------------------------------------------------------


def indicators_sync() -> int:
    """Make sure every computation has its indicator. Idempotent; returns how many were created.

    Called where computed indicators are needed (not after ``migrate``, so that a freshly
    migrated database stays empty for ``restore``); one query when nothing is missing.
    """
    if Indicator.objects.filter(computation__in=list(COMPUTATIONS)).count() == len(COMPUTATIONS):
        return 0
    created = 0
    for key, computation in COMPUTATIONS.items():
        _indicator, was_created = Indicator.objects.get_or_create(
            computation=key,
            defaults={
                "code": key.replace("_", "-"),
                "name": str(computation.label),
                "description": str(computation.description),
                "measure": computation.measure,
                "direction": computation.direction,
                "source": "Språng",
            },
        )
        created += was_created
    return created


@actor_from("by")
@transaction.atomic
def indicator_create(
    *, by: User, code: str, name: str, measure: str, direction: str, source: str, description: str = ""
) -> Indicator:
    """An indicator whose values are entered by hand in the reports, with their source."""
    require(
        "governance.manage_indicators", by, message=_("Only the innovation director manages the city's indicators.")
    )
    name, source, code = name.strip(), source.strip(), code.strip().lower()
    if not name:
        raise DomainError(_("Give the indicator a name."), field="name")
    if not source:
        raise DomainError(_("Say where the figures come from, for example the employee survey."), field="source")
    if measure not in Measure.values:
        raise DomainError(_("Choose a unit of measure."), field="measure")
    if direction not in Direction.values:
        raise DomainError(_("Choose whether higher or lower is better."), field="direction")
    if not code:
        raise DomainError(_("Give the indicator a short code, for example “survey-innovation-climate”."), field="code")
    if Indicator.objects.filter(code=code).exists():
        raise DomainError(_("Another indicator already has this code; choose another."), field="code")
    return Indicator.objects.create(
        code=code,
        name=name,
        description=description.strip(),
        measure=measure,
        direction=direction,
        source=source,
        created_by=by,
    )


def parse_value(raw: str | Decimal | int | float | None, *, measure: str, field: str) -> Decimal | None:
    """A figure typed by a person, checked against its unit of measure. Accepts Swedish decimal commas."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, str):
        text = raw.strip().replace("\u00a0", "").replace(" ", "").replace("%", "").replace(",", ".")
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise DomainError(_("Write a number, for example 12 or 12,5."), field=field) from None
    else:
        value = Decimal(str(raw))
    if not value.is_finite():
        raise DomainError(_("Write a number, for example 12 or 12,5."), field=field)
    if value < 0:
        raise DomainError(_("The figure cannot be negative."), field=field)
    if measure == Measure.PERCENT and value > 100:
        raise DomainError(_("A share cannot be more than 100 per cent."), field=field)
    if measure == Measure.COUNT and value != value.to_integral_value():
        raise DomainError(_("A count must be a whole number, for example 12."), field=field)
    if value >= Decimal("1e12"):
        raise DomainError(_("The figure is too large."), field=field)
    return quantize(value)


@actor_from("by")
@transaction.atomic
def target_set(*, by: User, indicator: Indicator, unit: Unit, year: int, value) -> Target | None:
    """Set (or with an empty value, remove) what ``unit`` aims for on ``indicator`` in ``year``."""
    require(
        by.has_perm("governance.manage_city_goals") or by.has_perm("governance.set_goals_for", unit),
        message=_("Only the unit's managers and innovation office set its targets."),
    )
    parsed = parse_value(value, measure=indicator.measure, field="value")
    if parsed is None:
        Target.objects.filter(indicator=indicator, unit=unit, year=year).delete()
        return None
    target, _created = Target.objects.update_or_create(
        indicator=indicator, unit=unit, year=year, defaults={"value": parsed, "set_by": by}
    )
    return target


# --- goals and activities ------------------------------------------------------


@actor_from("by")
@transaction.atomic
def goal_create(
    *,
    by: User,
    year: int,
    unit: Unit,
    title: str,
    description: str = "",
    parent: Goal | None = None,
    indicators: Iterable[Indicator] = (),
) -> Goal:
    """A city goal (``unit`` is the city, no parent) or a committee's, board's or organisation's goal under a city goal."""
    title = title.strip()
    if not title:
        raise DomainError(_("Write the goal."), field="title")
    if unit.is_root():
        require(
            "governance.manage_city_goals",
            by,
            message=_("Only the innovation director sets the city's innovation goals."),
        )
        if parent is not None:
            raise DomainError(_("The city's goals are the top goals; they serve no other goal."), field="parent")
    else:
        require(
            "governance.set_goals_for",
            by,
            unit,
            message=_("Only the unit's managers and innovation office set its goals."),
        )
        if unit.kind not in GOAL_SETTING_KINDS:
            raise DomainError(
                _("Goals are set by committees, company boards, administrations and companies."), field="unit"
            )
        if parent is None:
            raise DomainError(_("Choose the city goal this goal serves."), field="parent")
        if parent.year != year or not parent.is_city_goal:
            raise DomainError(_("Choose one of the city's goals for the same year."), field="parent")
    goal = Goal.objects.create(
        year=year, unit=unit, parent=parent, title=title, description=description.strip(), created_by=by
    )
    goal.indicators.set(list(indicators))
    return goal


@actor_from("by")
@transaction.atomic
def goal_update(
    *,
    goal: Goal,
    by: User,
    expected_version: int,
    title: str,
    description: str,
    indicators: Iterable[Indicator] = (),
) -> Goal:
    _check_goal_permission(goal, by)
    title = title.strip()
    if not title:
        raise DomainError(_("Write the goal."), field="title")
    before = snapshot(goal)
    updated = Goal.objects.filter(pk=goal.pk, version=expected_version).update(
        title=title, description=description.strip(), version=F("version") + 1, updated_at=timezone.now()
    )
    if not updated:
        raise ConflictError(
            _("Someone else changed this goal while you were editing it. Nothing was overwritten; look again.")
        )
    goal.refresh_from_db()
    log_update(goal, before=before, fields=("title", "description"), actor=by)
    goal.indicators.set(list(indicators))
    return goal


def _check_goal_permission(goal: Goal, by: User) -> None:
    message = _("Only those who set this goal may change it.")
    if goal.unit.is_root():
        require("governance.manage_city_goals", by, message=message)
    else:
        require("governance.set_goals_for", by, goal.unit, message=message)


@actor_from("by")
@transaction.atomic
def activity_add(
    *, goal: Goal, by: User, title: str, owner: User | None, starts_on: date | None, ends_on: date | None, status: str
) -> Activity:
    _check_goal_permission(goal, by)
    title = title.strip()
    if not title:
        raise DomainError(_("Describe the activity."), field="title")
    if owner is None:
        raise DomainError(_("Name the person responsible, by their email address."), field="owner")
    if starts_on is None:
        raise DomainError(_("Give the date the activity starts."), field="starts_on")
    if ends_on is None:
        raise DomainError(_("Give the date the activity ends."), field="ends_on")
    if ends_on < starts_on:
        raise DomainError(_("The activity cannot end before it starts."), field="ends_on")
    if status not in ActivityStatus.values:
        raise DomainError(_("Choose the activity's status."), field="status")
    return Activity.objects.create(
        goal=goal, title=title, owner=owner, starts_on=starts_on, ends_on=ends_on, status=status
    )


@actor_from("by")
@transaction.atomic
def activity_set_status(*, activity: Activity, by: User, status: str) -> Activity:
    _check_goal_permission(activity.goal, by)
    if status not in ActivityStatus.values:
        raise DomainError(_("Choose the activity's status."), field="status")
    activity.status = status
    activity.save(update_fields=["status", "updated_at"])
    return activity


# --- computed values -------------------------------------------------------------

#: Values of a period still running are recomputed when older than this (seconds).
OPEN_PERIOD_MAX_AGE = 15 * 60


def indicator_values_ensure(*, year: int, period: str, now: datetime | None = None) -> bool:
    """Compute and keep every computed indicator for every unit for the period, unless already kept.

    A period that has ended is computed once and kept: it always shows the same figure. A
    period still running is recomputed when its figures are older than a quarter of an hour.
    Returns whether anything was computed.
    """
    now = now or timezone.now()
    start, end = period_bounds(year, period)
    if start > now:
        return False
    stamp = IndicatorValue.objects.filter(year=year, period=period).order_by("computed_at").values("computed_at")
    oldest = stamp.first()
    if oldest is not None:
        computed_at = oldest["computed_at"]
        if computed_at >= end or (now - computed_at).total_seconds() < OPEN_PERIOD_MAX_AGE:
            return False
    indicator_values_compute(year=year, period=period, now=now)
    return True


@transaction.atomic
def indicator_values_compute(*, year: int, period: str, now: datetime | None = None) -> int:
    """(Re)compute every computed indicator for every unit and period; returns the number of values kept."""
    now = now or timezone.now()
    indicators_sync()
    start, end = period_bounds(year, period)
    until = min(end, now)
    rows = []
    for indicator in Indicator.objects.exclude(computation=""):
        computation = COMPUTATIONS.get(indicator.computation)
        if computation is None:
            continue
        for unit_id, figure in computation.compute(start, until).items():
            rows.append(
                IndicatorValue(
                    indicator=indicator,
                    unit_id=unit_id,
                    year=year,
                    period=period,
                    value=figure.value,
                    basis=figure.basis,
                    computed_at=now,
                )
            )
    IndicatorValue.objects.filter(year=year, period=period).delete()
    IndicatorValue.objects.bulk_create(rows, batch_size=2000)
    model_written(IndicatorValue)  # the open data publishes them (not logged: derived from logged data)
    return len(rows)


# --- reporting periods and reports --------------------------------------------------


@actor_from("by")
@transaction.atomic
def reporting_period_open(*, by: User, year: int, period: str, deadline: date | None = None) -> ReportingPeriod:
    require("governance.open_period", by, message=_("Only the executive office opens reporting periods."))
    if period not in Period.values:
        raise DomainError(_("Choose the period: T1, T2 or the annual report."), field="period")
    if ReportingPeriod.objects.filter(year=year, period=period).exists():
        raise DomainError(_("This period is already open for reports."), field="period")
    deadline = deadline or default_deadline(year, period)
    start, end = period_bounds(year, period)
    if deadline < start.date():
        raise DomainError(_("The deadline must come after the period has begun."), field="deadline")
    return ReportingPeriod.objects.create(year=year, period=period, deadline=deadline, opened_by=by)


def goals_for(*, unit: Unit, year: int):
    """The goals an organisation reports on: the city's and those of the units above it and its own."""
    prefixes = unit.path_prefixes()
    return (
        Goal.objects.filter(year=year, unit__path__in=prefixes)
        .select_related("unit", "parent")
        .order_by("unit__depth", "pk")
    )


def report_indicators(*, unit: Unit, year: int) -> list[Indicator]:
    """Every computed indicator in use, and the entered indicators the unit's goals follow."""
    linked = Indicator.objects.filter(goals__in=goals_for(unit=unit, year=year)).values("pk")
    qs = Indicator.objects.filter(active=True, computation__gt="") | Indicator.objects.filter(pk__in=linked)
    return list(qs.distinct().order_by("computation", "name"))


@actor_from("by")
@transaction.atomic
def report_start(*, by: User, reporting_period: ReportingPeriod, unit: Unit) -> Report:
    """Begin an organisation's report for an open period: one outcome per indicator, one assessment per goal."""
    if unit.kind not in ORGANISATION_KINDS:
        raise DomainError(_("Reports are written by administrations and companies."), field="unit")
    indicators_sync()
    require(
        "governance.start_report",
        by,
        unit,
        message=_("Only the unit's managers and innovation office write its report."),
    )
    existing = Report.objects.filter(reporting_period=reporting_period, unit=unit).first()
    if existing is not None:
        return existing
    report = Report.objects.create(reporting_period=reporting_period, unit=unit, deadline=reporting_period.deadline)
    _ensure_parts(report, by=by)
    return report


def _ensure_parts(report: Report, *, by: User) -> None:
    """Outcomes and assessments for indicators and goals added since the report began (in the audit log)."""
    year = report.reporting_period.year
    have = set(report.outcomes.values_list("indicator_id", flat=True))
    outcomes = Outcome.objects.bulk_create(
        [
            Outcome(report=report, indicator=i)
            for i in report_indicators(unit=report.unit, year=year)
            if i.pk not in have
        ]
    )
    assessed = set(report.assessments.values_list("goal_id", flat=True))
    assessments = GoalAssessment.objects.bulk_create(
        [GoalAssessment(report=report, goal=g) for g in goals_for(unit=report.unit, year=year) if g.pk not in assessed]
    )
    log_created([*outcomes, *assessments], actor=by)


def _computed_figures(report: Report) -> dict[int, IndicatorValue]:
    period = report.reporting_period
    indicator_values_ensure(year=period.year, period=period.period)
    return {
        v.indicator_id: v
        for v in IndicatorValue.objects.filter(
            year=period.year, period=period.period, unit=report.unit, indicator__computation__gt=""
        )
    }


def _bump(report: Report, expected_version: int, *, by: User, **changes) -> None:
    """Write ``changes`` only if nobody saved since ``expected_version``; the audit log has old → new."""
    before = snapshot(report)
    updated = Report.objects.filter(pk=report.pk, version=expected_version).update(
        version=F("version") + 1, updated_at=timezone.now(), **changes
    )
    if not updated:
        raise ConflictError(
            _(
                "Someone else saved this report while you were writing. Nothing was overwritten: your text is still in the form; compare it with the saved version below and save again."
            )
        )
    for key, value in changes.items():
        setattr(report, key, value)
    report.version = expected_version + 1
    log_update(report, before=before, fields=changes, actor=by)


@actor_from("by")
@transaction.atomic
def report_save(
    *,
    report: Report,
    by: User,
    expected_version: int,
    narrative: str,
    outcomes: dict[int, tuple[str, str]] | None = None,
    assessments: dict[int, tuple[str, str]] | None = None,
) -> Report:
    """Save the draft: the narrative, entered outcomes (indicator id → (value, source)) and goal assessments.

    Refused if the report is no longer editable or someone else saved since ``expected_version``.
    """
    current = Report.objects.select_for_update().select_related("unit", "reporting_period").get(pk=report.pk)
    if current.is_locked:
        raise DomainError(_("The report is approved and locked; it can no longer be changed."), code=ErrorCode.LOCKED)
    if not by.has_perm("governance.edit_report", current):
        if current.status == ReportStatus.SUBMITTED:
            raise DomainError(
                _("The report has been submitted; it can be changed again only if the executive office returns it."),
                code=ErrorCode.LOCKED,
            )
        raise PermissionDeniedError(_("Only the unit's managers and innovation office write its report."))
    _bump(current, expected_version, by=by, narrative=narrative.strip())
    by_indicator = {o.indicator_id: o for o in current.outcomes.select_related("indicator")}
    for indicator_id, (raw, source) in (outcomes or {}).items():
        outcome = by_indicator.get(indicator_id)
        if outcome is None or outcome.indicator.is_computed:
            continue
        outcome.value = parse_value(raw, measure=outcome.indicator.measure, field=f"outcome-{indicator_id}")
        outcome.source = source.strip()[:300]
        outcome.save(update_fields=["value", "source"])
    by_goal = {a.goal_id: a for a in current.assessments.all()}
    for goal_id, (fulfilment, comment) in (assessments or {}).items():
        assessment = by_goal.get(goal_id)
        if assessment is None:
            continue
        if fulfilment and fulfilment not in Fulfilment.values:
            raise DomainError(_("Choose met, partly met or not met."), field=f"assessment-{goal_id}")
        assessment.fulfilment = fulfilment
        assessment.comment = comment.strip()
        assessment.save(update_fields=["fulfilment", "comment"])
    report.version, report.narrative = current.version, current.narrative
    return current


def report_missing(report: Report) -> list[str]:
    """What the report still lacks before it can be submitted, in words."""
    missing = []
    if not report.narrative.strip():
        missing.append(str(_("the narrative on the period's innovation work")))
    for assessment in report.assessments.select_related("goal"):
        if not assessment.fulfilment:
            missing.append(str(_("an assessment of the goal “%(goal)s”") % {"goal": assessment.goal.title}))
    for outcome in report.outcomes.select_related("indicator"):
        if not outcome.indicator.is_computed and outcome.value is None:
            missing.append(str(_("the outcome for “%(indicator)s”") % {"indicator": outcome.indicator.label}))
        elif not outcome.indicator.is_computed and not outcome.source.strip():
            missing.append(str(_("the source of “%(indicator)s”") % {"indicator": outcome.indicator.label}))
    return missing


def report_check_submittable(*, report: Report, now: datetime | None = None) -> None:
    """Raise the ``DomainError`` ``report_submit`` would: after the deadline (``late``) or with parts missing
    (``incomplete``). The confirmation step asks this before it shows what submitting will freeze."""
    today = timezone.localtime(now or timezone.now(), CITY_TIME_ZONE).date()
    if today > report.deadline:
        raise DomainError(
            _(
                "The deadline for this report was %(deadline)s. It can no longer be submitted; your draft is kept. Ask the executive office to extend the deadline."
            )
            % {"deadline": date_format(report.deadline, "j F Y")},
            code=ErrorCode.LATE,
        )
    missing = report_missing(report)
    if missing:
        raise DomainError(
            _("The report cannot be submitted yet. Still missing: %(missing)s.") % {"missing": "; ".join(missing)},
            code=ErrorCode.INCOMPLETE,
        )


def reviewers() -> list[User]:
    return executive_office_people()


def report_writers(report: Report) -> list[User]:
    """Who writes and submits the report: the managers and innovation office of its unit or above (not the city's)."""
    prefixes = report.unit.path_prefixes()
    return list(
        User.objects.filter(
            role_assignments__role__in=(Role.MANAGER, Role.OFFICE),
            role_assignments__unit__path__in=prefixes,
            role_assignments__unit__depth__gt=1,
            is_active=True,
        ).distinct()
    )


@actor_from("by")
@transaction.atomic
def report_submit(*, report: Report, by: User, expected_version: int, now: datetime | None = None) -> Report:
    """Submit for review: refused after the deadline or while anything is missing. Computed outcomes are frozen."""
    now = now or timezone.now()
    current = Report.objects.select_for_update().select_related("unit", "reporting_period").get(pk=report.pk)
    if current.is_locked:
        raise DomainError(_("The report is approved and locked; it can no longer be changed."), code=ErrorCode.LOCKED)
    require(
        "governance.edit_report",
        by,
        current,
        message=_("Only the unit's managers and innovation office submit its report."),
    )
    _ensure_parts(current, by=by)
    report_check_submittable(report=current, now=now)
    figures = _computed_figures(current)
    frozen = []
    for outcome in current.outcomes.select_related("indicator"):
        if outcome.indicator.is_computed:
            before = snapshot(outcome)
            figure = figures.get(outcome.indicator_id)
            outcome.value = figure.value if figure else None
            outcome.basis = figure.basis if figure else 0
            outcome.source = "Språng"
            frozen.append((before, outcome))
    Outcome.objects.bulk_update([outcome for _before, outcome in frozen], ["value", "basis", "source"])
    log_updated(frozen, fields=("value", "basis", "source"), actor=by)
    _bump(current, expected_version, by=by, status=ReportStatus.SUBMITTED, submitted_at=now)
    ReportEvent.objects.create(report=current, action=ReportAction.SUBMITTED, by=by, at=now)
    label = str(current)
    notify(
        recipients=reviewers(),
        message_factory=lambda: gettext_lazy("Report submitted for review: %(report)s") % {"report": label},
        url=current.get_absolute_url(),
        exclude=by,
    )
    report.status, report.version = current.status, current.version
    return current


def _review(report: Report, by: User, now: datetime | None) -> tuple[Report, datetime]:
    current = Report.objects.select_for_update().select_related("unit", "reporting_period").get(pk=report.pk)
    require(is_executive_office(by), message=_("Only the executive office reviews reports."))
    if current.status != ReportStatus.SUBMITTED:
        raise DomainError(_("Only a submitted report can be returned or approved."), code=ErrorCode.STATE)
    return current, now or timezone.now()


@actor_from("by")
@transaction.atomic
def report_return(*, report: Report, by: User, comment: str, now: datetime | None = None) -> Report:
    """Send the report back to its writers with what needs changing."""
    comment = comment.strip()
    if not comment:
        raise DomainError(_("Write what the unit needs to change."), field="comment")
    current, now = _review(report, by, now)
    _bump(current, current.version, by=by, status=ReportStatus.RETURNED)
    ReportEvent.objects.create(report=current, action=ReportAction.RETURNED, by=by, at=now, comment=comment)
    label = str(current)
    notify(
        recipients=report_writers(current),
        message_factory=lambda: gettext_lazy("Report returned for changes: %(report)s") % {"report": label},
        url=current.get_absolute_url(),
        exclude=by,
    )
    report.status, report.version = current.status, current.version
    return current


@actor_from("by")
@transaction.atomic
def report_approve(*, report: Report, by: User, comment: str = "", now: datetime | None = None) -> Report:
    """Approve and lock the report: from now on it is a public record and never changes."""
    current, now = _review(report, by, now)
    _bump(current, current.version, by=by, status=ReportStatus.APPROVED, decided_at=now)
    ReportEvent.objects.create(report=current, action=ReportAction.APPROVED, by=by, at=now, comment=comment.strip())
    label = str(current)
    notify(
        recipients=report_writers(current),
        message_factory=lambda: gettext_lazy("Report approved: %(report)s") % {"report": label},
        url=current.get_absolute_url(),
        exclude=by,
    )
    report.status, report.version = current.status, current.version
    return current


@actor_from("by")
@transaction.atomic
def report_extend_deadline(
    *, report: Report, by: User, deadline: date | None, comment: str = "", now: datetime | None = None
) -> Report:
    now = now or timezone.now()
    current = Report.objects.select_for_update().get(pk=report.pk)
    require(
        "governance.extend_deadline",
        by,
        current,
        message=_("Only the executive office extends a deadline, before the report is submitted."),
    )
    if deadline is None:
        raise DomainError(_("Give the new deadline."), field="deadline")
    if deadline <= current.deadline:
        raise DomainError(_("The new deadline must be later than the current one."), field="deadline")
    _bump(current, current.version, by=by, deadline=deadline)
    ReportEvent.objects.create(
        report=current,
        action=ReportAction.DEADLINE_EXTENDED,
        by=by,
        at=now,
        comment=comment.strip() or date_format(deadline, "j F Y"),
    )
    report.deadline, report.version = current.deadline, current.version
    return current


# --- the goals a piece of work serves (ADR 0031) ------------------------------------------------


@actor_from("by")
def goal_links_set(
    *, thing, by: User, goals: Iterable[Goal], expected: Iterable[int], year: int | None = None
) -> list[Goal]:
    """Make ``thing`` (an idea, a call, a need …) serve exactly ``goals``.

    ``expected`` is the goals it served when the person opened the page: if someone changed them since, nothing is
    written (optimistic locking on the set of links). Each link added or taken away is in the audit log. Goals may
    be of this year and the last, the city's or set by the units over the thing's unit.
    """
    from django.contrib.contenttypes.models import ContentType

    from governance import goal_work
    from governance.models import GoalLink
    from governance.selectors import current_period, offered_goals

    kind = goal_work.kind_of(thing)
    if kind is None:
        raise DomainError(_("This kind of work cannot be tied to goals."), field="goals")
    require(kind.may_tag(by, thing), message=gettext_lazy("You may not change which goals this serves."))
    chosen = {g.pk: g for g in goals}
    offered = set(offered_goals(unit=kind.unit(thing), year=year or current_period()[0]).values_list("pk", flat=True))
    for pk, goal in chosen.items():
        if pk not in offered:
            raise DomainError(
                _(
                    "“%(goal)s” cannot be chosen here: choose among the goals of this year and the last, the city's "
                    "or those of the units over this one."
                )
                % {"goal": goal.title},
                field="goals",
            )
    content_type = ContentType.objects.get_for_model(thing, for_concrete_model=True)
    with transaction.atomic():
        # The thing's row is locked while its links change, so two people saving at once are put in turn.
        list(type(thing)._default_manager.select_for_update().filter(pk=thing.pk).values_list("pk", flat=True))
        current = {
            link.goal_id: link for link in GoalLink.objects.filter(content_type=content_type, object_id=thing.pk)
        }
        if set(current) != set(expected):
            raise ConflictError(
                _(
                    "Someone else changed the goals this serves while you were choosing. Nothing was saved: your "
                    "choice is still in the form; compare it with the goals saved meanwhile and save again."
                ),
                field="goals",
            )
        for pk, link in current.items():
            if pk not in chosen:
                link.delete()
        for pk in chosen:
            if pk not in current:
                GoalLink.objects.create(goal_id=pk, content_type=content_type, object_id=thing.pk, tagged_by=by)
    return sorted(chosen.values(), key=lambda g: (-g.year, g.pk))
