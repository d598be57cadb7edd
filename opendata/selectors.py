"""The open datasets as rows of plain values, ready for a CSV file or the API.

Only aggregated figures are published, never a row about a person: counts per
organisation and period, and the computed indicators of the city, its committees and
boards, and its administrations and companies. Only periods that have ended are published,
with values computed after their end, so a published figure never changes.

Every figure goes through disclosure control (``core.disclosure``). The counts behind the
figures form tables – ideas received by unit, source and period; ideas that reached each
stage; realised innovations; applications to the calls – in which a unit is the sum of the
units below it, a row's total the sum of its sources and T2 includes T1. A count from one to
four is published as ``<5`` (*suppressed*), and figures around it are *withheld* (left empty)
until it cannot be worked out from the rest: not from a row's other cells, not as a parent
minus its children, not as T2 minus T1, and not from a rate times its public denominator (a
rate or share is published only where the counts it is made of could be). Figures that rest on
counts published nowhere (the share answered in time, the median days, the share funded) are
published when they rest on at least five ideas.

Each function runs a fixed number of queries whatever the number of units and periods.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.db.models import Case, Count, IntegerField, Min, Q, Value, When
from django.utils import timezone, translation
from django.utils.translation import gettext

from core.city import CITY_TIME_ZONE
from core.disclosure import MIN_COUNT, Dimension, Status, Table, protect
from governance.indicators import COMPUTATIONS
from governance.models import IndicatorValue, Measure, Period, period_bounds
from governance.templatetags.governance_tags import format_figure
from ideas.indicators import EXTERNAL_SOURCES
from ideas.lock import Stage
from ideas.models import GateDecision, Idea, Source
from organisation.models import ORGANISATION_KINDS, Unit, UnitKind

#: Units whose indicators are published: the city, committees and company boards, administrations and companies.
PUBLISHED_KINDS = (UnitKind.CITY, UnitKind.COMMITTEE, UnitKind.COMPANY_BOARD, *ORGANISATION_KINDS)
#: The smallest number of ideas a figure may rest on to be published exactly.
MIN_BASIS = MIN_COUNT
FEWER_THAN_MIN = "<5"
#: The note on a figure that is not published exactly because it rests on too few ideas.
SUPPRESSED = Status.SUPPRESSED.value
#: The note on a figure left out so that a suppressed figure cannot be worked out from the others.
WITHHELD = Status.WITHHELD.value
#: The stages an idea can be decided into along the lock's route (reaching *idea* is being received).
REACHED_STAGES = (Stage.PRESTUDY, Stage.PILOT, Stage.IMPLEMENTATION, Stage.SPREAD)

Row = dict[str, str | int | None]
PeriodKey = tuple[int, str]


def _ended(year: int, period: str, now: datetime) -> bool:
    return period_bounds(year, period)[1] <= now


def _ended_q(now: datetime) -> Q:
    """Values of periods that have ended by ``now``: every period of earlier years, and this year's ended ones."""
    year = timezone.localtime(now, CITY_TIME_ZONE).year
    return Q(year__lt=year) | Q(year=year, period__in=[p for p in Period.values if _ended(year, p, now)])


def shown_counts(table: Table) -> dict[Any, str]:
    """Every cell of ``table`` as published after disclosure control (``core.disclosure.protect``, all cells in one
    round): the count, ``<5`` where it is suppressed, or empty where it is withheld. For a dataset listing things as
    they are now (the public challenges, the market dialogues), whose counts are cells of one table."""
    status = protect(table, [table.cells])
    shown: dict[Any, str] = {}
    for cell, s in status.items():
        if s is Status.PUBLISHED:
            shown[cell] = str(table.value(cell))
        elif s is Status.SUPPRESSED:
            shown[cell] = FEWER_THAN_MIN
        else:
            shown[cell] = ""
    return shown


def published_figure(*, value: Decimal | None, basis: int, measure: str) -> tuple[str | None, str]:
    """An indicator's value and note as published, given how many ideas it rests on."""
    if measure == Measure.COUNT:
        if value is None:
            return None, ""
        if 0 < basis < MIN_BASIS or 0 < value < MIN_BASIS:
            return FEWER_THAN_MIN, SUPPRESSED
        return str(int(value)), ""
    if basis < MIN_BASIS:
        return None, SUPPRESSED
    return (None, "") if value is None else (format(value, "f"), "")


def _filtered(periods: list[PeriodKey], year: int | None, period: str | None) -> list[PeriodKey]:
    return [(y, p) for y, p in periods if (year is None or y == year) and (period is None or p == period)]


# --- disclosure control -------------------------------------------------------------

#: The computed indicators that publish a count of a table below, and the table.
COUNTED = {"reached_pilot": "reached", "realised_innovations": "innovations", "call_applications": "applications"}
#: How long a year's decisions are kept: the key is a digest of every count they rest on, so they are never stale.
DECISIONS_SECONDS = 24 * 60 * 60


@dataclass(frozen=True)
class _Units:
    """The published units as a dimension: each is its published children plus the rest of it (virtual)."""

    dimension: Dimension
    #: unit id → the published units it counts for (itself if published, and every published unit above it)
    counts_for: dict[int, list[int]]
    published: list[int]
    #: (id, code, name, kind) of the administrations and companies, in tree order
    organisations: list[tuple[int, str, str, str]]


def _units() -> _Units:
    """One query."""
    units = list(Unit.objects.order_by("path").values_list("pk", "path", "kind", "code", "name"))
    published_by_path = {path: pk for pk, path, kind, _code, _name in units if kind in PUBLISHED_KINDS}
    counts_for: dict[int, list[int]] = {}
    children: dict[int, list] = {pk: [] for pk in published_by_path.values()}
    for pk, path, *_rest in units:
        above = [
            published_by_path[path[:end]]
            for end in range(Unit.steplen, len(path) + 1, Unit.steplen)
            if path[:end] in published_by_path
        ]
        counts_for[pk] = above
        if pk in children and len(above) > 1:
            children[above[-2]].append(pk)
    tree = {pk: [*kids, ("rest", pk)] for pk, kids in children.items() if kids}
    rests = [("rest", pk) for pk in tree]
    leaves = [pk for pk, kids in children.items() if not kids]
    dimension = Dimension.tree({**tree, **{pk: [] for pk in leaves}}, virtual=rests)
    organisations = [(pk, code, name, kind) for pk, _path, kind, code, name in units if kind in ORGANISATION_KINDS]
    return _Units(dimension, counts_for, list(children), organisations)


def _ended_periods(year: int, now: datetime) -> list[str]:
    return [p for p in Period.values if _ended(year, p, now)]


def _decide(name: str, year: int, units: _Units, periods: list[str], rows: list, build) -> dict[tuple, Status]:
    """The decisions of one table and year, kept in the cache under a digest of everything they rest on.

    ``build()`` gives the table and its rounds; it runs only when the decisions are not in the cache.
    """
    material = (name, year, periods, units.dimension.relations, units.published, sorted(map(repr, rows)))
    key = "opendata-disclosure:" + hashlib.sha256(repr(material).encode()).hexdigest()
    kept = cache.get(key)
    if kept is None:
        table, rounds = build()
        kept = {cell: status.value for cell, status in protect(table, rounds).items()}
        cache.set(key, kept, DECISIONS_SECONDS)
    return {cell: Status(status) for cell, status in kept.items()}


def _rounds(units: _Units, periods: list[str], offered) -> list[list[tuple]]:
    """The cells offered for publication, one round per period in the order the periods end."""
    return [[cell for unit in units.published for cell in offered(unit, period)] for period in periods]


#: Ideas received by source. Every sum that can be worked out from what is published is a node of its
#: own (the staff's ideas are the total minus the external share's), so that chains through it are seen.
_SOURCE_TREE = {
    "total": ["staff", "external"],
    "staff": [Source.EMPLOYEE.value, Source.MANAGER.value],
    "external": [s.value for s in EXTERNAL_SOURCES],
}


@dataclass
class Disclosure:
    """What may be published of each year: the status of every figure offered, per table."""

    received: dict[int, dict[tuple, Status]]
    reached: dict[int, dict[tuple, Status]]
    innovations: dict[int, dict[tuple, Status]]
    applications: dict[int, dict[tuple, Status]]

    def status(self, table: str, year: int, cell: tuple) -> Status:
        return getattr(self, table).get(year, {}).get(cell, Status.WITHHELD)


def _received_table(units: _Units, rows, periods: list[str]) -> Table:
    values: dict[tuple, int] = defaultdict(int)
    for unit_id, source, t1, t2, annual in rows:
        for published in units.counts_for.get(unit_id, ()):
            for period, n in zip(Period.values, (t1, t2, annual), strict=True):
                if period in periods:
                    values[published, source, period] += n
                    values[published, "total", period] += n
                    staff = source in (Source.EMPLOYEE, Source.MANAGER)
                    values[published, "staff" if staff else "external", period] += n
    dimensions = [units.dimension, Dimension.tree(_SOURCE_TREE), Dimension.cumulative(periods)]
    return Table(dimensions, values)


def _reached_table(units: _Units, rows, periods: list[str]) -> Table:
    values: dict[tuple, int] = defaultdict(int)
    for unit_id, stage, t1, t2, annual in rows:
        for published in units.counts_for.get(unit_id, ()):
            for period, n in zip(Period.values, (t1, t2, annual), strict=True):
                if period in periods:
                    values[published, stage, period] += n
    dimensions = [units.dimension, Dimension.flat(s.value for s in REACHED_STAGES), Dimension.cumulative(periods)]
    return Table(dimensions, values)


@dataclass
class _Counts:
    """The rows the tables are made of, per year: (unit, category, T1, T2, whole year) for ideas received
    (category: the source) and stages reached; (unit, period) → count for the indicators' counts."""

    received: dict[int, list]
    reached: dict[int, list]
    kept: dict[tuple[str, int], dict[tuple[int, str], int]]


def _counts(years: list[int], tables: set[str], units: _Units) -> _Counts:
    """Two queries for the ideas, one for the indicators' counts."""
    start, end = period_bounds(years[0], Period.T1)[0], period_bounds(years[-1], Period.ANNUAL)[1]
    counts = _Counts(defaultdict(list), defaultdict(list), defaultdict(dict))
    span = list(range(years[0], years[-1] + 1))  # every year between, so that each row finds its own
    if "received" in tables:
        for unit_id, source, year, *per_period in (
            Idea.objects.filter(created_at__gte=start, created_at__lt=end)
            .order_by()
            .values_list("unit_id", "source", _year("created_at", span))
            .annotate(**_by_period("created_at", "pk", span))
        ):
            counts.received[year].append((unit_id, source, *per_period))
    if "reached" in tables:
        for unit_id, stage, year, *per_period in (
            GateDecision.objects.filter(to_stage__in=REACHED_STAGES, decided_at__gte=start, decided_at__lt=end)
            .order_by()
            .values_list("idea__unit_id", "to_stage", _year("decided_at", span))
            .annotate(**_by_period("decided_at", "idea", span, distinct=True))
        ):
            counts.reached[year].append((unit_id, stage, *per_period))
    wanted = [c for c, t in COUNTED.items() if t in tables and t != "reached"]
    if wanted:
        for computation, year, period, unit_id, value in IndicatorValue.objects.filter(
            year__in=years, indicator__computation__in=wanted, unit_id__in=units.published
        ).values_list("indicator__computation", "year", "period", "unit_id", "value"):
            if value is not None:
                counts.kept[COUNTED[computation], year][unit_id, period] = int(value)
    return counts


def disclosure(
    years: Iterable[int],
    *,
    now: datetime,
    tables: Iterable[str] = ("received", "reached"),
    units: _Units | None = None,
    counts: _Counts | None = None,
) -> Disclosure:
    """Decide, for each year, which figures of each table may be published (see the module's docstring).

    At most four queries whatever the number of years and units; the decisions are cached.
    """
    tables = set(tables)
    result = Disclosure({}, {}, {}, {})
    years = sorted(y for y in set(years) if _ended_periods(y, now))
    if not years:
        return result
    units = units or _units()
    counts = counts or _counts(years, tables, units)
    organisations = {pk for pk, *_rest in units.organisations}

    def offered_sources(unit, period):
        cells = [(unit, "total", period), (unit, "external", period)]
        if unit in organisations:
            cells += [(unit, s.value, period) for s in Source]
        return cells

    def offered_stages(unit, period):
        if unit in organisations:
            return [(unit, s.value, period) for s in REACHED_STAGES]
        return [(unit, Stage.PILOT.value, period)]

    for year in years:
        periods = _ended_periods(year, now)
        if "received" in tables:
            rows = counts.received[year]
            result.received[year] = _decide(
                "received",
                year,
                units,
                periods,
                rows,
                lambda rows=rows, periods=periods: (
                    _received_table(units, rows, periods),
                    _rounds(units, periods, offered_sources),
                ),
            )
        if "reached" in tables:
            rows = counts.reached[year]
            result.reached[year] = _decide(
                "reached",
                year,
                units,
                periods,
                rows,
                lambda rows=rows, periods=periods: (
                    _reached_table(units, rows, periods),
                    _rounds(units, periods, offered_stages),
                ),
            )
        for name in ("innovations", "applications"):
            if name in tables:
                values = {cell: n for cell, n in counts.kept[name, year].items() if cell[1] in periods}
                getattr(result, name)[year] = _decide(
                    name,
                    year,
                    units,
                    periods,
                    list(values.items()),
                    lambda values=values, periods=periods: (
                        Table([units.dimension, Dimension.cumulative(periods)], values),
                        _rounds(units, periods, lambda unit, period: [(unit, period)]),
                    ),
                )
    return result


def _shown(status: Status, count: int | Decimal | None) -> tuple[str | None, str]:
    """A count as published, given its decision."""
    if status is Status.PUBLISHED:
        return (None, "") if count is None else (str(int(count)), "")
    if status is Status.SUPPRESSED:
        return FEWER_THAN_MIN, SUPPRESSED
    return None, WITHHELD


# --- indicators ------------------------------------------------------------------


def _indicator_values(now: datetime):
    return IndicatorValue.objects.filter(
        _ended_q(now), indicator__computation__in=list(COMPUTATIONS), unit__kind__in=PUBLISHED_KINDS
    )


def indicator_periods(*, now: datetime | None = None) -> list[PeriodKey]:
    """The ended periods whose indicator values were computed after the period's end, oldest first. One query."""
    now = now or timezone.now()
    firsts = _indicator_values(now).order_by().values_list("year", "period").annotate(first=Min("computed_at"))
    return sorted((y, p) for y, p, first in firsts if first >= period_bounds(y, p)[1])


def _indicator_figure(
    decided: Disclosure, *, computation: str, unit_id: int, year: int, period: str, value, basis: int, measure: str
) -> tuple[str | None, str]:
    """An indicator's value and note as published: through the tables its counts belong to, or by its basis."""
    if computation == "ideas_per_thousand":
        status = decided.status("received", year, (unit_id, "total", period))
        return _rate(status, value)
    if computation == "external_share":
        statuses = {decided.status("received", year, (unit_id, c, period)) for c in ("total", "external")}
        worst = Status.PUBLISHED if statuses == {Status.PUBLISHED} else min(statuses - {Status.PUBLISHED})
        return _rate(worst, value)
    if computation == "reached_pilot":
        return _shown(decided.status("reached", year, (unit_id, Stage.PILOT.value, period)), value)
    if computation in COUNTED:
        return _shown(decided.status(COUNTED[computation], year, (unit_id, period)), value)
    return published_figure(value=value, basis=basis, measure=measure)


def _rate(status: Status, value) -> tuple[str | None, str]:
    """A rate or share is published only where the counts it is made of are."""
    if status is Status.PUBLISHED:
        return (None, "") if value is None else (format(value, "f"), "")
    return None, status.value


def indicator_rows(*, year: int | None = None, period: str | None = None, now: datetime | None = None) -> list[Row]:
    """One row per computed indicator, unit and ended period. Five queries, whatever the number of units and years."""
    now = now or timezone.now()
    qs = _indicator_values(now)
    if year is not None:
        qs = qs.filter(year=year)
    if period is not None:
        qs = qs.filter(period=period)
    values = list(
        qs.order_by("year", "period", "unit__path", "indicator__computation").values_list(
            "year",
            "period",
            "computed_at",
            "value",
            "basis",
            "unit_id",
            "unit__code",
            "unit__name",
            "unit__kind",
            "indicator__code",
            "indicator__computation",
            "indicator__measure",
        )
    )
    decided = disclosure(
        {row[0] for row in values}, now=now, tables=("received", "reached", "innovations", "applications")
    )
    with translation.override("sv"):
        names = {key: str(c.label) for key, c in COMPUTATIONS.items()}
    rows: list[Row] = []
    for y, p, computed_at, value, basis, unit_id, unit_code, unit_name, kind, code, computation, measure in values:
        if computed_at < period_bounds(y, p)[1]:
            continue  # computed while the period ran: not final, so not published
        figure, note = _indicator_figure(
            decided,
            computation=computation,
            unit_id=unit_id,
            year=y,
            period=p,
            value=value,
            basis=basis,
            measure=measure,
        )
        rows.append(
            {
                "year": y,
                "period": p,
                "unit_code": unit_code,
                "unit_name": unit_name,
                "unit_kind": kind,
                "indicator_code": code,
                "indicator_name": names[computation],
                "measure": measure,
                "value": figure,
                "note": note,
            }
        )
    return rows


# --- ideas received and stages reached ---------------------------------------------


def idea_periods(*, now: datetime | None = None) -> list[PeriodKey]:
    """The ended periods since the first idea arrived, oldest first. One query."""
    now = now or timezone.now()
    first = Idea.objects.aggregate(first=Min("created_at"))["first"]
    if first is None:
        return []
    first_year = timezone.localtime(first, CITY_TIME_ZONE).year
    this_year = timezone.localtime(now, CITY_TIME_ZONE).year
    return [
        (y, p) for y in range(first_year, this_year + 1) for p in Period.values if first < period_bounds(y, p)[1] <= now
    ]


def _year(field: str, years: list[int]) -> Case:
    """The calendar year (Stockholm time) of ``field``, by comparing with each year's end: cheap on every database."""
    return Case(
        *(When(**{f"{field}__lt": period_bounds(y, Period.ANNUAL)[1]}, then=Value(y)) for y in years),
        output_field=IntegerField(),
    )


def _window(year: int, period: str) -> tuple[datetime, datetime]:
    """[start, end] of a period for ``__range``: the end made inclusive by stepping back a microsecond."""
    start, end = period_bounds(year, period)
    return start, end - timedelta(microseconds=1)


def _by_period(field: str, count: str, years: list[int], *, distinct: bool = False) -> dict:
    """Counts for T1, T2 and the whole year of the row's year (grouped by ``_year``)."""
    return {
        key: Count(
            count,
            distinct=distinct,
            filter=Q(*(Q(**{f"{field}__range": _window(y, period)}) for y in years), _connector=Q.OR)
            if period != Period.ANNUAL
            else None,
        )
        for key, period in (("t1", Period.T1), ("t2", Period.T2), ("annual", Period.ANNUAL))
    }


def idea_rows(*, year: int | None = None, period: str | None = None, now: datetime | None = None) -> list[Row]:
    """Per administration or company and ended period: ideas received from each source, and ideas that reached each stage.

    Four queries, whatever the number of units, periods and ideas.
    """
    now = now or timezone.now()
    periods = _filtered(idea_periods(now=now), year, period)
    if not periods:
        return []
    years = sorted({y for y, _p in periods})
    units = _units()
    counts = _counts(years, {"received", "reached"}, units)
    decided = disclosure(years, now=now, units=units, counts=counts)
    organisations = {pk for pk, *_rest in units.organisations}
    totals: dict[tuple[str, int, int, str, str], int] = defaultdict(int)
    for breakdown, per_year in (("source", counts.received), ("stage", counts.reached)):
        for y, year_rows in per_year.items():
            for unit_id, category, t1, t2, annual in year_rows:
                for org in units.counts_for.get(unit_id, ()):
                    if org in organisations:
                        for p, n in zip(Period.values, (t1, t2, annual), strict=True):
                            totals[breakdown, org, y, p, category] += n
    with translation.override("sv"):
        categories = [("source", "received", s.value, str(s.label)) for s in Source] + [
            ("stage", "reached", s.value, str(s.label)) for s in REACHED_STAGES
        ]
    rows: list[Row] = []
    for y, p in periods:
        for org, code, name, kind in units.organisations:
            for breakdown, table, category, category_name in categories:
                count = totals.get((breakdown, org, y, p, category), 0)
                figure, note = _shown(decided.status(table, y, (org, category, p)), count)
                rows.append(
                    {
                        "year": y,
                        "period": p,
                        "unit_code": code,
                        "unit_name": name,
                        "unit_kind": kind,
                        "breakdown": breakdown,
                        "category": category,
                        "category_name": category_name,
                        "ideas": figure,
                        "note": note,
                    }
                )
    return rows


# --- the preview on the page ---------------------------------------------------------

#: Rows the page shows of each dataset, before the links to the whole files.
PREVIEW_ROWS = 6


def preview(dataset, periods: list[PeriodKey], *, size: int = PREVIEW_ROWS) -> dict | None:
    """The first rows of the latest published period, from the same disclosure-controlled rows as the files.

    A suppressed figure reads “fewer than 5” and a withheld one “–”; nothing else of the row is
    changed, so the page can never show a figure the files leave out.
    """
    if not dataset.periodic:
        return _list_preview(dataset, size=size)
    if not periods or not dataset.preview_columns:
        return None
    year, period = periods[-1]
    names = [name for name, _heading in dataset.preview_columns]
    rows = []
    for row in dataset.rows(year=year, period=period)[:size]:
        cells = [{"text": row[name] or ""} for name in names[:-1]]
        note = row.get("note", "")
        if note == SUPPRESSED:
            figure = {"text": gettext("fewer than 5"), "suppressed": True}
        elif note == WITHHELD:
            figure = {"text": "–", "withheld": True}
        else:
            figure = {"text": _figure_text(row)}
        rows.append([*cells, figure])
    return {
        "caption": gettext("A few rows from %(period)s") % {"period": _period_text(year, period)},
        "figures": True,
        "year": year,
        "period": _period_text(year, period),
        "headings": [heading for _name, heading in dataset.preview_columns],
        "rows": rows,
        "withheld": any(cells[-1].get("withheld") for cells in rows),
        "suppressed": any(cells[-1].get("suppressed") for cells in rows),
    }


def _list_preview(dataset, *, size: int) -> dict | None:
    """The first rows of a dataset that lists things rather than figures: its text as it is."""
    rows = dataset.rows()[:size] if dataset.preview_columns else []
    if not rows:
        return None
    names = [name for name, _heading in dataset.preview_columns]
    return {
        "caption": gettext("The latest rows"),
        "figures": False,
        "headings": [heading for _name, heading in dataset.preview_columns],
        "rows": [[{"text": row[name] or ""} for name in names] for row in rows],
        "withheld": False,
        "suppressed": False,
    }


def _period_text(year: int, period: str) -> str:
    if period == Period.T1:
        return gettext("January to April %(year)s") % {"year": year}
    if period == Period.T2:
        return gettext("January to August %(year)s") % {"year": year}
    return gettext("the whole of %(year)s") % {"year": year}


def _figure_text(row: Row) -> str:
    """The figure as the follow-up pages write it (``62,5 %``, ``1,8 per 1 000``), rounded half up."""
    value = row.get("value", row.get("ideas"))
    if value in (None, ""):
        return "–"
    measure = str(row.get("measure") or Measure.COUNT)
    return format_figure(Decimal(str(value)), measure)
