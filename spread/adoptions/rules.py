"""Who may adopt a good example, move an adoption on, and read adoptions.

Adoptions are read by the whole city staff: they exist so that units learn from each other. A unit's
adoptions are started and moved on by its manager or its innovation office (a role held for a unit
covers every unit below it); the innovation director may do so for any unit.
"""

from __future__ import annotations

import rules

from organisation.models import PersonKind, Role, Unit

LEADING_ROLES = (Role.MANAGER, Role.OFFICE)


def leads(user, unit: Unit | None) -> bool:
    """The person is the manager or the innovation office of ``unit`` (or of a unit above it), or the director."""
    if unit is None or not getattr(user, "is_authenticated", False) or user.kind != PersonKind.EMPLOYEE:
        return False
    return user.is_director or any(user.has_role(role, unit) for role in LEADING_ROLES)


def led_paths(user) -> list[str]:
    """The paths of the units the person leads (each with everything below it); the city's for the director."""
    if not getattr(user, "is_authenticated", False) or user.kind != PersonKind.EMPLOYEE:
        return []
    if user.is_director:
        return [path[: Unit.steplen] for path in user.role_paths.get(Role.DIRECTOR, [])]
    return sorted({path for role in LEADING_ROLES for path in user.role_paths.get(role, [])})


@rules.predicate
def is_city_staff(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.kind == PersonKind.EMPLOYEE)


@rules.predicate
def leads_some_unit(user) -> bool:
    return bool(led_paths(user))


@rules.predicate
def example_adoptable(user, example) -> bool:
    return example is not None and example.status == "published"


@rules.predicate
def leads_adopting_unit(user, adoption) -> bool:
    return adoption is not None and leads(user, adoption.unit)


rules.add_perm("spread.view_adoptions", is_city_staff)
rules.add_perm("spread.view_adoption", is_city_staff)
rules.add_perm("spread.adopt_example", is_city_staff & leads_some_unit & example_adoptable)
rules.add_perm("spread.step_adoption", is_city_staff & leads_adopting_unit)
