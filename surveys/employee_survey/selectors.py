"""Reads of the employee survey's imported items: the imports made, the years with results, a year's results."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import F, QuerySet

from organisation.models import Unit
from surveys.models import EmployeeSurveyImport, EmployeeSurveyResult

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
