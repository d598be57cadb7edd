"""Reads of the policy register: the list with its counts per status, and a document's history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from auditlog.models import LogEntry
from django.db import models
from django.db.models import Count, Q, QuerySet
from django.utils.formats import date_format

from learning.models import PolicyDocument, PolicyStatus
from organisation.models import Unit

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


@dataclass(frozen=True)
class HistoryEntry:
    entry: LogEntry
    #: Each field changed, as (its name, before, after), in words the page shows.
    changes: list[tuple[str, str, str]]


#: Who last changed it and when are the entry's own actor and time.
_NOT_SHOWN = {"updated_by", "updated_at", "created_at"}


def _shown(value: object) -> str:
    text = str(value)
    return "–" if text in ("", "None") else text


def _day(value: object) -> object:
    try:
        return date_format(date.fromisoformat(str(value)), "j F Y")
    except ValueError:
        return value


def policy_history(policy: PolicyDocument) -> list[HistoryEntry]:
    """Who changed what in the document and when, newest first (the audit trail, its values as the page shows them:
    a status by its name, an owner by the unit's name)."""
    entries = LogEntry.objects.get_for_object(policy).select_related("actor").order_by("-timestamp", "-pk")
    history = []
    for entry in entries:
        changes: list[tuple[str, str, str]] = []
        if entry.action == LogEntry.Action.UPDATE:
            for name, (before, after) in entry.changes_dict.items():
                if name in _NOT_SHOWN:
                    continue
                field = PolicyDocument._meta.get_field(name)
                if name == "owner":
                    units = Unit.objects.in_bulk([v for v in (before, after) if str(v).isdigit()])
                    before, after = (units.get(int(v)) if str(v).isdigit() else v for v in (before, after))
                elif name == "status":
                    labels = dict(PolicyStatus.choices)
                    before, after = labels.get(before, before), labels.get(after, after)
                elif isinstance(field, models.DateField):
                    before, after = (_day(v) for v in (before, after))
                changes.append((str(getattr(field, "verbose_name", name)), _shown(before), _shown(after)))
        history.append(HistoryEntry(entry=entry, changes=changes))
    return history
