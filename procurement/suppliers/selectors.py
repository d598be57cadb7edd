"""What a supplier organisation has going on with the city, for its own people: the requests for information it
registered for, its questions, its meetings, its written responses, the contracts it is on and its proposals.

Everything is filtered by the organisation (never by the person), so colleagues at the same supplier see the same
page; nothing of another organisation is read. A fixed number of queries, whatever the organisation's history.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Exists, OuterRef, Q, Subquery

from organisation.models import SupplierOrganisation
from procurement.models import (
    Contract,
    MeetingSlot,
    Question,
    Rfi,
    RfiStatus,
    SupplierInterest,
    SupplierProposal,
    WrittenResponse,
)

#: How many rows of each list the page shows; the rest are on the lists they link to.
SHOWN = 25


@dataclass(frozen=True)
class SupplierPage:
    supplier: SupplierOrganisation
    #: Each annotated with ``my_questions`` (how many the organisation asked) and ``my_response`` (its status).
    dialogues: Sequence[Rfi]
    dialogue_count: int
    waiting_questions: list[Question]
    meetings: list[MeetingSlot]
    responses: list[WrittenResponse]
    contracts: list[Contract]
    proposals: list[SupplierProposal]
    proposal_count: int


def supplier_page(*, supplier: SupplierOrganisation, now: datetime) -> SupplierPage:
    """The organisation's page: open dialogues first (by their last day for responses), then the closed ones."""
    registered = SupplierInterest.objects.filter(rfi=OuterRef("pk"), supplier=supplier)
    mine = Rfi.objects.filter(Exists(registered), status=RfiStatus.PUBLISHED)
    dialogues = list(
        mine.select_related("case__unit")
        .annotate(
            my_questions=Count("questions", filter=Q(questions__supplier=supplier), distinct=True),
            my_response=Subquery(
                WrittenResponse.objects.filter(rfi=OuterRef("pk"), supplier=supplier).values("status")[:1]
            ),
        )
        .order_by("-responses_close_at", "-pk")[:SHOWN]
    )
    # Open ones first, then closed, each newest deadline first.
    dialogues.sort(key=lambda r: (r.responses_close_at <= now, -r.responses_close_at.timestamp()))
    return SupplierPage(
        supplier=supplier,
        dialogues=dialogues,
        dialogue_count=mine.count(),
        waiting_questions=list(
            Question.objects.filter(supplier=supplier, published_at__isnull=True)
            .select_related("rfi")
            .order_by("-created_at", "-pk")[:SHOWN]
        ),
        meetings=list(
            MeetingSlot.objects.filter(booked_by_supplier=supplier, ends_at__gte=now)
            .select_related("rfi")
            .order_by("starts_at", "pk")[:SHOWN]
        ),
        responses=list(
            WrittenResponse.objects.filter(supplier=supplier)
            .select_related("rfi")
            .order_by("-updated_at", "-pk")[:SHOWN]
        ),
        contracts=list(
            Contract.objects.filter(suppliers=supplier).select_related("unit").order_by("title", "pk")[:SHOWN]
        ),
        proposals=list(
            SupplierProposal.objects.filter(supplier=supplier)
            .select_related("contract")
            .order_by("-created_at", "-pk")[:SHOWN]
        ),
        proposal_count=SupplierProposal.objects.filter(supplier=supplier).count(),
    )
