"""The catalogue's part of a person's own data: the courses they set up. Sign-ups for sessions are the events'
registrations (``spread``); a passed check is a completion (``learning.records``)."""

from __future__ import annotations

from typing import Any

from core.personal_data_registry import iso, part
from learning.models import Course
from organisation.models import User


@part("learning_courses", models=[Course])
def courses(user: User) -> list[dict[str, Any]]:
    """Courses the person set up in the catalogue."""
    rows = Course.objects.filter(created_by=user).order_by("created_at", "pk")
    return [
        {
            "code": c.code,
            "title": c.title,
            "kind": c.kind,
            "state": c.state,
            "published": iso(c.published_at),
            "created": iso(c.created_at),
        }
        for c in rows
    ]
