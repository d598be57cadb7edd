"""Who may do what with events, exhibitors, registrations and leads. Declared once; views, services and the API ask here.

- The innovation office (an innovation office anywhere, or the director) creates, changes and cancels events,
  decides who exhibits at a fair and marks attendance.
- A public event is seen by anyone, signed in or not, and anyone may register for it (without an account
  with a name and an email address). An internal event is seen by the city's staff; a network's event also
  by the network's members (who may be from outside the city). Anyone else gets "not found".
- An example's owner applies to exhibit it (and withdraws the application before the fair) and follows up the
  leads it gets.
"""

from __future__ import annotations

import rules
from django.db.models import Q, QuerySet

from organisation.models import Role
from spread.events import access
from spread.models import Event, Exhibitor, Lead, Membership


@rules.predicate
def is_event_office(user) -> bool:
    """The innovation office (of any unit) or the director."""
    return bool(user.is_authenticated and (user.is_director or user.has_role(Role.OFFICE)))


def _is_member(user, event: Event) -> bool:
    return bool(event.network_id and Membership.objects.filter(network_id=event.network_id, person_id=user.pk).exists())


@rules.predicate
def can_view_event(user, event: Event | None) -> bool:
    if event is None:
        return False
    owner = access.owner_of(event.kind)
    if owner is not None:
        return owner.may_view(user, event)
    if event.is_public:
        return True
    if not user.is_authenticated:
        return False
    return bool(user.is_city_staff or is_event_office(user) or _is_member(user, event))


@rules.predicate
def owns_example_of_exhibitor(user, exhibitor: Exhibitor | None) -> bool:
    return bool(exhibitor is not None and user.is_authenticated and exhibitor.example.owner_id == user.pk)


@rules.predicate
def owns_lead(user, lead: Lead | None) -> bool:
    return bool(lead is not None and user.is_authenticated and lead.example.owner_id == user.pk)


def events_visible_to(user) -> QuerySet[Event]:
    """The SQL twin of ``spread.view_event``: the events the person may see."""
    events = Event.objects.all()
    owned = access.owned_kinds()
    if owned:
        # Another app's events (a course's sessions) are listed on its own pages.
        events = events.exclude(kind__in=owned)
    if not user.is_authenticated:
        return events.filter(is_public=True)
    if user.is_city_staff or is_event_office(user):
        return events
    return events.filter(Q(is_public=True) | Q(network__memberships__person=user)).distinct()


rules.add_perm("spread.manage_events", is_event_office)
rules.add_perm("spread.view_event", can_view_event)
rules.add_perm("spread.decide_exhibitor", is_event_office)
rules.add_perm("spread.mark_attendance", is_event_office)
rules.add_perm("spread.apply_to_exhibit", rules.is_authenticated)
rules.add_perm("spread.withdraw_exhibitor", owns_example_of_exhibitor)
rules.add_perm("spread.record_lead_for_visitor", owns_example_of_exhibitor)
rules.add_perm("spread.follow_up_lead", owns_lead)
