"""The catalogue through the API: published courses, and a course with its sessions to come. Anyone may read the
public courses without credentials; the city's staff read every published course (those who keep the catalogue
their drafts too, in a course's own address). A course the caller may not see is answered 404, as one that does
not exist."""

from datetime import datetime
from enum import StrEnum
from typing import Any

from django.http import Http404
from django.urls import reverse
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from core.api_auth import ANYONE
from core.api_errors import Error, InvalidRequest, anonymous_allowed
from core.api_pagination import Pagination
from core.api_types import Id, Line
from learning.catalogue import selectors
from learning.models import Audience, Course, CourseKind, CourseLanguage, CourseState, Session

router = Router(tags=["courses"], auth=ANYONE)


class CourseAudience(StrEnum):
    """Who a course is for (``learning.models.Audience``; named apart from the challenges' audience)."""

    EVERYONE = Audience.EVERYONE.value
    MANAGERS = Audience.MANAGERS.value
    COACHES = Audience.COACHES.value


class CourseOut(Schema):
    id: int
    code: str = Field(description="The learning platform's code for the course.")
    kind: CourseKind
    title: str
    summary: str
    audience: CourseAudience = Field(description="Who the course is for.")
    length_minutes: int
    language: CourseLanguage
    is_public: bool = Field(description="Shown without signing in, on the public site and here.")
    published_at: datetime | None
    next_session: datetime | None = Field(description="When the next session to come starts, if any.")
    url: str

    @staticmethod
    def resolve_next_session(obj: Course) -> datetime | None:
        return getattr(obj, "next_session", None)

    @staticmethod
    def resolve_url(obj: Course) -> str:
        return obj.get_absolute_url()


class SessionOut(Schema):
    id: int
    event_id: int = Field(description="The session's event (/api/v1/events/ does not list course sessions).")
    starts_at: datetime
    ends_at: datetime
    place: str = Field(description="Where it is held; empty for a session online only.")
    online_url: str = Field(description="The link to join online; empty for a session on site only.")
    capacity: int = Field(description="How many places there are; the rest go on the waiting list.")
    places_taken: int
    waiting: int = Field(description="How many are on the waiting list.")
    cancelled: bool
    calendar_url: str = Field(
        description="The session as an iCalendar (.ics) file; empty for a caller who may not open the session's "
        "event (not signed in, or not someone the course is for)."
    )

    @staticmethod
    def resolve_starts_at(obj: Session) -> datetime:
        return obj.event.starts_at

    @staticmethod
    def resolve_ends_at(obj: Session) -> datetime:
        return obj.event.ends_at

    @staticmethod
    def resolve_place(obj: Session) -> str:
        return obj.event.place

    @staticmethod
    def resolve_online_url(obj: Session) -> str:
        return obj.event.online_url

    @staticmethod
    def resolve_capacity(obj: Session) -> int:
        return obj.event.capacity

    @staticmethod
    def resolve_places_taken(obj: Session) -> int:
        return obj.taken  # type: ignore[attr-defined]

    @staticmethod
    def resolve_cancelled(obj: Session) -> bool:
        return obj.event.cancelled_at is not None

    @staticmethod
    def resolve_calendar_url(obj: Session, context: dict[str, Any]) -> str:
        request = context.get("request")
        if request is None or not request.user.has_perm("spread.view_event", obj.event):
            return ""  # the calendar file would answer 404
        return reverse("spread:event_ics", args=[obj.event_id])


class CourseDetailOut(CourseOut):
    body: str = Field(description="The content of a self-paced module kept in Språng, as paragraphs of plain text.")
    video_url: str
    external_url: str = Field(description="The module on the city's learning platform, if it is there.")
    state: CourseState
    sessions: list[SessionOut] = Field(description="The sessions not yet over, the soonest first.")

    @staticmethod
    def resolve_sessions(obj: Course) -> list[Session]:
        return selectors.sessions_of(obj)


class CourseQuery(Schema):
    audience: CourseAudience | None = None
    kind: CourseKind | None = None
    language: CourseLanguage | None = Field(None, description="A course in both languages is found under either.")
    q: Line = Field("", max_length=200, description="Words in the title or the summary.")


@router.get(
    "/",
    response={200: list[CourseOut], 401: Error, 422: InvalidRequest},
    openapi_extra=anonymous_allowed(),
    url_name="courses_list",
    summary="List the published courses you may see",
)
@paginate(Pagination)
def list_courses(request, query: Query[CourseQuery]):
    language = query.language
    filters = selectors.CourseFilters(
        q=query.q.strip(),
        audience=query.audience or "",
        kind=query.kind or "",
        language=CourseLanguage.SV if language == CourseLanguage.BOTH else (language or ""),
    )
    courses = selectors.catalogue(user=request.user, filters=filters)
    if language == CourseLanguage.BOTH:
        courses = courses.filter(language=CourseLanguage.BOTH)
    return courses


@router.get(
    "/{course_id}",
    response={200: CourseDetailOut, 401: Error, 404: Error, 422: InvalidRequest},
    openapi_extra=anonymous_allowed(),
    url_name="courses_read",
    summary="Read a course, with its sessions to come",
)
def read_course(request, course_id: Id):
    course = selectors.course_detail(user=request.user, pk=course_id)
    if course is None:
        raise Http404
    return selectors.catalogue(user=request.user, filters=selectors.CourseFilters()).filter(pk=course.pk).first() or (
        course
    )
