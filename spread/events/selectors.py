"""Reads of events: lists for a person, an event with its places counted, the leads of one's examples."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Count, Q, QuerySet

from spread.events.rules import events_visible_to
from spread.models import Event, Exhibitor, ExhibitorStatus, Lead, Registration, RegistrationStatus


def with_places(events: QuerySet[Event]) -> QuerySet[Event]:
    """Events annotated ``taken`` (places taken) and ``waiting`` (on the waiting list)."""
    return events.annotate(
        taken=Count("registrations", filter=Q(registrations__status=RegistrationStatus.REGISTERED), distinct=True),
        waiting=Count("registrations", filter=Q(registrations__status=RegistrationStatus.WAITING), distinct=True),
    )


def upcoming_events(*, user, now: datetime) -> QuerySet[Event]:
    """Events not yet over that the person may see, the soonest first."""
    return with_places(events_visible_to(user).filter(ends_at__gt=now)).order_by("starts_at", "pk")


def past_events(*, user, now: datetime) -> QuerySet[Event]:
    """Events that are over, the latest first."""
    return events_visible_to(user).filter(ends_at__lte=now).order_by("-starts_at", "-pk")


def own_registration(*, event: Event, user) -> Registration | None:
    if not user.is_authenticated:
        return None
    return (
        event.registrations.exclude(status=RegistrationStatus.CANCELLED)
        .filter(Q(person=user) | Q(email__iexact=user.email))
        .first()
    )


def exhibitors_of(event: Event, *, with_applications: bool) -> list[Exhibitor]:
    """The stands (accepted exhibitors); for the office also the applications, to decide."""
    exhibitors = event.exhibitors.select_related("example", "example__unit", "example__owner", "applied_by")
    if not with_applications:
        exhibitors = exhibitors.filter(status=ExhibitorStatus.ACCEPTED)
    return list(exhibitors.order_by("status", "example__title", "pk"))


def own_applications(event: Event, user) -> list[Exhibitor]:
    """The person's applications to exhibit at the event (of the examples they own), whatever their status."""
    if not user.is_authenticated:
        return []
    return list(event.exhibitors.filter(example__owner=user).select_related("example").order_by("example__title", "pk"))


def leads_of_owner(user) -> QuerySet[Lead]:
    """Leads of the examples the person owns, the newest first."""
    return Lead.objects.filter(example__owner=user).select_related("example", "event", "unit", "adoption__unit")


def upcoming_registrations(user, *, now: datetime) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(
            person=user,
            status__in=(RegistrationStatus.REGISTERED, RegistrationStatus.WAITING),
            event__ends_at__gt=now,
            event__cancelled_at__isnull=True,
        )
        .select_related("event")
        .order_by("event__starts_at", "pk")
    )
