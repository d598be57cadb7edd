"""Reads of the open market dialogue: the published requests for information (RFIs), their published answers, what a
registered supplier reads (minutes, its own questions and response) and the officers' workroom.

A supplier's unanswered question and its written response are read by its own organisation and the case's
officers only: every read of them here is filtered by the organisation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Prefetch, QuerySet

from ideas.search import stems_for
from procurement.dialogue.rules import visible_rfis_filter
from procurement.models import MeetingSlot, Question, Rfi, RfiStatus, SupplierInterest, WrittenResponse

#: The shortest stem found inside compounds, not only at their start.
COMPOUND_MIN = 4
ORDERS = {"closing": ("responses_close_at", "pk"), "newest": ("-published_at", "-pk")}


@dataclass(frozen=True)
class RfiFilters:
    state: str = "open"  # open | closed | all
    q: str = ""
    order: str = "closing"


def rfis_visible_to(user) -> QuerySet[Rfi]:
    return Rfi.objects.filter(visible_rfis_filter(user))


def _search(rfis: QuerySet[Rfi], q: str) -> QuerySet[Rfi]:
    for term in dict.fromkeys(stems_for(q).split()):
        rfis = rfis.filter(search_stems__contains=term if len(term) >= COMPOUND_MIN else f" {term}")
    return rfis


def published_rfis(*, now: datetime, filters: RfiFilters) -> QuerySet[Rfi]:
    """Published RFIs: open ones (still taking written responses) by default, the one closing first first."""
    rfis = Rfi.objects.filter(status=RfiStatus.PUBLISHED)
    if filters.state == "open":
        rfis = rfis.filter(responses_close_at__gt=now)
    elif filters.state == "closed":
        rfis = rfis.filter(responses_close_at__lte=now)
    if filters.q:
        rfis = _search(rfis, filters.q)
    order = ORDERS.get(filters.order, ORDERS["closing"])
    if filters.state == "closed" and filters.order == "closing":
        order = ("-responses_close_at", "-pk")
    return rfis.select_related("case__unit").order_by(*order)


def next_moments(*, now: datetime) -> list[datetime]:
    """The next moments the public list changes by the clock alone: an RFI's deadlines."""
    soon = (
        Rfi.objects.filter(status=RfiStatus.PUBLISHED, responses_close_at__gt=now)
        .order_by("responses_close_at")
        .values_list("questions_close_at", "responses_close_at")[:50]
    )
    return [moment for pair in soon for moment in pair if moment > now]


def rfi_for_page(pk: int) -> Rfi | None:
    return Rfi.objects.select_related("case__unit", "case__officer").filter(pk=pk).first()


def published_answers(rfi: Rfi) -> QuerySet[Question]:
    """The published questions and answers, by their numbers: the anonymised wording only, never who asked."""
    return (
        Question.objects.filter(rfi=rfi, published_at__isnull=False)
        .only("pk", "rfi_id", "number", "public_text", "answer", "published_at")
        .order_by("number")
    )


def own_unanswered(rfi: Rfi, supplier_id: int | None) -> QuerySet[Question]:
    """The organisation's own questions still waiting for their published answer."""
    if supplier_id is None:
        return Question.objects.none()
    return Question.objects.filter(rfi=rfi, supplier_id=supplier_id, published_at__isnull=True).order_by(
        "created_at", "pk"
    )


def own_questions(rfi: Rfi, supplier_id: int | None) -> QuerySet[Question]:
    if supplier_id is None:
        return Question.objects.none()
    return Question.objects.filter(rfi=rfi, supplier_id=supplier_id).order_by("created_at", "pk")


def interest_of(rfi: Rfi, supplier_id: int | None) -> SupplierInterest | None:
    if supplier_id is None:
        return None
    return SupplierInterest.objects.filter(rfi=rfi, supplier_id=supplier_id).first()


def slots(rfi: Rfi) -> QuerySet[MeetingSlot]:
    return MeetingSlot.objects.filter(rfi=rfi).select_related("booked_by_supplier").order_by("starts_at", "pk")


def free_slots(rfi: Rfi, now: datetime) -> QuerySet[MeetingSlot]:
    return MeetingSlot.objects.filter(rfi=rfi, booked_by_supplier__isnull=True, starts_at__gt=now).order_by(
        "starts_at", "pk"
    )


def own_booking(rfi: Rfi, supplier_id: int | None) -> MeetingSlot | None:
    if supplier_id is None:
        return None
    return MeetingSlot.objects.filter(rfi=rfi, booked_by_supplier_id=supplier_id).first()


def published_minutes(rfi: Rfi) -> QuerySet[MeetingSlot]:
    """Minutes published to every registered supplier, without who the meeting was with."""
    return (
        MeetingSlot.objects.filter(rfi=rfi, minutes_published_at__isnull=False)
        .only("pk", "rfi_id", "starts_at", "ends_at", "minutes", "minutes_published_at")
        .order_by("starts_at", "pk")
    )


def own_response(rfi: Rfi, supplier_id: int | None) -> WrittenResponse | None:
    if supplier_id is None:
        return None
    return WrittenResponse.objects.filter(rfi=rfi, supplier_id=supplier_id).prefetch_related("files").first()


def waiting_questions(rfi: Rfi) -> QuerySet[Question]:
    """For the officers: questions not yet published, the oldest first, with who asked."""
    return (
        Question.objects.filter(rfi=rfi, published_at__isnull=True)
        .select_related("supplier", "asked_by")
        .order_by("created_at", "pk")
    )


def responses_for_officers(rfi: Rfi) -> QuerySet[WrittenResponse]:
    """For the case's officers only: every written response with its files, secrets included."""
    return (
        WrittenResponse.objects.filter(rfi=rfi)
        .select_related("supplier", "written_by")
        .prefetch_related(Prefetch("files"))
        .order_by("-status", "submitted_at", "pk")
    )


def interests(rfi: Rfi) -> QuerySet[SupplierInterest]:
    return SupplierInterest.objects.filter(rfi=rfi).select_related("supplier", "registered_by").order_by("created_at")
