"""The good examples' part of a person's own data: the examples they own, published, consented to, are the
contact person of, and the files they added."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from core.personal_data_registry import iso, part
from organisation.models import User
from spread.models import Example, ExampleFile


@part("good_examples", models=[Example])
def good_examples(user: User) -> list[dict[str, Any]]:
    rows = Example.objects.filter(
        Q(owner=user) | Q(contact=user) | Q(published_by=user) | Q(public_consent_by=user)
    ).order_by("pk")
    return [
        {
            "id": e.pk,
            "title": e.title,
            "status": e.status,
            "visibility": e.visibility,
            "owner": e.owner_id == user.pk,
            "contact": e.contact_id == user.pk,
            "published_by_you": iso(e.published_at) if e.published_by_id == user.pk else None,
            "public_consent": iso(e.public_consent_at) if e.public_consent_by_id == user.pk else None,
        }
        for e in rows
    ]


@part("good_example_files", models=[ExampleFile])
def good_example_files(user: User) -> list[dict[str, Any]]:
    return [
        {"example": f.example_id, "file": f.original_name, "size": f.size, "uploaded": f.created_at.isoformat()}
        for f in ExampleFile.objects.filter(uploaded_by=user).order_by("pk")
    ]
