"""The events API: events anyone may read (public ones without signing in; the city's staff see internal ones too).

An event the caller may not see is answered 404, as one that does not exist.
"""

from datetime import datetime

from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from core.api_auth import ANYONE
from core.api_errors import Error, InvalidRequest, anonymous_allowed
from core.api_pagination import Pagination
from core.api_types import Id
from spread.events.rules import events_visible_to
from spread.models import Event, EventKind, ExhibitorStatus, RegistrationStatus

router = Router(tags=["events"], auth=ANYONE)


class EventOut(Schema):
    id: int
    kind: EventKind
    title: str
    description: str
    starts_at: datetime
    ends_at: datetime
    place: str = Field(description="Where it is held; empty for an event online only.")
    online_url: str = Field(description="The link to join online; empty for an event on site only.")
    capacity: int = Field(description="How many places there are; the rest go on the waiting list.")
    places_taken: int
    waiting: int = Field(description="How many are on the waiting list.")
    is_public: bool = Field(description="Open to anyone: shown on the public site, anyone may register.")
    cancelled_at: datetime | None
    network_id: int | None = Field(description="The network the event belongs to, if any.")
    url: str
    calendar_url: str = Field(description="The event as an iCalendar (.ics) file.")

    @staticmethod
    def resolve_places_taken(obj: Event) -> int:
        return obj.taken  # type: ignore[attr-defined]

    @staticmethod
    def resolve_url(obj: Event) -> str:
        return obj.get_absolute_url()

    @staticmethod
    def resolve_calendar_url(obj: Event) -> str:
        from django.urls import reverse

        return reverse("spread:event_ics", args=[obj.pk])


class ExhibitorOut(Schema):
    example_id: int
    example_title: str

    @staticmethod
    def resolve_example_title(obj) -> str:
        return obj.example.title


class EventDetailOut(EventOut):
    exhibitors: list[ExhibitorOut] = Field(description="The examples shown at a stand (accepted exhibitors).")

    @staticmethod
    def resolve_exhibitors(obj: Event) -> list:
        return [e for e in obj.exhibitors.all() if e.status == ExhibitorStatus.ACCEPTED]


class EventQuery(Schema):
    upcoming: bool | None = Field(
        None, description="true: only events not yet over, the soonest first; false: only those over, the latest first."
    )
    kind: EventKind | None = None


def _events(user):
    return events_visible_to(user).annotate(
        taken=Count("registrations", filter=Q(registrations__status=RegistrationStatus.REGISTERED), distinct=True),
        waiting=Count("registrations", filter=Q(registrations__status=RegistrationStatus.WAITING), distinct=True),
    )


@router.get(
    "/",
    response={200: list[EventOut], 401: Error, 422: InvalidRequest},
    openapi_extra=anonymous_allowed(),
    url_name="events_list",
    summary="List events you may see",
)
@paginate(Pagination)
def list_events(request, query: Query[EventQuery]):
    events = _events(request.user)
    if query.kind:
        events = events.filter(kind=query.kind)
    now = timezone.now()
    if query.upcoming is True:
        return events.filter(ends_at__gt=now).order_by("starts_at", "pk")
    if query.upcoming is False:
        return events.filter(ends_at__lte=now).order_by("-starts_at", "-pk")
    return events.order_by("-starts_at", "-pk")


@router.get(
    "/{event_id}",
    response={200: EventDetailOut, 401: Error, 404: Error, 422: InvalidRequest},
    openapi_extra=anonymous_allowed(),
    url_name="events_read",
    summary="Read an event, with its stands",
)
def read_event(request, event_id: Id):
    event = _events(request.user).prefetch_related("exhibitors__example").filter(pk=event_id).first()
    if event is None:
        raise Http404
    return event
