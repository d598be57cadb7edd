"""Who may write, read, send, validate and route a need. Views, services, the API and list filters all ask here.

A need is written by a manager, coach or innovation office of its unit (or of a unit above it); the innovation
office of the need's unit (or above it) and the innovation director decide on it. Every member of the city staff
reads a need once it has been sent for validation; a draft is read only by whoever may write it. Residents,
suppliers, partners and university people never read an internal need.
"""

from __future__ import annotations

import rules
from django.db.models import Q

from challenges.models import NeedStatus, NeedVisibility
from ideas.rules import is_city_staff, is_director
from organisation.models import Role, Unit

WRITING_ROLES = (Role.MANAGER, Role.COACH, Role.OFFICE)


@rules.predicate
def writes_needs(user) -> bool:
    """Has a role that writes needs somewhere (or is the director)."""
    return user.is_authenticated and (any(user.has_role(role) for role in WRITING_ROLES) or user.is_director)


@rules.predicate
def writes_for_unit(user, unit: Unit | None) -> bool:
    """A manager, coach or innovation office of ``unit`` or above it, or the director."""
    if unit is None or not user.is_authenticated:
        return False
    return user.is_director or any(user.has_role(role, unit) for role in WRITING_ROLES)


@rules.predicate
def writes_need(user, need) -> bool:
    return need is not None and writes_for_unit(user, need.unit)


@rules.predicate
def decides_need(user, need) -> bool:
    """The innovation office of the need's unit or above it, or the director."""
    return need is not None and user.is_authenticated and (user.is_director or user.has_role(Role.OFFICE, need.unit))


@rules.predicate
def is_draft_or_returned(user, need) -> bool:
    return need is not None and need.status in (NeedStatus.DRAFT, NeedStatus.RETURNED)


@rules.predicate
def is_submitted(user, need) -> bool:
    return need is not None and need.status == NeedStatus.SUBMITTED


@rules.predicate
def is_validated(user, need) -> bool:
    return need is not None and need.status == NeedStatus.VALIDATED


@rules.predicate
def is_sent(user, need) -> bool:
    """Sent for validation at least once: no longer a private draft."""
    return need is not None and need.status != NeedStatus.DRAFT


@rules.predicate
def is_closed(user, need) -> bool:
    return need is not None and need.status == NeedStatus.CLOSED


@rules.predicate
def is_public_need(user, need) -> bool:
    return need is not None and need.visibility == NeedVisibility.PUBLIC and need.status == NeedStatus.ROUTED


@rules.predicate
def leads_another_unit(user, need) -> bool:
    """A manager of some unit other than the need's own (who may say "we have the same need")."""
    if need is None or not user.is_authenticated:
        return False
    return any(path != need.unit.path for path in user.role_paths.get(Role.MANAGER, []))


def same_need_units(user, need) -> list[Unit]:
    """The units ``user`` leads that may say they have the same need: not the need's own unit."""
    if need is None or not user.is_authenticated:
        return []
    return list(
        Unit.objects.filter(role_assignments__user=user, role_assignments__role=Role.MANAGER)
        .exclude(pk=need.unit_id)
        .distinct()
        .order_by("path")
    )


rules.add_perm("challenges.view_needs", is_city_staff)
rules.add_perm("challenges.add_need", is_city_staff & writes_needs)
rules.add_perm("challenges.view_need", (is_city_staff & (is_sent | writes_need | decides_need)) | is_public_need)
rules.add_perm("challenges.change_need", is_city_staff & writes_need & is_draft_or_returned)
rules.add_perm("challenges.submit_need", is_city_staff & writes_need & is_draft_or_returned)
rules.add_perm("challenges.validate_need", is_city_staff & decides_need & is_submitted)
rules.add_perm("challenges.route_need", is_city_staff & decides_need & (is_submitted | is_validated))
rules.add_perm("challenges.close_need", is_city_staff & decides_need & is_sent & ~is_closed)
rules.add_perm("challenges.follow_need", is_city_staff & (is_sent | writes_need | decides_need))
rules.add_perm("challenges.report_same_need", is_city_staff & is_sent & leads_another_unit)


def visible_needs_filter(user) -> Q:
    """The list-filter twin of ``challenges.view_need``: which needs a person may read."""
    public = Q(visibility=NeedVisibility.PUBLIC, status=NeedStatus.ROUTED)
    if not user.is_authenticated or not user.is_active:
        return public
    if not user.is_city_staff:
        return public
    if user.is_director:
        return Q()
    mine = Q(pk__in=[])
    for role in WRITING_ROLES:
        for path in user.role_paths.get(role, []):
            mine |= Q(unit__path__startswith=path)
    return ~Q(status=NeedStatus.DRAFT) | mine


def writable_units(user):
    """The units a person may write needs for: those they lead, coach or are the office of, and below them."""
    if not user.is_authenticated or not user.is_city_staff:
        return Unit.objects.none()
    if user.is_director:
        return Unit.objects.order_by("path")
    q = Q(pk__in=[])
    for role in WRITING_ROLES:
        for path in user.role_paths.get(role, []):
            q |= Q(path__startswith=path)
    return Unit.objects.filter(q).order_by("path")


def decides_needs_filter(user) -> Q:
    """The needs a person decides on (the SQL twin of ``decides_need``): their offices' units and below."""
    if not user.is_authenticated or not user.is_city_staff:
        return Q(pk__in=[])
    if user.is_director:
        return Q()
    q = Q(pk__in=[])
    for path in user.role_paths.get(Role.OFFICE, []):
        q |= Q(unit__path__startswith=path)
    return q


__all__ = [
    "decides_need",
    "decides_needs_filter",
    "is_director",
    "same_need_units",
    "visible_needs_filter",
    "writable_units",
    "writes_for_unit",
    "writes_need",
]
