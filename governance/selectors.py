"""Reads for governance follow-up: the dashboard, trends, goals and reports."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, Min, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from core.city import CITY_TIME_ZONE
from core.links import pk_address
from governance import charts
from governance.models import (
    Activity,
    Goal,
    GoalAssessment,
    Indicator,
    IndicatorValue,
    Outcome,
    Period,
    Report,
    ReportingPeriod,
    ReportStatus,
    Target,
    period_bounds,
)
from governance.rules import is_executive_office, writes_for
from governance.services import indicator_values_ensure, indicators_sync
from organisation.models import ORGANISATION_KINDS, Role, Unit, UnitKind, User

#: Kinds of organisation the dashboard can be narrowed to.
KIND_FILTERS = (UnitKind.DISTRICT_ADMINISTRATION, UnitKind.SPECIALIST_ADMINISTRATION, UnitKind.COMPANY)

#: How many years a trend goes back.
TREND_YEARS = 10


def current_period(now: datetime | None = None) -> tuple[int, str]:
    """The period in progress: T1 until April, T2 until August, then the annual report."""
    today = timezone.localtime(now or timezone.now(), CITY_TIME_ZONE)
    if today.month <= 4:
        return today.year, Period.T1
    if today.month <= 8:
        return today.year, Period.T2
    return today.year, Period.ANNUAL


def first_data_year() -> int | None:
    """The year of the first idea: the figures have nothing to count before it."""
    from ideas.models import Idea

    first = Idea.objects.aggregate(first=Min("created_at"))["first"]
    return timezone.localtime(first, CITY_TIME_ZONE).year if first else None


def default_period(now: datetime | None = None, *, first_year: int | None = None) -> tuple[int, str, bool]:
    """The period the dashboard opens on: the latest that has ended, if there were ideas then; otherwise the
    one in progress. The third value says whether the period has ended (its figures no longer change)."""
    year, period = current_period(now)
    # The one before the period in progress has ended: the last annual report, then T1, then T2.
    ended_year, ended = (year - 1, Period.ANNUAL) if period == Period.T1 else (year, Period.T1)
    if period == Period.ANNUAL:
        ended = Period.T2
    if first_year is not None and ended_year >= first_year:
        return ended_year, ended, True
    return year, period, False


def period_has_ended(year: int, period: str, now: datetime | None = None) -> bool:
    return period_bounds(year, period)[1] <= (now or timezone.now())


def computed_indicators() -> list[Indicator]:
    indicators_sync()
    return list(Indicator.objects.filter(active=True).exclude(computation="").order_by("pk"))


@dataclass
class Row:
    unit: Unit
    values: dict[int, IndicatorValue | None]
    has_children: bool

    def value_of(self, indicator: Indicator) -> Decimal | None:
        found = self.values.get(indicator.pk)
        return found.value if found else None


@dataclass
class Dashboard:
    year: int
    period: str
    unit: Unit | None
    kind: str
    indicators: list[Indicator]
    indicator: Indicator | None
    rows: list[Row]
    ancestors: list[Unit]
    own: dict[int, IndicatorValue | None]
    chart: charts.BarChart | None = None
    trend: charts.LineChart | None = None
    trend_rows: list[tuple[str, Decimal | None]] = field(default_factory=list)
    target: Decimal | None = None

    @property
    def subject(self) -> Unit | None:
        return self.unit


def _children(unit: Unit | None, kind: str) -> QuerySet:
    if kind:
        return Unit.objects.filter(kind=kind).order_by("name")
    if unit is None:
        return Unit.objects.filter(depth=2).order_by("name")
    return Unit.objects.filter(path__startswith=unit.path, depth=unit.depth + 1).order_by("name")


def dashboard(*, year: int, period: str, unit: Unit | None, kind: str = "", indicator_code: str = "") -> Dashboard:
    """Every unit one level below ``unit`` (or the whole city), side by side, for one period.

    A fixed number of queries: the rows, their values, whether they have children, the trend.
    """
    indicator_values_ensure(year=year, period=period)
    indicators = computed_indicators()
    chosen = next((i for i in indicators if i.code == indicator_code), indicators[0] if indicators else None)
    subject = unit or Unit.objects.get_first_root_node()
    units = list(_children(unit, kind))
    ids = [u.pk for u in units] + ([subject.pk] if subject else [])
    values: dict[tuple[int, int], IndicatorValue] = {
        (v.unit_id, v.indicator_id): v
        for v in IndicatorValue.objects.filter(year=year, period=period, unit_id__in=ids, indicator__in=indicators)
    }
    with_children = {u.pk for u in units if u.numchild}
    rows = [
        Row(unit=u, values={i.pk: values.get((u.pk, i.pk)) for i in indicators}, has_children=u.pk in with_children)
        for u in units
    ]
    own = {i.pk: values.get((subject.pk, i.pk)) for i in indicators} if subject else {}
    ancestors = []
    if unit is not None:
        ancestors = list(Unit.objects.filter(path__in=unit.path_prefixes()).order_by("depth"))
    board = Dashboard(
        year=year,
        period=period,
        unit=unit,
        kind=kind,
        indicators=indicators,
        indicator=chosen,
        rows=rows,
        ancestors=ancestors,
        own=own,
    )
    if chosen is not None and subject is not None:
        targets = dict(
            Target.objects.filter(indicator=chosen, year=year, unit_id__in=ids).values_list("unit_id", "value")
        )
        board.target = targets.get(subject.pk)
        board.chart = charts.bar_chart(
            [(r.unit.name, r.value_of(chosen), targets.get(r.unit.pk)) for r in rows if r.value_of(chosen) is not None]
        )
        board.trend_rows = trend(unit=subject, indicator=chosen, year=year, period=period)
        board.trend = charts.line_chart(board.trend_rows, target=board.target)
    return board


def trend(*, unit: Unit, indicator: Indicator, year: int, period: str) -> list[tuple[str, Decimal | None]]:
    """The indicator for the unit over the years: whole years from the annual figures, this year's period as it stands."""
    first = year - TREND_YEARS + 1
    kept = {
        (v.year, v.period): v.value
        for v in IndicatorValue.objects.filter(unit=unit, indicator=indicator, year__gte=first, year__lte=year).filter(
            Q(period=Period.ANNUAL) | Q(year=year, period=period)
        )
    }
    years = sorted({y for y, _p in kept})
    points: list[tuple[str, Decimal | None]] = []
    for y in range(years[0] if years else year, year + 1):
        if y == year and period != Period.ANNUAL:
            points.append((f"{y} {Period.short(period)}", kept.get((y, period))))
        else:
            points.append((str(y), kept.get((y, Period.ANNUAL))))
    return points


# --- goals ------------------------------------------------------------------------


def goals_tree(*, year: int) -> list[Goal]:
    """The city's goals for the year, each with the goals set under it and their activities."""
    children = Goal.objects.select_related("unit").prefetch_related(
        "indicators", Prefetch("activities", queryset=Activity.objects.select_related("owner"))
    )
    return list(
        Goal.objects.filter(year=year, parent__isnull=True)
        .select_related("unit", "created_by")
        .prefetch_related(
            "indicators",
            Prefetch("activities", queryset=Activity.objects.select_related("owner")),
            Prefetch("children", queryset=children.order_by("unit__name", "pk")),
        )
        .order_by("pk")
    )


def goal_years() -> list[int]:
    return sorted(set(Goal.objects.values_list("year", flat=True)), reverse=True)


def goal_units_for(user: User) -> QuerySet:
    """Units this person may set goals for: the city for the director, else the organisations and committees they lead."""
    from governance.services import GOAL_SETTING_KINDS

    kinds = list(GOAL_SETTING_KINDS)
    if user.is_director:
        return Unit.objects.filter(Q(depth=1) | Q(kind__in=kinds)).order_by("path")
    q = Q(pk__in=[])
    for role in (Role.MANAGER, Role.OFFICE):
        for path in user.role_paths.get(role, []):
            if len(path) > Unit.steplen:  # a role on the whole city is the executive office's
                q |= Q(path__startswith=path)
    return Unit.objects.filter(q, kind__in=kinds).order_by("path")


def targets_for(*, unit: Unit, year: int) -> dict[int, Decimal]:
    return dict(Target.objects.filter(unit=unit, year=year).values_list("indicator_id", "value"))


# --- reports -------------------------------------------------------------------------


@dataclass
class ReportFilters:
    reporting_period: ReportingPeriod | None = None
    status: str = ""
    q: str = ""


def report_list(*, user: User, filters: ReportFilters) -> QuerySet:
    """Reports this person may see: all but drafts for city staff; drafts for their writers and the executive office."""
    qs = Report.objects.select_related("unit", "reporting_period")
    if not is_executive_office(user):
        own = Q(pk__in=[])
        for role in (Role.MANAGER, Role.OFFICE):
            for path in user.role_paths.get(role, []):
                own |= Q(unit__path__startswith=path)
        qs = qs.filter(own | ~Q(status=ReportStatus.DRAFT))
    if filters.reporting_period is not None:
        qs = qs.filter(reporting_period=filters.reporting_period)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.q:
        qs = qs.filter(unit__name__icontains=filters.q)
    return qs.order_by("-reporting_period__year", "-reporting_period__period", "unit__name")


def writer_paths(user: User) -> list[str]:
    """The unit paths under which this person writes reports (``rules.writes_for``): a manager's or an innovation
    office's roles, but not one on the whole city, which reviews the reports rather than writing them."""
    return [
        path
        for role in (Role.MANAGER, Role.OFFICE)
        for path in user.role_paths.get(role, [])
        if len(path) > Unit.steplen
    ]


def own_reports(*, user: User) -> QuerySet:
    """The reports of the organisations this person writes for (``rules.writes_for``): latest period first."""
    own = Q(pk__in=[])
    for path in writer_paths(user):
        own |= Q(unit__path__startswith=path)
    return (
        Report.objects.filter(own)
        .select_related("unit", "reporting_period")
        .order_by("-reporting_period__year", "-reporting_period__period", "unit__name")
    )


def status_counts(*, reporting_period: ReportingPeriod) -> dict[str, int]:
    counts = dict(
        Report.objects.filter(reporting_period=reporting_period)
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    started = sum(counts.values())
    organisations = Unit.objects.filter(kind__in=ORGANISATION_KINDS).count()
    return {**{s: counts.get(s, 0) for s in ReportStatus.values}, "not_started": max(organisations - started, 0)}


def startable_units(*, user: User, reporting_period: ReportingPeriod) -> list[Unit]:
    """Organisations this person writes for that have no report for the period yet."""
    started = Report.objects.filter(reporting_period=reporting_period).values("unit_id")
    candidates = Unit.objects.filter(kind__in=ORGANISATION_KINDS).exclude(pk__in=started).order_by("name")
    return [u for u in candidates if writes_for(user, u)]


@dataclass
class OutcomeRow:
    outcome: Outcome
    indicator: Indicator
    value: Decimal | None
    basis: int
    target: Decimal | None
    live: bool


def report_detail(report: Report) -> dict:
    """Everything the report page and its exports show, in a fixed number of queries."""
    period = report.reporting_period
    outcomes = list(report.outcomes.select_related("indicator").order_by("indicator__computation", "indicator__name"))
    targets = targets_for(unit=report.unit, year=period.year)
    live: dict[int, IndicatorValue] = {}
    if report.is_editable:
        # Until submission, computed outcomes show the figures as they stand.
        indicator_values_ensure(year=period.year, period=period.period)
        live = {
            v.indicator_id: v
            for v in IndicatorValue.objects.filter(year=period.year, period=period.period, unit=report.unit)
        }
    rows = []
    for outcome in outcomes:
        is_live = outcome.indicator.is_computed and report.is_editable
        figure = live.get(outcome.indicator_id) if is_live else None
        rows.append(
            OutcomeRow(
                outcome=outcome,
                indicator=outcome.indicator,
                value=(figure.value if figure else None) if is_live else outcome.value,
                basis=(figure.basis if figure else 0) if is_live else outcome.basis,
                target=targets.get(outcome.indicator_id),
                live=is_live,
            )
        )
    assessments = list(
        GoalAssessment.objects.filter(report=report)
        .select_related("goal", "goal__unit", "goal__parent")
        .prefetch_related(Prefetch("goal__activities", queryset=Activity.objects.select_related("owner")))
        .order_by("goal__unit__depth", "goal__pk")
    )
    events = list(report.events.select_related("by"))
    start, end = period_bounds(period.year, period.period)
    return {
        "report": report,
        "outcomes": rows,
        "computed": [r for r in rows if r.indicator.is_computed],
        "entered": [r for r in rows if not r.indicator.is_computed],
        "assessments": assessments,
        "events": events,
        "period_start": start,
        "period_end": end,
    }


def city_report(*, reporting_period: ReportingPeriod) -> dict:
    """The city's compiled report for a period: every organisation's report, with the city's own figures."""
    reports = list(
        Report.objects.filter(reporting_period=reporting_period)
        .exclude(status=ReportStatus.DRAFT)
        .select_related("unit", "reporting_period")
        .order_by("unit__name")
    )
    return {
        "reporting_period": reporting_period,
        "reports": [report_detail(r) for r in reports],
        "dashboard": dashboard(year=reporting_period.year, period=reporting_period.period, unit=None),
    }


# --- the work that serves goals (ADR 0031) ---------------------------------------------------

#: How many of each kind of work the goal view lists by name (the rest are counted).
GOAL_WORK_LISTED = 50


def offered_goals(*, unit: Unit | None, year: int) -> QuerySet:
    """The goals work of ``unit`` may serve: the city's and those set by the units over it (its committee, its
    administration …), of ``year`` and the year before. Work of the whole city (a call) may serve any goal."""
    qs = Goal.objects.filter(year__in=(year, year - 1)).select_related("unit", "parent")
    if unit is not None and len(unit.path) > Unit.steplen:
        above = [unit.path[:end] for end in range(Unit.steplen, len(unit.path) + 1, Unit.steplen)]
        qs = qs.filter(Q(parent__isnull=True) | Q(unit__path__in=above))
    return qs.order_by("-year", "unit__depth", "unit__name", "pk")


def goals_of(obj) -> list[Goal]:
    """The goals a piece of work serves, the city's first."""
    from django.contrib.contenttypes.models import ContentType

    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=True)
    return list(
        Goal.objects.filter(links__content_type=content_type, links__object_id=obj.pk)
        .select_related("unit")
        .order_by("-year", "unit__depth", "pk")
    )


@dataclass
class WorkCount:
    kind: object
    total: int = 0
    done: int = 0
    stages: list[tuple[object, int]] = field(default_factory=list)
    rows: list = field(default_factory=list)


def _linked_ids(goal_ids, content_type) -> QuerySet:
    from governance.models import GoalLink

    return GoalLink.objects.filter(goal_id__in=goal_ids, content_type=content_type).values("object_id")


def goal_work(*, goal: Goal, user: User) -> list[WorkCount]:
    """For each kind of work, what serves ``goal`` and how far it has come, only what ``user`` may read.

    Two queries per kind, whatever the number of rows: the counts per stage, and the latest rows by name.
    """
    from governance import goal_work as registry

    found = []
    for kind in registry.kinds():
        rows = kind.model._default_manager.filter(
            kind.readable(user), pk__in=_linked_ids([goal.pk], kind.content_type())
        )
        staged = rows.annotate(work_stage=kind.stage)
        counts = dict(staged.order_by().values_list("work_stage").annotate(n=Count("pk")))
        stages = [(label, counts[value]) for value, label in kind.stages.items() if counts.get(value)]
        listed = list(staged.select_related(*kind.related).order_by("-pk")[:GOAL_WORK_LISTED])
        address = _addresser(kind)
        found.append(
            WorkCount(
                kind=kind,
                total=sum(counts.values()),
                done=sum(n for value, n in counts.items() if value in kind.done),
                stages=stages,
                rows=[(row, kind.stage_label(row.work_stage), address(row)) for row in listed],
            )
        )
    return found


def _addresser(kind) -> Callable[[Any], str]:
    """How to link the rows of ``kind``: from the primary key when the kind names its page, else row by row."""
    if kind.address:
        by_pk = pk_address(kind.address)
        return lambda row: by_pk(row.pk)
    return _address


def _address(row) -> str:
    """The row's page, or nothing while its app has no page for it."""
    from django.urls import NoReverseMatch

    try:
        return row.get_absolute_url()
    except NoReverseMatch:
        return ""


def goals_work_counts(*, goals: list[Goal], user: User) -> dict[int, list[WorkCount]]:
    """For each goal, how much work of each kind serves it and how much of it is done: one query per kind."""
    from governance import goal_work as registry
    from governance.models import GoalLink

    goal_ids = [g.pk for g in goals]
    found: dict[int, list[WorkCount]] = {pk: [] for pk in goal_ids}
    if not goal_ids:
        return found
    for kind in registry.kinds():
        allowed = kind.readable(user)
        readable = kind.model._default_manager.filter(allowed)
        done = readable.annotate(work_stage=kind.stage).filter(work_stage__in=list(kind.done))
        links = GoalLink.objects.filter(goal_id__in=goal_ids, content_type=kind.content_type())
        # Each link looks its row up by key (``Exists``): the goals' links are far fewer than the rows that are
        # done or readable, which an ``IN`` over a subquery would list first.
        if allowed:  # an empty filter reads everything: no need to look the rows up
            links = links.filter(Exists(readable.filter(pk=OuterRef("object_id"))))
        counts = {
            row["goal_id"]: row
            for row in links.order_by()
            .values("goal_id")
            .annotate(total=Count("pk"), done=Count("pk", filter=Exists(done.filter(pk=OuterRef("object_id")))))
        }
        for pk in goal_ids:
            row = counts.get(pk) or {"total": 0, "done": 0}
            found[pk].append(WorkCount(kind=kind, total=row["total"], done=row["done"]))
    return found


def goals_with_work(*, year: int, user: User, unit: Unit | None = None) -> list[tuple[Goal, list[WorkCount]]]:
    """The year's goals with the work serving them: the city's, and — when the dashboard shows one unit — the goals
    set by the units over it, by it and under it, each under the city goal it serves."""
    qs = Goal.objects.filter(year=year)
    if unit is None or len(unit.path) <= Unit.steplen:
        qs = qs.filter(parent__isnull=True)
    else:
        above = [unit.path[:end] for end in range(Unit.steplen, len(unit.path) + 1, Unit.steplen)]
        qs = qs.filter(Q(parent__isnull=True) | Q(unit__path__in=above) | Q(unit__path__startswith=unit.path))
    goals = list(qs.select_related("unit", "parent").order_by("unit__depth", "pk"))
    ordered = [g for g in goals if g.parent_id is None]
    under: dict[int, list[Goal]] = {}
    for g in goals:
        if g.parent_id is not None:
            under.setdefault(g.parent_id, []).append(g)
    tree = []
    for city_goal in ordered:
        tree.append(city_goal)
        tree.extend(sorted(under.get(city_goal.pk, []), key=lambda g: (g.unit.name, g.pk)))
    counts = goals_work_counts(goals=tree, user=user)
    return [(g, counts[g.pk]) for g in tree]
