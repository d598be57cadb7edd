"""Reads of the policy register: the list with its counts per status, and a document's history."""

from __future__ import annotations

from dataclasses import dataclass

from auditlog.models import LogEntry
from django.db.models import Count, Q, QuerySet

from learning.models import PolicyDocument, PolicyStatus

SORTS = {
    "title": ("title", "pk"),
    "status": ("status", "title", "pk"),
    "reviewed": ("-reviewed_on", "title", "pk"),
    "updated": ("-updated_at", "-pk"),
}


@dataclass(frozen=True)
class PolicyFilters:
    q: str = ""
    status: str = ""
    sort: str = "title"


def policy_list(filters: PolicyFilters) -> QuerySet[PolicyDocument]:
    qs = PolicyDocument.objects.select_related("owner")
    for word in filters.q.split():
        qs = qs.filter(Q(title__icontains=word) | Q(conclusion__icontains=word) | Q(owner__name__icontains=word))
    if filters.status:
        qs = qs.filter(status=filters.status)
    return qs.order_by(*SORTS.get(filters.sort, SORTS["title"]))


def status_counts() -> list[tuple[str, str, int]]:
    """Each status with how many documents have it (one query), in the order of the review."""
    counts = dict(PolicyDocument.objects.order_by().values_list("status").annotate(n=Count("pk")))
    return [(value, str(label), counts.get(value, 0)) for value, label in PolicyStatus.choices]


def policy_detail(pk: int) -> PolicyDocument | None:
    return PolicyDocument.objects.select_related("owner", "updated_by").filter(pk=pk).first()


def policy_history(policy: PolicyDocument) -> list[LogEntry]:
    """Who changed what in the document and when, newest first (the audit trail)."""
    return list(LogEntry.objects.get_for_object(policy).select_related("actor").order_by("-timestamp", "-pk"))
