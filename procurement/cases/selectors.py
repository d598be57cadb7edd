"""Reads of procurement cases: the list (search, filters, order), one case with everything its page shows, the
thresholds and the procured values.

The search reads ``search_stems`` as the needs list does (``challenges.needs.selectors``): every word must match.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from challenges.needs.selectors import COMPOUND_MIN, search_terms
from organisation.models import Role, RoleAssignment, Unit, User
from procurement.cases.rules import officer_cases_filter, visible_cases_filter
from procurement.models import CaseLogEntry, Contract, ProcuredValue, ProcurementCase, Threshold

SORTS = {
    "newest": ("-created_at", "-pk"),
    "oldest": ("created_at", "pk"),
    "value": ("-estimated_value_sek", "-pk"),
    "title": ("title", "pk"),
}


@dataclass(frozen=True)
class CaseFilters:
    q: str = ""
    stage: str = ""
    route: str = ""
    unit: Unit | None = None
    mine: bool = False
    sort: str = "newest"


def case_list(*, user: User, filters: CaseFilters) -> QuerySet[ProcurementCase]:
    """The cases this person may read, narrowed by the search and filters, in the order asked for."""
    qs = ProcurementCase.objects.filter(visible_cases_filter(user))
    for term in search_terms(filters.q):
        qs = qs.filter(search_stems__contains=term if len(term) >= COMPOUND_MIN else f" {term}")
    if filters.stage:
        qs = qs.filter(stage=filters.stage)
    if filters.route:
        qs = qs.filter(route=filters.route)
    if filters.unit is not None:
        qs = qs.filter(unit__path__startswith=filters.unit.path)
    if filters.mine:
        qs = qs.filter(officer_cases_filter(user))
    return qs.select_related("unit", "officer").order_by(*SORTS.get(filters.sort, SORTS["newest"]))


def case_detail(*, pk: int) -> ProcurementCase:
    """The case with its need, unit, officer, threshold, pilot, affected contracts and outcome contracts."""
    return (
        ProcurementCase.objects.select_related(
            "need", "need__unit", "unit", "officer", "threshold", "route_decided_by", "pilot_idea"
        )
        .prefetch_related(
            Prefetch("affected_contracts", queryset=Contract.objects.order_by("title", "pk")),
            Prefetch(
                "outcome_contracts", queryset=Contract.objects.prefetch_related("suppliers").order_by("-created_at")
            ),
        )
        .get(pk=pk)
    )


def case_log(case: ProcurementCase) -> QuerySet[CaseLogEntry]:
    return case.log.select_related("person", "supplier").order_by("-created_at", "-pk")


def cases_of_need(need, user: User) -> QuerySet[ProcurementCase]:
    return need.procurement_cases.filter(visible_cases_filter(user)).select_related("officer").order_by("-created_at")


def officers_for(unit: Unit, *, also: User | None = None) -> QuerySet[User]:
    """The active procurement officers of ``unit`` or a unit above it (and ``also``, the case's officer now)."""
    prefixes = [unit.path[:end] for end in range(Unit.steplen, len(unit.path) + 1, Unit.steplen)]
    officers = RoleAssignment.objects.filter(role=Role.PROCUREMENT, unit__path__in=prefixes).values("user_id")
    q = Q(pk__in=officers, is_active=True)
    if also is not None:
        q |= Q(pk=also.pk)
    return User.objects.filter(q).order_by("name", "pk")


def contracts_of_organisation(unit: Unit) -> QuerySet[Contract]:
    """The contracts of the administration or company ``unit`` belongs to."""
    return Contract.objects.filter(unit__path__startswith=unit.organisation.path).order_by("title", "pk")


def thresholds() -> QuerySet[Threshold]:
    return Threshold.objects.select_related("set_by").order_by("-valid_from")


def procured_values(units: list[Unit]) -> QuerySet[ProcuredValue]:
    return (
        ProcuredValue.objects.filter(unit__in=units)
        .select_related("unit", "entered_by")
        .order_by("-year", "unit__path")
    )
