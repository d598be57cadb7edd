"""Reads of challenges: the lists a person may see, a challenge's answers the viewer may read, what the office
still has to respond to."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Avg, Count, Exists, F, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from calls.models import Application, Assignment
from calls.models import Status as EntryStatus
from challenges.challenges.rules import SHOWN, visible_challenges_filter
from challenges.models import Answer, Challenge, ChallengeStatus, Response
from ideas.models import Idea, Visibility
from ideas.rules import visible_ideas_filter
from ideas.search import stems_for

#: The shortest stem found inside compounds, not only at their start.
COMPOUND_MIN = 4
ORDERS = {"newest": ("-opens_at", "-pk"), "closing": ("closes_at", "pk")}


@dataclass(frozen=True)
class ChallengeFilters:
    state: str = "open"  # open | closed | drafts
    q: str = ""
    audience: str = ""
    order: str = "newest"


def challenges_visible_to(user) -> QuerySet[Challenge]:
    return Challenge.objects.filter(visible_challenges_filter(user))


def _search(challenges: QuerySet[Challenge], q: str) -> QuerySet[Challenge]:
    """Every stem of the search: one of four letters or more inside compounds, a shorter one at a word's start."""
    for term in dict.fromkeys(stems_for(q).split()):
        challenges = challenges.filter(search_stems__contains=term if len(term) >= COMPOUND_MIN else f" {term}")
    return challenges


def challenge_list(*, user, now: datetime, filters: ChallengeFilters) -> QuerySet[Challenge]:
    challenges = challenges_visible_to(user)
    if filters.state == "closed":
        challenges = challenges.filter(
            Q(status=ChallengeStatus.SUMMARISED) | Q(status=ChallengeStatus.PUBLISHED, closes_at__lte=now)
        )
    elif filters.state == "drafts":
        challenges = challenges.filter(status=ChallengeStatus.DRAFT)
    else:
        # Open, and those published to open later.
        challenges = challenges.filter(status=ChallengeStatus.PUBLISHED, closes_at__gt=now)
    if filters.audience:
        challenges = challenges.filter(audience=filters.audience)
    if filters.q:
        challenges = _search(challenges, filters.q)
    order = ORDERS.get(filters.order, ORDERS["newest"])
    return challenges.select_related("unit").order_by(*order)


def next_moments(*, user, now: datetime) -> list[datetime]:
    """The next moments the list changes by the clock alone: a challenge opening or closing."""
    soon = (
        challenges_visible_to(user)
        .filter(status=ChallengeStatus.PUBLISHED, closes_at__gt=now)
        .order_by("closes_at")
        .values_list("opens_at", "closes_at")[:50]
    )
    return [moment for pair in soon for moment in pair if moment > now]


def answers_for(*, challenge: Challenge, user, manages: bool) -> QuerySet[Answer]:
    """The answers whose ideas the viewer may read (all of them for the office), the oldest first."""
    answers = challenge.answers.select_related("idea", "idea__author", "merged_into__idea")
    if not manages:
        readable = visible_ideas_filter(user)
        if not user.is_authenticated:
            answers = answers.filter(idea__visibility=Visibility.PUBLIC)  # the filter's own condition, joined
        elif readable:  # staff read every idea: an empty filter
            answers = answers.filter(idea__in=Idea.objects.filter(readable).values("pk"))
    return answers.order_by("created_at", "pk")


#: How the office's list of answers is sorted: as they came in, or by the jury's mean score, the highest first.
ANSWER_ORDERS = ("received", "jury")


def with_jury_results(answers: QuerySet[Answer], *, challenge: Challenge, order: str = "received") -> QuerySet[Answer]:
    """The answers annotated with the jury's result, in subqueries of the one list query: ``jury_sent`` (before the
    jury), ``jury_mean`` (the mean of the jurors' submitted weighted totals), ``jury_scored`` and
    ``jury_assigned`` (how many jurors have submitted, of those assigned)."""
    call_id = challenge.jury_call_id
    if call_id is None:
        return answers
    entries = Application.objects.filter(call_id=call_id, idea=OuterRef("idea")).exclude(status=EntryStatus.WITHDRAWN)
    assigned = Assignment.objects.filter(
        application__call_id=call_id, application__idea=OuterRef("idea"), application__status=EntryStatus.IN_REVIEW
    ).order_by()
    submitted = assigned.filter(submitted_at__isnull=False)

    def per_idea(qs, aggregate):
        return Subquery(qs.values("application__idea").annotate(v=aggregate).values("v")[:1])

    answers = answers.annotate(
        jury_sent=Exists(entries),
        jury_mean=per_idea(submitted, Avg("total")),
        jury_scored=Coalesce(per_idea(submitted, Count("pk")), 0, output_field=IntegerField()),
        jury_assigned=Coalesce(per_idea(assigned, Count("pk")), 0, output_field=IntegerField()),
    )
    if order == "jury":
        answers = answers.order_by(F("jury_mean").desc(nulls_last=True), "created_at", "pk")
    return answers


def jury_unsent(challenge: Challenge) -> int:
    """How many shortlisted answers are not before the challenge's jury (shortlisted since it was set up)."""
    if challenge.jury_call_id is None:
        return 0
    entries = Application.objects.filter(call_id=challenge.jury_call_id, idea=OuterRef("idea")).exclude(
        status=EntryStatus.WITHDRAWN
    )
    return challenge.answers.filter(shortlisted=True).exclude(Exists(entries)).count()


def response_counts(challenge: Challenge) -> dict[str, int]:
    counts = dict(challenge.answers.order_by().values_list("response").annotate(n=Count("pk")))
    return {key: counts.get(key, 0) for key in Response.values}


def awaiting_response(*, units_paths: list[str] | None, now: datetime) -> QuerySet[Challenge]:
    """Challenges that have closed with answers still lacking a response, for the office of ``units_paths``
    (``None``: the whole city), annotated ``pending``."""
    challenges = Challenge.objects.filter(status=ChallengeStatus.PUBLISHED, closes_at__lte=now)
    if units_paths is not None:
        scope = Q(pk__in=[])
        for path in units_paths:
            scope |= Q(unit__path__startswith=path)
        challenges = challenges.filter(scope)
    return (
        challenges.annotate(pending=Count("answers", filter=Q(answers__response=Response.PENDING)))
        .filter(pending__gt=0)
        .order_by("closes_at", "pk")
    )


__all__ = ["SHOWN", "ChallengeFilters", "answers_for", "awaiting_response", "challenge_list", "next_moments"]
