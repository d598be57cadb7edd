"""The challenges part of a person's own data: challenges they wrote, published or are the contact of, and their
answers with the responses they got (and the responses they gave)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from challenges.models import Answer, Challenge
from core.personal_data_registry import iso, part
from organisation.models import User


@part("challenges", models=[Challenge])
def challenges(user: User) -> list[dict[str, Any]]:
    rows = Challenge.objects.filter(Q(created_by=user) | Q(published_by=user) | Q(contact=user)).order_by(
        "created_at", "pk"
    )
    return [
        {
            "id": c.pk,
            "title": c.title,
            "status": c.status,
            "contact": c.contact_id == user.pk,
            "created_by_you": c.created_by_id == user.pk,
            "published_by_you": c.published_by_id == user.pk,
            "published": iso(c.published_at),
            "created": c.created_at.isoformat(),
        }
        for c in rows
    ]


@part("challenge_answers", models=[Answer])
def challenge_answers(user: User) -> list[dict[str, Any]]:
    """Answers the person sent (their ideas), with the response, and responses the person gave."""
    rows = (
        Answer.objects.filter(Q(idea__author=user) | Q(responded_by=user))
        .select_related("challenge", "idea")
        .order_by("created_at", "pk")
    )
    return [
        {
            "id": a.pk,
            "challenge": a.challenge.title,
            "idea": a.idea_id,
            "yours": a.idea.author_id == user.pk,
            "response": a.response,
            "why": a.response_reason,
            "responded_by_you": a.responded_by_id == user.pk,
            "responded": iso(a.responded_at),
            "sent": a.created_at.isoformat(),
        }
        for a in rows
    ]
