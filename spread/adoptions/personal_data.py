"""The adoptions' part of a person's own data: the adoptions they started and the steps they recorded."""

from __future__ import annotations

from typing import Any

from core.personal_data_registry import iso, part
from organisation.models import User
from spread.models import Adoption, AdoptionStep


@part("adoptions", models=[Adoption, AdoptionStep])
def adoptions(user: User) -> dict[str, list[dict[str, Any]]]:
    started = Adoption.objects.filter(started_by=user).select_related("example", "unit").order_by("created_at", "pk")
    steps = AdoptionStep.objects.filter(by=user).order_by("created_at", "pk")
    return {
        "started": [
            {
                "id": a.pk,
                "example": a.example.title,
                "unit": a.unit.name,
                "start_date": iso(a.start_date),
                "changes": a.changes,
                "state": a.state,
                "evidence": a.evidence,
                "stopped_reason": a.stopped_reason,
                "created_at": iso(a.created_at),
            }
            for a in started
        ],
        "steps": [
            {
                "adoption": s.adoption_id,
                "state": s.state,
                "on": iso(s.on),
                "note": s.note,
                "recorded": iso(s.created_at),
            }
            for s in steps
        ],
    }
