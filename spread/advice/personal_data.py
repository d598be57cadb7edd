"""The advice part of a person's own data: the questions they asked, and those they answered or were asked as coach."""

from __future__ import annotations

from typing import Any

from core.personal_data_registry import iso, part
from organisation.models import User
from spread.models import AdviceRequest


@part("advice_asked", models=[AdviceRequest])
def advice_asked(user: User) -> list[dict[str, Any]]:
    return [
        {
            "id": a.pk,
            "subject": a.subject,
            "question": a.question,
            "status": a.status,
            "answer": a.answer,
            "answered": iso(a.answered_at),
            "idea": a.idea_id,
            "created": a.created_at.isoformat(),
        }
        for a in AdviceRequest.objects.filter(asked_by=user).order_by("created_at", "pk")
    ]


@part("advice_given", models=[AdviceRequest])
def advice_given(user: User) -> list[dict[str, Any]]:
    """Requests the person answered or was named as coach for: their own answers, not the askers' texts."""
    from django.db.models import Q

    return [
        {"id": a.pk, "coach": a.coach_id == user.pk, "answer": a.answer if a.answered_by_id == user.pk else ""}
        for a in AdviceRequest.objects.filter(Q(answered_by=user) | Q(coach=user)).order_by("created_at", "pk")
    ]
