"""Reads of the development talks: a manager's staff with this year's talk, and one talk's figures."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from learning.models import DevelopmentTalk, TalkIdea
from learning.rules import staff_of
from organisation.models import Unit, User


@dataclass(frozen=True)
class TalkFilters:
    year: int
    unit: Unit | None = None
    q: str = ""


def staff_with_talks(*, user: User, filters: TalkFilters) -> QuerySet[User]:
    """The staff of the person's units, each with the year's talk (its id, day, whether innovation was discussed,
    the ideas that came of it) annotated in the one query, by name."""
    talks = DevelopmentTalk.objects.filter(employee=OuterRef("pk"), year=filters.year)
    qs = staff_of(user).select_related("unit")
    if filters.unit is not None:
        qs = qs.filter(unit__path__startswith=filters.unit.path)
    for word in filters.q.split():
        qs = qs.filter(name__icontains=word)
    return qs.annotate(
        talk_id=Subquery(talks.values("pk")[:1]),
        talk_held_on=Subquery(talks.values("held_on")[:1]),
        talk_discussed=Subquery(talks.values("innovation_discussed")[:1]),
        talk_ideas=Subquery(talks.values("ideas_count")[:1]),
    ).order_by("name", "pk")


def year_summary(*, user: User, filters: TalkFilters) -> dict[str, int]:
    """For the staff shown: how many, how many talks are recorded, in how many innovation was discussed, and the
    ideas that came of them (one query)."""
    staff = staff_with_talks(user=user, filters=filters).order_by().values("pk")
    return DevelopmentTalk.objects.filter(year=filters.year, employee__in=staff).aggregate(
        recorded=Count("pk"),
        discussed=Count("pk", filter=Q(innovation_discussed=True)),
        ideas=Coalesce(Sum("ideas_count"), 0),
    ) | {"staff": staff_of_count(user=user, filters=filters)}


def staff_of_count(*, user: User, filters: TalkFilters) -> int:
    return staff_with_talks(user=user, filters=filters).order_by().count()


def talk_for(*, employee: User, year: int) -> DevelopmentTalk | None:
    return DevelopmentTalk.objects.filter(employee=employee, year=year).select_related("manager").first()


def ideas_sent(talk: DevelopmentTalk) -> int:
    """How many ideas the employee sent in from the talk (a count only: their titles are the employee's)."""
    return TalkIdea.objects.filter(talk=talk).count()


def own_talks(user: User) -> QuerySet[DevelopmentTalk]:
    """The person's own talks that covered innovation, newest first, each with how many ideas they sent from it."""
    return (
        DevelopmentTalk.objects.filter(employee=user, innovation_discussed=True)
        .annotate(sent=Count("ideas"))
        .order_by("-year")
    )
