"""Who may run surveys, read their results and follow who has answered. Views, services and the API all ask here.

The executive office (the director, or an innovation office for the whole city) keeps the questionnaire, sets up,
opens and closes rounds and imports the employee survey's items. Every member of the city staff reads the results of
a closed round: only what the anonymity rules let anyone see (``surveys.anonymity``), so there is nothing more for a
manager to see than for anyone else. Response rates while a round is open are for the executive office and for the
managers and innovation offices of a unit and the units below it. Nobody reads an answer with a name: none is stored.
"""

from __future__ import annotations

import rules

from ideas.rules import is_city_staff
from organisation.models import Role, Unit


@rules.predicate
def is_executive_office(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_executive_office)


@rules.predicate
def follows_unit(user, unit: Unit | None) -> bool:
    """A manager or innovation office of ``unit`` or a unit above it."""
    if unit is None or not user.is_authenticated or not user.is_active:
        return False
    return user.has_role(Role.MANAGER, unit) or user.has_role(Role.OFFICE, unit)


@rules.predicate
def follows_some_unit(user) -> bool:
    return bool(
        user.is_authenticated and user.is_active and (user.has_role(Role.MANAGER) or user.has_role(Role.OFFICE))
    )


rules.add_perm("surveys.run_surveys", is_executive_office)
rules.add_perm("surveys.view_results", is_city_staff)
rules.add_perm("surveys.view_response_rates", is_executive_office | follows_some_unit)
rules.add_perm("surveys.view_unit_response_rate", is_executive_office | follows_unit)


def answered_shown(invited: int, answered: int) -> int | None:
    """How many of ``invited`` have answered, or None where fewer were invited than results need: in a group that
    small, how many have answered would tell who has."""
    from surveys.anonymity import min_answers

    return answered if invited >= min_answers() else None
