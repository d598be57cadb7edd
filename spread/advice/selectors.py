"""Reads of requests for advice: the asker's own, the office's and coach's queue, one request with what it points to."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from organisation.models import User
from spread.advice.rules import queue_filter, visible_advice_filter
from spread.models import AdviceRequest, AdviceStatus, Example

#: The orders a list can be sorted in.
SORTS = {
    "due": ("answer_due_at", "pk"),
    "newest": ("-created_at", "-pk"),
    "oldest": ("created_at", "pk"),
}


@dataclass
class AdviceFilters:
    q: str = ""
    #: ``open``, ``overdue``, ``answered``, ``became_idea`` or empty for every request.
    state: str = ""
    sort: str = "due"


def _filtered(qs: QuerySet[AdviceRequest], filters: AdviceFilters) -> QuerySet[AdviceRequest]:
    if filters.state == "open":
        qs = qs.filter(status=AdviceStatus.OPEN)
    elif filters.state == "overdue":
        qs = qs.filter(status=AdviceStatus.OPEN, answer_due_at__lt=timezone.now())
    elif filters.state in (AdviceStatus.ANSWERED, AdviceStatus.BECAME_IDEA):
        qs = qs.filter(status=filters.state)
    for word in filters.q.split()[:8]:
        qs = qs.filter(Q(subject__icontains=word) | Q(question__icontains=word))
    return qs.order_by(*SORTS.get(filters.sort, SORTS["due"]))


def queue(*, user: User, filters: AdviceFilters) -> QuerySet[AdviceRequest]:
    """The requests the person answers (their offices' and those naming them as coach), filtered and sorted."""
    qs = AdviceRequest.objects.filter(queue_filter(user)).select_related("asked_by", "unit", "coach")
    return _filtered(qs, filters)


def asked_by(*, user: User, filters: AdviceFilters) -> QuerySet[AdviceRequest]:
    """The person's own requests."""
    qs = AdviceRequest.objects.filter(asked_by=user).select_related("asked_by", "unit", "coach")
    return _filtered(qs, filters)


def queue_counts(*, user: User) -> dict[str, int]:
    """How many requests in the person's queue wait, and how many of them are past their answer date."""
    return AdviceRequest.objects.filter(queue_filter(user), status=AdviceStatus.OPEN).aggregate(
        waiting=Count("pk"), overdue=Count("pk", filter=Q(answer_due_at__lt=timezone.now()))
    )


def visible_request(*, user: User, pk: int) -> AdviceRequest | None:
    """One request the person may read, with its people, its unit, its idea and the examples it points to."""
    return (
        AdviceRequest.objects.filter(visible_advice_filter(user), pk=pk)
        .select_related("asked_by", "unit", "coach", "answered_by", "idea")
        .prefetch_related(Prefetch("examples", queryset=Example.objects.select_related("unit").order_by("title")))
        .first()
    )


def example_matches(*, q: str, exclude: list[int] | None = None, limit: int = 10) -> list[Example]:
    """Published good examples whose title, problem or what was done holds every word of ``q``, newest first."""
    from spread.advice.services import readable_examples

    words = q.split()[:8]
    if not words:
        return []
    qs = readable_examples().select_related("unit")
    for word in words:
        qs = qs.filter(Q(title__icontains=word) | Q(problem__icontains=word) | Q(what_was_done__icontains=word))
    if exclude:
        qs = qs.exclude(pk__in=exclude)
    return list(qs.order_by("-published_at", "-pk")[:limit])
