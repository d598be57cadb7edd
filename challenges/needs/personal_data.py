"""The needs part of a person's own data: the needs they wrote, the decisions they took, the links and files they
added, the needs they follow and the units they said have the same need."""

from __future__ import annotations

from typing import Any

from challenges.models import Need, NeedDecision, NeedFile, NeedFollow, NeedLink, SameNeed
from core.personal_data_registry import iso, part
from organisation.models import User


@part("needs_written", models=[Need])
def needs_written(user: User) -> list[dict[str, Any]]:
    return [
        {
            "id": n.pk,
            "title": n.title,
            "unit": n.unit_id,
            "who_has_it": n.who_has_it,
            "how_it_shows": n.how_it_shows,
            "cost_today": n.cost_today,
            "good_outcome": n.good_outcome,
            "constraints": n.constraints,
            "origin": n.origin,
            "status": n.status,
            "route": n.route,
            "submitted": iso(n.submitted_at),
            "created": n.created_at.isoformat(),
        }
        for n in Need.objects.filter(created_by=user).order_by("created_at", "pk")
    ]


@part("need_decisions", models=[NeedDecision])
def need_decisions(user: User) -> list[dict[str, Any]]:
    return [
        {
            "need": d.need_id,
            "decision": d.kind,
            "route": d.route,
            "rationale": d.rationale,
            "at": d.created_at.isoformat(),
        }
        for d in NeedDecision.objects.filter(decided_by=user).order_by("created_at", "pk")
    ]


@part("need_links_and_files", models=[NeedLink, NeedFile])
def need_links_and_files(user: User) -> dict[str, list[dict[str, Any]]]:
    return {
        "links": [
            {"need": link.need_id, "url": link.url, "title": link.title, "added": link.created_at.isoformat()}
            for link in NeedLink.objects.filter(added_by=user).order_by("created_at", "pk")
        ],
        "files": [
            {"need": f.need_id, "name": f.original_name, "size": f.size, "uploaded": f.created_at.isoformat()}
            for f in NeedFile.objects.filter(uploaded_by=user).order_by("created_at", "pk")
        ],
    }


@part("need_follows", models=[NeedFollow])
def need_follows(user: User) -> list[dict[str, Any]]:
    return [
        {"need": f.need_id, "since": f.created_at.isoformat()}
        for f in NeedFollow.objects.filter(user=user).order_by("created_at", "pk")
    ]


@part("same_needs_reported", models=[SameNeed])
def same_needs_reported(user: User) -> list[dict[str, Any]]:
    return [
        {"need": s.need_id, "unit": s.unit_id, "note": s.note, "at": s.created_at.isoformat()}
        for s in SameNeed.objects.filter(reported_by=user).order_by("created_at", "pk")
    ]
