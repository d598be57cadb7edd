"""The open market dialogue's part of a person's own data: requests for information they published, interests they
registered, questions they asked or answered, meetings they booked or wrote the minutes of, and written responses
and files they wrote or uploaded.

Another organisation's response or question is never part of it, and neither is a business secret of anyone but
the person's own organisation: a response is listed for the person who wrote it, as they wrote it."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from core.personal_data_registry import iso, part
from organisation.models import User
from procurement.models import MeetingSlot, Question, ResponseFile, Rfi, RfiDocument, SupplierInterest, WrittenResponse


@part("procurement_rfis", models=[Rfi, RfiDocument])
def rfis(user: User) -> list[dict[str, Any]]:
    published = [
        {"id": r.pk, "title": r.title, "published": iso(r.published_at)}
        for r in Rfi.objects.filter(published_by=user).order_by("pk")
    ]
    documents = [
        {"rfi": d.rfi_id, "file": d.original_name, "uploaded": d.created_at.isoformat()}
        for d in RfiDocument.objects.filter(uploaded_by=user).order_by("pk")
    ]
    return [{"published_by_you": published, "documents_you_uploaded": documents}] if published or documents else []


@part("procurement_interests", models=[SupplierInterest])
def interests(user: User) -> list[dict[str, Any]]:
    return [
        {"rfi": i.rfi.title, "supplier": i.supplier.name, "registered": i.created_at.isoformat()}
        for i in SupplierInterest.objects.filter(registered_by=user).select_related("rfi", "supplier").order_by("pk")
    ]


@part("procurement_questions", models=[Question])
def questions(user: User) -> list[dict[str, Any]]:
    rows = (
        Question.objects.filter(Q(asked_by=user) | Q(answered_by=user))
        .select_related("rfi")
        .order_by("created_at", "pk")
    )
    return [
        {
            "rfi": q.rfi.title,
            "asked_by_you": q.asked_by_id == user.pk,
            "question": q.text if q.asked_by_id == user.pk else q.public_text,
            "answered_by_you": q.answered_by_id == user.pk,
            "answer": q.answer if q.published_at is not None or q.answered_by_id == user.pk else "",
            "number": q.number,
            "published": iso(q.published_at),
            "asked": q.created_at.isoformat(),
        }
        for q in rows
    ]


@part("procurement_meetings", models=[MeetingSlot])
def meetings(user: User) -> list[dict[str, Any]]:
    rows = (
        MeetingSlot.objects.filter(Q(booked_by=user) | Q(minutes_by=user)).select_related("rfi").order_by("starts_at")
    )
    return [
        {
            "rfi": s.rfi.title,
            "starts": s.starts_at.isoformat(),
            "booked_by_you": s.booked_by_id == user.pk,
            "booked": iso(s.booked_at),
            "minutes_by_you": s.minutes_by_id == user.pk,
            "minutes_published": iso(s.minutes_published_at),
        }
        for s in rows
    ]


@part("procurement_responses", models=[WrittenResponse, ResponseFile])
def responses(user: User) -> list[dict[str, Any]]:
    rows = WrittenResponse.objects.filter(written_by=user).select_related("rfi", "supplier").order_by("pk")
    files = list(ResponseFile.objects.filter(uploaded_by=user).order_by("pk"))
    out: list[dict[str, Any]] = [
        {
            "rfi": r.rfi.title,
            "supplier": r.supplier.name,
            "solution": r.solution,
            "maturity": r.maturity,
            "price_indication": r.price_indication,
            "other": r.other,
            "status": r.status,
            "sent": iso(r.submitted_at),
        }
        for r in rows
    ]
    if files:
        out.append(
            {"files_you_uploaded": [{"file": f.original_name, "uploaded": f.created_at.isoformat()} for f in files]}
        )
    return out
