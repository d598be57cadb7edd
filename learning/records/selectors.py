"""Reads of learning records: a person's own record, and a manager's list of their staff with a summary of each.

Both take a fixed number of queries whatever how much a person has done or how many staff a manager has.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import (
    BooleanField,
    Count,
    F,
    IntegerField,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from learning.models import (
    Completion,
    CompletionImport,
    Course,
    CourseKind,
    CourseState,
    DevelopmentTalk,
    TalkIdea,
)
from learning.rules import staff_of
from organisation.models import Role, Unit, User
from spread.models import EventKind, Registration, RegistrationStatus


@dataclass
class Record:
    """What a person has done and what comes next."""

    person: User
    completions: list[Completion] = field(default_factory=list)
    registrations: list[Registration] = field(default_factory=list)
    talks: list[DevelopmentTalk] = field(default_factory=list)
    recommended: list[Course] = field(default_factory=list)


def record_of(person: User, *, now=None) -> Record:
    """The person's record: completions, coming and waiting-list places at course sessions, development talks, and
    the courses recommended next (the introductory module until done; for managers the leadership modules)."""
    now = now or timezone.now()
    completions = list(
        Completion.objects.filter(person=person).select_related("course").order_by("-completed_on", "-pk")
    )
    registrations = list(
        Registration.objects.filter(
            person=person,
            event__kind=EventKind.COURSE,
            event__cancelled_at__isnull=True,
            event__ends_at__gte=now,
            status__in=[RegistrationStatus.REGISTERED, RegistrationStatus.WAITING],
        )
        .select_related("event", "event__learning_session__course")
        .order_by("event__starts_at", "pk")
    )
    talks = list(
        DevelopmentTalk.objects.filter(employee=person)
        .prefetch_related(Prefetch("ideas", queryset=TalkIdea.objects.select_related("idea").order_by("pk")))
        .order_by("-year", "pk")
    )
    done = {c.course_id for c in completions}
    wanted = Q(is_introduction=True)
    if person.is_authenticated and person.has_role(Role.MANAGER):
        wanted |= Q(kind=CourseKind.LEADERSHIP)
    recommended = list(
        Course.objects.filter(wanted, state=CourseState.PUBLISHED)
        .exclude(pk__in=done)
        .order_by("-is_introduction", "title")
    )
    return Record(person, completions, registrations, talks, recommended)


# --- a manager's staff ----------------------------------------------------------------------------

SORTS = {
    "name": ("name", "pk"),
    "unit": ("unit__name", "name", "pk"),
    "intro": (F("intro_done").asc(nulls_first=True), "name", "pk"),  # not done first
    "completions": ("-completions_count", "name", "pk"),
    "latest": (F("latest_completion").desc(nulls_last=True), "name", "pk"),
}


@dataclass(frozen=True)
class StaffFilters:
    unit: Unit | None = None
    q: str = ""
    sort: str = "name"


def staff_list(*, manager: User, filters: StaffFilters, year: int | None = None) -> QuerySet[User]:
    """The manager's staff (``learning.rules.staff_of``), each annotated with the introductory module's first
    completion (``intro_done``), the number of completions, the latest completion and its course's title, and this
    year's development talk (``talk_innovation``: True, False or None when none is recorded). One query."""
    year = year or timezone.localdate().year
    mine = Completion.objects.filter(person=OuterRef("pk"))
    counted = mine.order_by().values("person").annotate(n=Count("pk")).values("n")
    latest = mine.order_by("-completed_on", "-pk")
    intro = mine.filter(course__is_introduction=True).order_by().values("person").annotate(d=Min("completed_on"))
    talk = DevelopmentTalk.objects.filter(employee=OuterRef("pk"), year=year).values("innovation_discussed")[:1]
    qs = (
        staff_of(manager)
        .select_related("unit")
        .only("pk", "name", "email", "unit__name", "unit__code")
        .annotate(
            intro_done=Subquery(intro.values("d")[:1]),
            completions_count=Coalesce(Subquery(counted[:1], output_field=IntegerField()), Value(0)),
            latest_completion=Subquery(latest.values("completed_on")[:1]),
            latest_course=Subquery(latest.values("course__title")[:1]),
            talk_innovation=Subquery(talk, output_field=BooleanField()),
        )
    )
    if filters.unit is not None:
        qs = qs.filter(unit__path__startswith=filters.unit.path)
    if filters.q:
        qs = qs.filter(name__icontains=filters.q)
    return qs.order_by(*SORTS.get(filters.sort, SORTS["name"]))


def person_for_record(*, viewer: User, pk: int) -> User | None:
    """The person whose record ``viewer`` asks for, or None if there is none they may read (``learning.view_record``)."""
    person = User.objects.filter(pk=pk).select_related("unit").first()
    if person is None or not viewer.has_perm("learning.view_record", person):
        return None
    return person


def imports() -> QuerySet[CompletionImport]:
    return CompletionImport.objects.select_related("imported_by").order_by("-created_at", "-pk")
