"""The development talks' part of a person's own data: their talks (as employee), those they recorded (as manager),
and the ideas they sent in from a talk. Nothing of what was said is stored, so there is none to give."""

from __future__ import annotations

from typing import Any

from core.personal_data_registry import iso, part
from learning.models import DevelopmentTalk, TalkIdea
from organisation.models import User


def _talk(talk: DevelopmentTalk) -> dict[str, Any]:
    return {
        "id": talk.pk,
        "year": talk.year,
        "held_on": iso(talk.held_on),
        "innovation_discussed": talk.innovation_discussed,
        "ideas_count": talk.ideas_count,
        "unit": talk.unit.name,
    }


@part("development_talks", models=[DevelopmentTalk])
def development_talks(user: User) -> list[dict[str, Any]]:
    """The person's own talks, with who recorded them."""
    talks = DevelopmentTalk.objects.filter(employee=user).select_related("unit", "manager").order_by("year", "pk")
    return [{**_talk(t), "manager": t.manager.name if t.manager else None} for t in talks]


@part("development_talks_held", models=[DevelopmentTalk])
def development_talks_held(user: User) -> list[dict[str, Any]]:
    """The talks the person recorded as manager: the employee's name, not their other data."""
    talks = DevelopmentTalk.objects.filter(manager=user).select_related("unit", "employee").order_by("year", "pk")
    return [{**_talk(t), "employee": t.employee.name} for t in talks]


@part("ideas_from_talks", models=[TalkIdea])
def ideas_from_talks(user: User) -> list[dict[str, Any]]:
    rows = TalkIdea.objects.filter(talk__employee=user).select_related("talk").order_by("talk__year", "pk")
    return [{"talk": row.talk_id, "year": row.talk.year, "idea": row.idea_id} for row in rows]
