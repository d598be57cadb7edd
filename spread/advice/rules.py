"""Who may ask for advice, read a request and answer it. Views, services and the queue's filter all ask here."""

from __future__ import annotations

import rules
from django.db.models import Q

from ideas.rules import is_city_staff, is_director
from organisation.models import Role
from spread.models import AdviceStatus


@rules.predicate
def is_asker(user, advice) -> bool:
    return advice is not None and user.is_authenticated and advice.asked_by_id == user.pk


@rules.predicate
def is_office_for_advice(user, advice) -> bool:
    """The innovation office of the request's unit, or of a unit above it."""
    return advice is not None and user.is_authenticated and user.has_role(Role.OFFICE, advice.unit)


@rules.predicate
def is_named_coach(user, advice) -> bool:
    return advice is not None and user.is_authenticated and advice.coach_id == user.pk


@rules.predicate
def is_waiting(user, advice) -> bool:
    return advice is not None and advice.status == AdviceStatus.OPEN


@rules.predicate
def became_idea(user, advice) -> bool:
    return advice is not None and advice.status == AdviceStatus.BECAME_IDEA


@rules.predicate
def answers_advice(user) -> bool:
    """Has a role that answers requests: an innovation office or a coach anywhere (or the director)."""
    return user.is_authenticated and (user.has_role(Role.OFFICE) or user.has_role(Role.COACH) or user.is_director)


is_answerer = is_office_for_advice | is_named_coach | is_director

rules.add_perm("spread.ask_advice", is_city_staff)
rules.add_perm("spread.view_advice", is_city_staff & (is_asker | is_answerer))
rules.add_perm("spread.answer_advice", is_city_staff & is_answerer & is_waiting)
rules.add_perm("spread.advice_to_idea", is_city_staff & is_asker & ~became_idea)
rules.add_perm("spread.view_advice_queue", is_city_staff & answers_advice)


def queue_filter(user) -> Q:
    """The requests a person answers: their offices' units and below, and those naming them as coach.

    The list-filter twin of ``is_answerer``; the director answers for the whole city.
    """
    if not user.is_authenticated or not user.is_city_staff:
        return Q(pk__in=[])
    if user.is_director:
        return Q()
    q = Q(coach_id=user.pk)
    for path in user.role_paths.get(Role.OFFICE, []):
        q |= Q(unit__path__startswith=path)
    return q


def visible_advice_filter(user) -> Q:
    """The list-filter twin of ``spread.view_advice``."""
    if not user.is_authenticated or not user.is_city_staff:
        return Q(pk__in=[])
    if user.is_director:
        return Q()  # (an empty Q joined with | would drop out, narrowing to the person's own)
    return Q(asked_by_id=user.pk) | queue_filter(user)
