"""The idea's funding on its timeline: the decided fund and stipend applications about it, and their final reports."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, Q, prefetch_related_objects

from calls.models import DECIDED, FUNDING_PROGRAMMES, Application, Payment
from ideas.timeline import TimelineEntry, part

#: Decided applications to the innovation fund or stipend whose results are published: the idea's funding.
FUNDING_ON_TIMELINE = Q(
    call__programme__in=FUNDING_PROGRAMMES, status__in=DECIDED, call__results_published_at__isnull=False
)


def _has_funding() -> Exists:
    return Exists(Application.objects.filter(FUNDING_ON_TIMELINE, idea=OuterRef("pk")))


def _load(idea) -> None:
    """``idea.funding``: its decided fund and stipend applications, with their decisions, payments and final reports."""
    funding = (
        Application.objects.filter(FUNDING_ON_TIMELINE)
        .select_related("call", "decision__decided_by", "final_report")
        .prefetch_related(Prefetch("payments", queryset=Payment.objects.order_by("paid_on", "pk")))
        .order_by("decision__decided_at", "pk")
    )
    prefetch_related_objects([idea], Prefetch("applications", queryset=funding, to_attr="funding"))


#: Draws a funding decision or a final report on the idea's page.
TEMPLATE = "calls/partials/idea_timeline_funding.html"


def _entries(idea) -> list[TimelineEntry]:
    entries = []
    for application in getattr(idea, "funding", []):
        entries.append(
            TimelineEntry(application.decision.decided_at, "funding", application=application, template=TEMPLATE)
        )
        report = getattr(application, "final_report", None)
        if report is not None:
            entries.append(
                TimelineEntry(report.submitted_at, "final_report", application=application, template=TEMPLATE)
            )
    return entries


part("funding", exists=_has_funding, load=_load, entries=_entries)
