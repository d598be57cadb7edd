"""Reads that span the apps: a person's own data, for the right of access (GDPR art. 15)."""

from __future__ import annotations

from typing import Any

from ideas.models import Comment, Follow, Idea, PublicationEvent, Support
from organisation.models import User


def personal_data_export(*, user: User) -> dict[str, Any]:
    """Everything Språng holds about one person, as plain data."""
    return {
        "person": {
            "name": user.name,
            "email": user.email,
            "kind": user.kind,
            "unit": user.unit.name if user.unit else None,
            "supplier": str(user.supplier) if user.supplier else None,
            "language": user.language,
            "email_notifications": user.email_notifications,
            "joined": user.date_joined.isoformat(),
        },
        "roles": [
            {"role": r.role, "unit": r.unit.name, "capacity": r.capacity}
            for r in user.role_assignments.select_related("unit")
        ],
        "ideas": [
            {"id": i.pk, "title": i.title, "stage": i.stage, "created": i.created_at.isoformat()}
            for i in Idea.objects.filter(author=user).order_by("created_at")
        ],
        "co_authored_ideas": [i.pk for i in user.co_authored_ideas.order_by("pk")],
        "comments": [
            {"idea": c.idea_id, "body": c.body, "created": c.created_at.isoformat(), "hidden": c.hidden}
            for c in Comment.objects.filter(author=user).order_by("created_at")
        ],
        "supports": [
            {"idea": s.idea_id, "kind": s.kind, "created": s.created_at.isoformat()}
            for s in Support.objects.filter(user=user).order_by("created_at")
        ],
        "follows": [f.idea_id for f in Follow.objects.filter(user=user).order_by("idea_id")],
        "publication_steps": [
            {"idea": e.idea_id, "step": e.step, "at": e.at.isoformat(), "message": e.message}
            for e in PublicationEvent.objects.filter(by=user).order_by("at", "pk")
        ],
        "notifications": [
            {"message": n.message, "created": n.created_at.isoformat(), "read": n.read_at is not None}
            for n in user.notifications.order_by("created_at")
        ],
    }
