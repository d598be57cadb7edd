"""The development talks' part of a person's own data: their talks (as employee) with the ideas they sent in from
each, and the talks they recorded (as manager), in one query. Nothing of what was said is stored, so there is none
to give."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from core.personal_data_registry import iso, part
from learning.models import DevelopmentTalk, TalkIdea
from organisation.models import User


@part("development_talks", models=[DevelopmentTalk, TalkIdea])
def development_talks(user: User) -> dict[str, list[dict[str, Any]]]:
    rows = (
        DevelopmentTalk.objects.filter(Q(employee=user) | Q(manager=user))
        .values(
            "pk",
            "year",
            "held_on",
            "innovation_discussed",
            "ideas_count",
            "unit__name",
            "employee_id",
            "employee__name",
            "manager__name",
            "ideas__idea_id",
        )
        .order_by("year", "pk", "ideas__idea_id")
    )
    talks: dict[int, dict[str, Any]] = {}
    for row in rows:
        talk = talks.setdefault(
            row["pk"],
            {
                "id": row["pk"],
                "year": row["year"],
                "held_on": iso(row["held_on"]),
                "innovation_discussed": row["innovation_discussed"],
                "ideas_count": row["ideas_count"],
                "unit": row["unit__name"],
                "employee": row["employee__name"],
                "manager": row["manager__name"],
                "mine": row["employee_id"] == user.pk,
                "ideas_sent": [],
            },
        )
        if row["ideas__idea_id"] is not None and talk["mine"]:
            talk["ideas_sent"].append(row["ideas__idea_id"])
    as_employee = [{k: v for k, v in t.items() if k not in ("mine", "employee")} for t in talks.values() if t["mine"]]
    as_manager = [
        {k: v for k, v in t.items() if k not in ("mine", "manager", "ideas_sent")}
        for t in talks.values()
        if not t["mine"]
    ]
    return {"as_employee": as_employee, "as_manager": as_manager}
