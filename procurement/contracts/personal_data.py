"""The contracts part of a person's own data: the contracts they own or added, the proposals they sent, and the
answers they gave."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from core.personal_data_registry import iso, part
from organisation.models import User
from procurement.models import Contract, SupplierProposal


@part("contracts", models=[Contract])
def contracts(user: User) -> list[dict[str, Any]]:
    return [
        {"id": c.pk, "title": c.title, "owner": c.owner_id == user.pk, "added_by_you": c.created_by_id == user.pk}
        for c in Contract.objects.filter(Q(owner=user) | Q(created_by=user)).order_by("pk")
    ]


@part("supplier_proposals", models=[SupplierProposal])
def supplier_proposals(user: User) -> list[dict[str, Any]]:
    """Proposals the person sent (with their texts), and those they answered (their own answer)."""
    rows = []
    for p in SupplierProposal.objects.filter(Q(submitted_by=user) | Q(answered_by=user)).order_by("created_at", "pk"):
        mine = p.submitted_by_id == user.pk
        rows.append(
            {
                "id": p.pk,
                "contract": p.contract_id,
                "title": p.title if mine else "",
                "proposal": p.proposal if mine else "",
                "benefit": p.benefit if mine else "",
                "sent": p.created_at.isoformat() if mine else None,
                "answer": p.answer if p.answered_by_id == user.pk else "",
                "answered": iso(p.answered_at) if p.answered_by_id == user.pk else None,
            }
        )
    return rows
