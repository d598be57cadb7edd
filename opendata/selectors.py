"""The open datasets as rows of plain values, ready for a CSV file or the API.

Only aggregated figures are published, never a row about a person: counts per
organisation and period, and the computed indicators of the city, its committees and
boards, and its administrations and companies. A figure that rests on fewer than five
ideas is not published exactly (``<5`` for a count, empty for a rate or a median), and
only periods that have ended are published, with values computed after their end, so a
published figure never changes.

Each function runs a fixed number of queries whatever the number of units and periods.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from decimal import Decimal

from django.db.models import Count, Min, Q
from django.db.models.functions import ExtractYear
from django.utils import timezone, translation

from governance.indicators import COMPUTATIONS
from governance.models import STOCKHOLM, IndicatorValue, Measure, Period, period_bounds
from ideas.lock import Stage
from ideas.models import GateDecision, Idea, Source
from organisation.models import ORGANISATION_KINDS, Unit, UnitKind

#: Units whose indicators are published: the city, committees and company boards, administrations and companies.
PUBLISHED_KINDS = (UnitKind.CITY, UnitKind.COMMITTEE, UnitKind.COMPANY_BOARD, *ORGANISATION_KINDS)
#: The smallest number of ideas a figure may rest on to be published exactly.
MIN_BASIS = 5
FEWER_THAN_MIN = "<5"
#: The note on a figure that is not published exactly because it rests on too few ideas.
SUPPRESSED = "suppressed"
#: The stages an idea can be decided into along the lock's route (reaching *idea* is being received).
REACHED_STAGES = (Stage.PRESTUDY, Stage.PILOT, Stage.IMPLEMENTATION, Stage.SPREAD)
#: The last month of each period, as the month the period's count stops before.
_BEFORE_MONTH = {Period.T1: 5, Period.T2: 9, Period.ANNUAL: 13}

Row = dict[str, str | int | None]
PeriodKey = tuple[int, str]


def _ended(year: int, period: str, now: datetime) -> bool:
    return period_bounds(year, period)[1] <= now


def _ended_q(now: datetime) -> Q:
    """Values of periods that have ended by ``now``: every period of earlier years, and this year's ended ones."""
    year = timezone.localtime(now, STOCKHOLM).year
    return Q(year__lt=year) | Q(year=year, period__in=[p for p in Period.values if _ended(year, p, now)])


def _count(n: int) -> tuple[str, str]:
    """A count as published: exact from five up and at zero, ``<5`` from one to four."""
    if 0 < n < MIN_BASIS:
        return FEWER_THAN_MIN, SUPPRESSED
    return str(n), ""


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


def indicator_rows(*, year: int | None = None, period: str | None = None, now: datetime | None = None) -> list[Row]:
    """One row per computed indicator, unit and ended period. One query."""
    now = now or timezone.now()
    qs = _indicator_values(now)
    if year is not None:
        qs = qs.filter(year=year)
    if period is not None:
        qs = qs.filter(period=period)
    values = qs.order_by("year", "period", "unit__path", "indicator__computation").values_list(
        "year",
        "period",
        "computed_at",
        "value",
        "basis",
        "unit__code",
        "unit__name",
        "unit__kind",
        "indicator__code",
        "indicator__computation",
        "indicator__measure",
    )
    with translation.override("sv"):
        names = {key: str(c.label) for key, c in COMPUTATIONS.items()}
    rows: list[Row] = []
    for y, p, computed_at, value, basis, unit_code, unit_name, kind, code, computation, measure in values:
        if computed_at < period_bounds(y, p)[1]:
            continue  # computed while the period ran: not final, so not published
        figure, note = published_figure(value=value, basis=basis, measure=measure)
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
    first_year = timezone.localtime(first, STOCKHOLM).year
    this_year = timezone.localtime(now, STOCKHOLM).year
    return [
        (y, p) for y in range(first_year, this_year + 1) for p in Period.values if first < period_bounds(y, p)[1] <= now
    ]


def _organisations() -> tuple[list[tuple[int, str, str, str]], dict[int, int]]:
    """The administrations and companies in tree order, and the organisation of every unit. One query."""
    units = list(Unit.objects.order_by("path").values_list("pk", "path", "code", "name", "kind"))
    org_by_path = {path: pk for pk, path, _code, _name, kind in units if kind in ORGANISATION_KINDS}
    org_of: dict[int, int] = {}
    for pk, path, *_rest in units:
        for end in range(len(path), 0, -Unit.steplen):
            org = org_by_path.get(path[:end])
            if org is not None:
                org_of[pk] = org
                break
    org_ids = set(org_by_path.values())
    orgs = [(pk, code, name, kind) for pk, _path, code, name, kind in units if pk in org_ids]
    return orgs, org_of


def _per_period(rows, org_of: dict[int, int]) -> dict[tuple[int, int, str, str], int]:
    """(organisation, year, period, category) → count, from rows of (unit, category, year, t1, t2, whole year)."""
    totals: dict[tuple[int, int, str, str], int] = defaultdict(int)
    for unit_id, category, year, t1, t2, annual in rows:
        org = org_of.get(unit_id)
        if org is None:
            continue  # not within an administration or company
        for period, n in ((Period.T1, t1), (Period.T2, t2), (Period.ANNUAL, annual)):
            totals[org, year, period, category] += n
    return totals


def _by_period(field: str, count: str, *, distinct: bool = False) -> dict:
    """Counts for T1, T2 and the whole year, grouped by calendar year (Stockholm time)."""
    return {
        key: Count(count, distinct=distinct, filter=Q(**{f"{field}__month__lt": _BEFORE_MONTH[period]}))
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
    start, end = period_bounds(years[0], Period.T1)[0], period_bounds(years[-1], Period.ANNUAL)[1]
    orgs, org_of = _organisations()
    with timezone.override(STOCKHOLM):  # years and months as the city counts them
        received = list(
            Idea.objects.filter(created_at__gte=start, created_at__lt=end)
            .order_by()
            .values_list("unit_id", "source", ExtractYear("created_at"))
            .annotate(**_by_period("created_at", "pk"))
        )
        reached = list(
            GateDecision.objects.filter(to_stage__in=REACHED_STAGES, decided_at__gte=start, decided_at__lt=end)
            .order_by()
            .values_list("idea__unit_id", "to_stage", ExtractYear("decided_at"))
            .annotate(**_by_period("decided_at", "idea", distinct=True))
        )
    counts = {"source": _per_period(received, org_of), "stage": _per_period(reached, org_of)}
    with translation.override("sv"):
        categories = [("source", s.value, str(s.label)) for s in Source] + [
            ("stage", s.value, str(s.label)) for s in REACHED_STAGES
        ]
    rows: list[Row] = []
    for y, p in periods:
        for org, code, name, kind in orgs:
            for breakdown, category, category_name in categories:
                figure, note = _count(counts[breakdown].get((org, y, p, category), 0))
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
