"""The governance indicators over procurement cases (M11): the cases made, the dialogues opened, the cases that chose
each route, the cases taken to tender, concluded with a contract or closed without a procurement, and the share of
the procured value that went through innovation-friendly routes.

The indicator registry keeps one figure per unit and period, so the count by route is one indicator per route.
Every route after a market dialogue is innovation-friendly (``services.INNOVATION_FRIENDLY``).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from decimal import Decimal

from django.db.models import Count, Sum
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core.city import CITY_TIME_ZONE
from governance.indicators import Figure, Figures, Tree, computation
from governance.models import Direction, Measure, quantize
from procurement.cases.services import INNOVATION_FRIENDLY
from procurement.models import CaseLogEntry, CaseStage, LogKind, ProcuredValue, ProcurementCase, ProcurementRoute, Rfi


def _counts(tree: Tree, rows) -> Figures:
    totals = tree.sum_up(rows.order_by().values_list("unit_id").annotate(n=Count("pk")))
    return {pk: Figure(Decimal(n), n) for pk, n in totals.items()}


@computation(
    "procurement_cases_made",
    label=_("Procurement cases made"),
    description=_("Needs taken to the market: procurement cases made in the period."),
    measure=Measure.COUNT,
    direction=Direction.HIGHER,
    position=140,
)
def cases_made(start: datetime, end: datetime) -> Figures:
    return _counts(Tree(), ProcurementCase.objects.filter(created_at__gte=start, created_at__lt=end))


def _route_count(route: str):
    def compute(start: datetime, end: datetime) -> Figures:
        """Cases whose route, as last chosen, was chosen in the period."""
        rows = ProcurementCase.objects.filter(route=route, route_decided_at__gte=start, route_decided_at__lt=end)
        return _counts(Tree(), rows)

    return compute


for _position, _route in enumerate(ProcurementRoute, start=141):
    computation(
        f"procurement_route_{_route.value}",
        label=format_lazy(_("Procurement cases by route: {route}"), route=_route.label),
        description=_("Procurement cases whose route was chosen in the period, counted by the route chosen."),
        measure=Measure.COUNT,
        direction=Direction.HIGHER,
        position=_position,
    )(_route_count(_route.value))


@computation(
    "procurement_cases_concluded",
    label=_("Procurement cases concluded with a contract"),
    description=_("Procurement cases whose outcome, a signed contract, was recorded in the period."),
    measure=Measure.COUNT,
    direction=Direction.HIGHER,
    position=147,
)
def cases_concluded(start: datetime, end: datetime) -> Figures:
    return _counts(
        Tree(),
        ProcurementCase.objects.filter(stage=CaseStage.CONCLUDED, outcome_at__gte=start, outcome_at__lt=end),
    )


def _counts_by(tree: Tree, rows, unit: str) -> Figures:
    """Rows counted once per case by the unit at ``unit`` (a path to the case's unit)."""
    totals = tree.sum_up(rows.order_by().values_list(unit).annotate(n=Count("case_id", distinct=True)))
    return {pk: Figure(Decimal(n), n) for pk, n in totals.items()}


@computation(
    "procurement_dialogues_opened",
    label=_("Market dialogues opened"),
    description=_("Procurement cases whose request for information was published in the period."),
    measure=Measure.COUNT,
    direction=Direction.HIGHER,
    position=150,
)
def dialogues_opened(start: datetime, end: datetime) -> Figures:
    rows = Rfi.objects.filter(published_at__gte=start, published_at__lt=end)
    return _counts_by(Tree(), rows, "case__unit_id")


@computation(
    "procurement_tenders_linked",
    label=_("Procurement cases taken to tender"),
    description=_("Procurement cases whose tender in the e-procurement system was linked in the period."),
    measure=Measure.COUNT,
    direction=Direction.HIGHER,
    position=151,
)
def tenders_linked(start: datetime, end: datetime) -> Figures:
    rows = CaseLogEntry.objects.filter(kind=LogKind.TENDER, created_at__gte=start, created_at__lt=end)
    return _counts_by(Tree(), rows, "case__unit_id")


@computation(
    "procurement_cases_closed",
    label=_("Procurement cases closed without a procurement"),
    description=_("Procurement cases closed in the period without going to tender, each with why."),
    measure=Measure.COUNT,
    direction=Direction.LOWER,
    position=152,
)
def cases_closed(start: datetime, end: datetime) -> Figures:
    rows = CaseLogEntry.objects.filter(
        kind=LogKind.CLOSED, case__stage=CaseStage.CLOSED, created_at__gte=start, created_at__lt=end
    )
    return _counts_by(Tree(), rows, "case__unit_id")


def _share_of_year(year: int, start: datetime, end: datetime) -> Decimal:
    """How much of ``year`` the period [start, end) covers, in Stockholm days (1 for a whole year)."""
    first, last = date(year, 1, 1), date(year + 1, 1, 1)
    begin = max(first, start.astimezone(CITY_TIME_ZONE).date())
    stop = min(last, end.astimezone(CITY_TIME_ZONE).date())
    if stop <= begin:
        return Decimal(0)
    return Decimal((stop - begin).days) / Decimal((last - first).days)


@computation(
    "procurement_innovation_share",
    label=_("Share of procured value through innovation-friendly routes"),
    description=_(
        "The value of the contracts from procurement cases concluded in the period, as a share of what the "
        "administrations and companies entered as procured in all (a part of a year counts that part of its value)."
    ),
    measure=Measure.PERCENT,
    direction=Direction.HIGHER,
    position=148,
)
def innovation_share(start: datetime, end: datetime) -> Figures:
    years = range(start.astimezone(CITY_TIME_ZONE).year, end.astimezone(CITY_TIME_ZONE).year + 1)
    procured: dict[int, Decimal] = defaultdict(Decimal)
    for unit_id, year, value in ProcuredValue.objects.filter(year__in=list(years)).values_list(
        "unit_id", "year", "value_sek"
    ):
        procured[unit_id] += value * _share_of_year(year, start, end)
    if not procured:
        return {}
    concluded = (
        ProcurementCase.objects.filter(
            stage=CaseStage.CONCLUDED, route__in=INNOVATION_FRIENDLY, outcome_at__gte=start, outcome_at__lt=end
        )
        .order_by()
        .values_list("unit_id")
        .annotate(value=Sum("outcome_value_sek"), n=Count("pk"))
    )
    tree = Tree()
    rows = list(concluded)
    through = tree.sum_up_once(((unit_id,), value or 0) for unit_id, value, _n in rows)
    basis = tree.sum_up((unit_id, n) for unit_id, _value, n in rows)
    whole = tree.sum_up_once(((unit_id,), value) for unit_id, value in procured.items())
    return {
        pk: Figure(quantize(Decimal(through.get(pk, 0)) * 100 / total), basis.get(pk, 0))
        for pk, total in whole.items()
        if total
    }
