"""Reads of the employee survey's imported items: the imports made, the years with results, a year's results."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import F, Max, QuerySet

from organisation.models import Unit
from surveys.models import EmployeeSurveyImport, EmployeeSurveyItem, EmployeeSurveyResult

SORTS = {
    "unit": ("unit__path", "item__code"),
    "item": ("item__code", "unit__path"),
    "mean": (F("mean").desc(nulls_last=True), "unit__path", "item__code"),
    "mean_low": (F("mean").asc(nulls_last=True), "unit__path", "item__code"),
}


def imports() -> QuerySet[EmployeeSurveyImport]:
    return EmployeeSurveyImport.objects.select_related("imported_by").order_by("-year", "-created_at")


def years() -> list[int]:
    return list(EmployeeSurveyImport.objects.order_by("-year").values_list("year", flat=True).distinct())


@dataclass(frozen=True)
class ResultFilters:
    unit: Unit | None = None
    sort: str = "unit"


def results(*, year: int, filters: ResultFilters) -> QuerySet[EmployeeSurveyResult]:
    """A year's results, the unit filter's unit and those below it; mean sorts use the shown results' means only,
    those not shown last."""
    qs = EmployeeSurveyResult.objects.filter(year=year).select_related("unit", "item")
    if filters.unit is not None:
        qs = qs.filter(unit__path__startswith=filters.unit.path)
    return qs.order_by(*SORTS.get(filters.sort, SORTS["unit"]))


def units_of(year: int) -> QuerySet[Unit]:
    """The units with results in a year, for the unit filter."""
    return Unit.objects.filter(pk__in=EmployeeSurveyResult.objects.filter(year=year).values("unit_id")).order_by("path")


@dataclass(frozen=True)
class BesideRound:
    """The employee survey's items for a capability survey's group, beside its results: the year nearest the round's
    (an earlier year before a later one as near) in which the group's unit has imported results."""

    year: int | None
    unit: Unit | None
    results: list[EmployeeSurveyResult]
    #: False for a kind of organisation: the employee survey is counted per unit only.
    per_unit: bool = True


def beside_round(*, year: int, unit: Unit | None, per_unit: bool = True) -> BesideRound:
    """The items of ``unit`` (for the whole city: the top unit) nearest ``year``, in two queries; none for a group
    that is no unit (``per_unit`` false). Each result carries the status decided at the import, so only the means the
    anonymity rules show are read."""
    if not per_unit:
        return BesideRound(year=None, unit=None, results=[], per_unit=False)
    if unit is None:
        unit = Unit.objects.get_first_root_node()
    if unit is None:
        return BesideRound(year=None, unit=None, results=[])
    unit_years = set(EmployeeSurveyResult.objects.filter(unit=unit).values_list("year", flat=True).distinct())
    if not unit_years:
        return BesideRound(year=None, unit=unit, results=[])
    nearest = min(unit_years, key=lambda y: (abs(y - year), y))
    rows = list(
        EmployeeSurveyResult.objects.filter(unit=unit, year=nearest).select_related("item").order_by("item__code")
    )
    return BesideRound(year=nearest, unit=unit, results=rows)


def import_stamp() -> str:
    """Changes whenever an import is made or replaced, or an item's wording is changed: part of the key a results page
    is kept under."""
    latest = EmployeeSurveyImport.objects.order_by("-pk").values_list("pk", flat=True).first()
    worded = EmployeeSurveyItem.objects.aggregate(at=Max("updated_at"))["at"]
    return f"{latest or 0}:{worded.timestamp() if worded else 0}"


def items() -> QuerySet[EmployeeSurveyItem]:
    return EmployeeSurveyItem.objects.order_by("code")
