"""The policy register's part of a person's own data: the documents they last changed."""

from __future__ import annotations

from typing import Any

from core.personal_data_registry import part
from learning.models import PolicyDocument
from organisation.models import User


@part("policy_documents_updated", models=[PolicyDocument])
def policy_documents_updated(user: User) -> list[dict[str, Any]]:
    return [
        {"id": p.pk, "title": p.title, "status": p.status, "updated": p.updated_at.isoformat()}
        for p in PolicyDocument.objects.filter(updated_by=user).order_by("pk")
    ]
