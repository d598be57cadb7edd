"""What waits for a person in events: applications to exhibit to decide (the office), events one registered for."""

from __future__ import annotations

from django.db.models import Count
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.city import CITY_TIME_ZONE
from core.tasks_registry import TaskGroup, TaskLine, tasks
from spread.events import selectors
from spread.events.rules import is_event_office
from spread.models import Event, ExhibitorStatus, RegistrationStatus


@tasks("event_exhibitors", position=75)
def exhibitor_applications(user) -> TaskGroup | None:
    """The innovation office: fairs to come with applications to exhibit waiting for a decision."""
    if not is_event_office(user):
        return None
    events = (
        Event.objects.filter(
            exhibitors__status=ExhibitorStatus.APPLIED, cancelled_at__isnull=True, starts_at__gt=timezone.now()
        )
        .annotate(n=Count("exhibitors"))
        .order_by("starts_at", "pk")
    )
    lines = [
        TaskLine(
            ngettext(
                "%(event)s: %(n)s application to exhibit to decide",
                "%(event)s: %(n)s applications to exhibit to decide",
                event.n,
            )
            % {"event": event.title, "n": event.n},
            f"{event.get_absolute_url()}#exhibitors",
            event.n,
        )
        for event in events
    ]
    return TaskGroup(_("Exhibitors"), lines, _("No application to exhibit is waiting for a decision."))


@tasks("event_registrations", position=85)
def my_events(user) -> TaskGroup | None:
    """Anyone signed in: events to come they have a place at or are waiting for."""
    if not user.is_authenticated:
        return None
    registrations = list(selectors.upcoming_registrations(user, now=timezone.now())[:20])
    if not registrations:
        return None
    lines = []
    for registration in registrations:
        day = date_format(registration.event.starts_at.astimezone(CITY_TIME_ZONE), "DATE_FORMAT")
        if registration.status == RegistrationStatus.WAITING:
            text = _("%(event)s, %(day)s: on the waiting list") % {"event": registration.event.title, "day": day}
        else:
            text = _("%(event)s, %(day)s: you have a place") % {"event": registration.event.title, "day": day}
        lines.append(TaskLine(text, registration.event.get_absolute_url(), 0))
    return TaskGroup(_("Your events"), lines, "")
