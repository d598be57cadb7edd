"""Reads of needs: the list (search, filters, order), one need with everything its page shows, and the counts the
tasks show.

The search reads ``search_stems``, the Swedish word stems kept by the services (``ideas.search.stems_for``), as the
good examples' library does: a stem of ``COMPOUND_MIN`` letters or more matches inside compounds ("kö" starts a
stem, "bygglov" is found in "bygglovsärenden"), a shorter one only at the start of a stem. Every word must match.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from challenges.models import Need, NeedDecision, NeedFile, NeedLink, NeedStatus, SameNeed
from challenges.needs.rules import decides_needs_filter, visible_needs_filter
from ideas.search import stem, words
from organisation.models import Unit

SORTS = ("newest", "same")
COMPOUND_MIN = 4


@dataclass(frozen=True)
class NeedFilters:
    q: str = ""
    status: str = ""
    route: str = ""
    origin: str = ""
    unit: Unit | None = None
    sort: str = "newest"


def search_terms(q: str) -> list[str]:
    return list(dict.fromkeys(stem(w) for w in words(q)))


def need_list(*, user, filters: NeedFilters) -> QuerySet[Need]:
    """The needs this person may read, narrowed by the search and filters, in the order asked for."""
    qs = Need.objects.filter(visible_needs_filter(user))
    for term in search_terms(filters.q):
        qs = qs.filter(search_stems__contains=term if len(term) >= COMPOUND_MIN else f" {term}")
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.route:
        qs = qs.filter(route=filters.route)
    if filters.origin:
        qs = qs.filter(origin=filters.origin)
    if filters.unit is not None:
        qs = qs.filter(unit__path__startswith=filters.unit.path)
    order = ("-same_need_count", "-created_at", "-pk") if filters.sort == "same" else ("-created_at", "-pk")
    return qs.select_related("unit").order_by(*order)


def need_detail(*, pk: int) -> Need:
    """The need with what its page shows: its unit, writer and ideas, its links, files, decisions with who took
    them, and the units with the same need (one query for the need, one for each list)."""
    return (
        Need.objects.select_related("unit", "created_by", "idea", "routed_idea")
        .prefetch_related(
            Prefetch("links", queryset=NeedLink.objects.order_by("created_at", "pk")),
            Prefetch("files", queryset=NeedFile.objects.order_by("created_at", "pk")),
            Prefetch(
                "decisions", queryset=NeedDecision.objects.select_related("decided_by").order_by("created_at", "pk")
            ),
            Prefetch(
                "same_needs",
                queryset=SameNeed.objects.select_related("unit", "reported_by").order_by("created_at", "pk"),
            ),
        )
        .get(pk=pk)
    )


def waiting_for(user) -> QuerySet[Need]:
    """The needs waiting for this person's validation (the innovation office of their units, the director)."""
    return Need.objects.filter(decides_needs_filter(user), status__in=(NeedStatus.SUBMITTED, NeedStatus.VALIDATED))


def waiting_counts(user) -> dict[str, int]:
    return waiting_for(user).aggregate(
        submitted=Count("pk", filter=Q(status=NeedStatus.SUBMITTED)),
        validated=Count("pk", filter=Q(status=NeedStatus.VALIDATED)),
    )


def returned_to(user) -> QuerySet[Need]:
    """The needs this person wrote that the office returned for changes."""
    return Need.objects.filter(created_by=user, status=NeedStatus.RETURNED)
