"""Who may make, read and decide procurement cases. Views, services, the API and list filters all ask here.

A procurement officer holds the role for a unit and everything below it; the role on the top unit is the city's
central procurement function, which also sets the EU thresholds. A case is made from a need routed to a market
dialogue by an officer whose part of the city holds the need's unit; the case's officers are its responsible
officer and every procurement officer of its unit or above it. Every member of the city staff reads a case; its
suppliers' business secrets only its officers (``procurement.dialogue.rules``). Residents, suppliers and partners
read no case: only its published request for information.
"""

from __future__ import annotations

import rules
from django.db.models import Q

from challenges.models import NeedStatus, Route
from ideas.rules import is_city_staff
from organisation.models import Role, Unit

#: The stages in which a case's estimate, plan, route and tender may still change.
OPEN_STAGES = ("planning", "dialogue", "route_chosen", "tendering")


@rules.predicate
def is_procurement_officer(user) -> bool:
    """Holds the procurement officer's role somewhere."""
    return user.is_authenticated and user.is_active and user.has_role(Role.PROCUREMENT)


@rules.predicate
def is_central_procurement(user) -> bool:
    """The city's central procurement function: the procurement officer's role on the top unit."""
    return (
        user.is_authenticated
        and user.is_active
        and any(len(p) == Unit.steplen for p in user.role_paths.get(Role.PROCUREMENT, []))
    )


@rules.predicate
def procures_for(user, unit: Unit | None) -> bool:
    """A procurement officer of ``unit`` or a unit above it."""
    return unit is not None and user.is_authenticated and user.is_active and user.has_role(Role.PROCUREMENT, unit)


@rules.predicate
def is_case_officer(user, case) -> bool:
    """The case's responsible officer, or a procurement officer of its unit or above it."""
    if case is None or not user.is_authenticated or not user.is_active:
        return False
    return case.officer_id == user.pk or user.has_role(Role.PROCUREMENT, case.unit)


@rules.predicate
def is_open_case(user, case) -> bool:
    return case is not None and case.stage in OPEN_STAGES


@rules.predicate
def need_goes_to_market(user, need) -> bool:
    return need is not None and need.status == NeedStatus.ROUTED and need.route == Route.MARKET_DIALOGUE


@rules.predicate
def procures_for_need(user, need) -> bool:
    return need is not None and procures_for(user, need.unit)


@rules.predicate
def procures_for_unit_if_named(user, unit=None) -> bool:
    """With a unit named: a procurement officer of it or above it. Without one: any procurement officer."""
    return unit is None or procures_for(user, unit)


def officer_cases_filter(user) -> Q:
    """The SQL twin of ``is_case_officer``: the cases whose officer ``user`` is (on ``ProcurementCase``)."""
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    q = Q(officer_id=user.pk)
    for path in user.role_paths.get(Role.PROCUREMENT, []):
        q |= Q(unit__path__startswith=path)
    return q


def visible_cases_filter(user) -> Q:
    """The SQL twin of ``procurement.view_case``: every case for city staff, none for anyone else."""
    return Q() if user.is_authenticated and user.is_active and user.kind == "employee" else Q(pk__in=[])


rules.add_perm("procurement.view_cases", is_city_staff)
rules.add_perm("procurement.view_case", is_city_staff)
rules.add_perm("procurement.add_case_from", is_procurement_officer & need_goes_to_market & procures_for_need)
rules.add_perm("procurement.change_case", is_case_officer & is_open_case)
rules.add_perm("procurement.decide_case", is_case_officer & is_open_case)
rules.add_perm("procurement.read_case_log", is_case_officer)
rules.add_perm("procurement.set_thresholds", is_central_procurement)
rules.add_perm("procurement.enter_procured_value", is_procurement_officer & procures_for_unit_if_named)
