"""The events' part of a person's own data: registrations (by account or email address), leads, exhibiting, events organised."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from core.personal_data_registry import iso, part
from organisation.models import User
from spread.models import Event, Exhibitor, Lead, Registration


@part("event_registrations", models=[Registration])
def registrations(user: User) -> list[dict[str, Any]]:
    """Registrations made with the account, and those made signed out with the same email address."""
    rows = (
        Registration.objects.filter(Q(person=user) | Q(email__iexact=user.email))
        .select_related("event")
        .order_by("created_at", "pk")
    )
    return [
        {
            "event": r.event.title,
            "starts": iso(r.event.starts_at),
            "name": r.name,
            "email": r.email,
            "status": r.status,
            "attended": r.attended,
            "reminded": iso(r.reminded_at),
            "cancelled": iso(r.cancelled_at),
            "registered": iso(r.created_at),
        }
        for r in rows
    ]


@part("event_leads", models=[Lead])
def leads(user: User) -> list[dict[str, Any]]:
    """Interest the person registered at a stand (by account or by their email address)."""
    rows = Lead.objects.filter(Q(person=user) | Q(email__iexact=user.email)).select_related("example", "event")
    return [
        {
            "example": lead.example.title,
            "event": lead.event.title if lead.event else None,
            "name": lead.name,
            "email": lead.email,
            "unit": lead.unit_id,
            "note": lead.note,
            "status": lead.status,
            "created": iso(lead.created_at),
        }
        for lead in rows.order_by("created_at", "pk")
    ]


@part("event_exhibitors", models=[Exhibitor])
def exhibitors(user: User) -> list[dict[str, Any]]:
    """Applications to exhibit the person made, and those they decided."""
    rows = Exhibitor.objects.filter(Q(applied_by=user) | Q(decided_by=user)).select_related("event", "example")
    return [
        {
            "event": e.event.title,
            "example": e.example.title,
            "applied_by_you": e.applied_by_id == user.pk,
            "decided_by_you": e.decided_by_id == user.pk,
            "message": e.message if e.applied_by_id == user.pk else "",
            "status": e.status,
            "decided": iso(e.decided_at),
        }
        for e in rows.order_by("created_at", "pk")
    ]


@part("events_organised", models=[Event])
def events_organised(user: User) -> list[dict[str, Any]]:
    return [
        {"id": e.pk, "title": e.title, "starts": iso(e.starts_at), "cancelled": iso(e.cancelled_at)}
        for e in Event.objects.filter(organiser=user).order_by("starts_at", "pk")
    ]
