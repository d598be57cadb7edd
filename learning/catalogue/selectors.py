"""Reads of the catalogue: the courses a person finds (by audience, kind, length, language and words), a course's
sessions with their places, the drafts of those who keep the catalogue, and a person's completions of a course."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from learning.models import Completion, Course, CourseState, Session
from learning.rules import courses_visible_to
from spread.models import Event, Registration, RegistrationStatus

#: The lengths offered as a filter: the most minutes (None: longer than the one before).
LENGTHS = {"short": (None, 30), "medium": (31, 120), "long": (121, None)}
SORTS = {
    "title": ("title", "pk"),
    "newest": ("-published_at", "-pk"),
    "next": (F("next_session").asc(nulls_last=True), "title", "pk"),
}


@dataclass(frozen=True)
class CourseFilters:
    q: str = ""
    audience: str = ""
    kind: str = ""
    length: str = ""
    language: str = ""
    sort: str = "title"

    @property
    def filtered(self) -> bool:
        return bool(self.q or self.audience or self.kind or self.length or self.language)


def _with_next_session(courses: QuerySet[Course], now: datetime) -> QuerySet[Course]:
    upcoming = Event.objects.filter(
        learning_session__course=OuterRef("pk"), cancelled_at__isnull=True, starts_at__gt=now
    ).order_by("starts_at")
    return courses.annotate(next_session=Subquery(upcoming.values("starts_at")[:1]))


def filter_courses(courses: QuerySet[Course], filters: CourseFilters) -> QuerySet[Course]:
    if filters.q:
        for word in filters.q.split()[:8]:
            courses = courses.filter(Q(title__icontains=word) | Q(summary__icontains=word))
    if filters.audience:
        courses = courses.filter(audience=filters.audience)
    if filters.kind:
        courses = courses.filter(kind=filters.kind)
    if filters.length in LENGTHS:
        low, high = LENGTHS[filters.length]
        if low is not None:
            courses = courses.filter(length_minutes__gte=low)
        if high is not None:
            courses = courses.filter(length_minutes__lte=high)
    if filters.language:
        # A course in both languages is found under either.
        courses = courses.filter(Q(language=filters.language) | Q(language="sv,en"))
    return courses


def catalogue(*, user, filters: CourseFilters, now: datetime | None = None) -> QuerySet[Course]:
    """The published courses the person may see, filtered and sorted."""
    now = now or timezone.now()
    courses = courses_visible_to(user).filter(state=CourseState.PUBLISHED)
    courses = _with_next_session(filter_courses(courses, filters), now)
    return courses.order_by(*SORTS.get(filters.sort, SORTS["title"]))


def drafts(*, user) -> QuerySet[Course]:
    """The courses not (or no longer) published that the person may change: their drafts and withdrawn courses."""
    # The courses not published that the rules let someone see are those they may change.
    courses = courses_visible_to(user).exclude(state=CourseState.PUBLISHED).select_related("unit")
    return courses.order_by("state", "-updated_at", "-pk")


def course_detail(*, user, pk: int) -> Course | None:
    course = courses_visible_to(user).select_related("unit").filter(pk=pk).first()
    if course is None or not user.has_perm("learning.view_course", course):
        return None
    return course


def sessions_of(course: Course, *, now: datetime | None = None, upcoming: bool = True) -> list[Session]:
    """The course's sessions (those to come, the soonest first; or those past, the latest first), each with its places
    taken and its waiting list."""
    now = now or timezone.now()
    sessions = Session.objects.filter(course=course).select_related("event")
    if upcoming:
        sessions = sessions.filter(event__ends_at__gt=now).order_by("event__starts_at", "pk")
    else:
        sessions = sessions.filter(event__ends_at__lte=now).order_by("-event__starts_at", "-pk")
    sessions = sessions.annotate(
        taken=Count(
            "event__registrations", filter=Q(event__registrations__status=RegistrationStatus.REGISTERED), distinct=True
        ),
        waiting=Count(
            "event__registrations", filter=Q(event__registrations__status=RegistrationStatus.WAITING), distinct=True
        ),
    )
    found: list[Session] = list(sessions)
    for session in found:
        session.course = course  # read by the rules on each session's event, without a query each
    return found


def own_registrations(course: Course, user) -> dict[int, Registration]:
    """The person's registrations (a place, or the waiting list) for the course's sessions, by event."""
    if not user.is_authenticated:
        return {}
    registrations = Registration.objects.filter(event__learning_session__course=course, person=user).exclude(
        status=RegistrationStatus.CANCELLED
    )
    return {r.event_id: r for r in registrations}


def last_completed(course: Course, user) -> date | None:
    """When the person last completed the course, if they have."""
    if not user.is_authenticated:
        return None
    return (
        Completion.objects.filter(course=course, person=user)
        .order_by("-completed_on")
        .values_list("completed_on", flat=True)
        .first()
    )
