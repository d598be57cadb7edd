"""The procurement cases part of a person's own data: the cases they made, are the officer of or chose the route
of, the entries of cases' logs they are named in, the EU thresholds they set and the procured values they
entered."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from core.personal_data_registry import iso, part
from organisation.models import User
from procurement.models import CaseLogEntry, ProcuredValue, ProcurementCase, Threshold


@part("procurement_cases", models=[ProcurementCase])
def procurement_cases(user: User) -> list[dict[str, Any]]:
    rows = ProcurementCase.objects.filter(Q(created_by=user) | Q(officer=user) | Q(route_decided_by=user)).order_by(
        "created_at", "pk"
    )
    return [
        {
            "id": c.pk,
            "title": c.title,
            "need": c.need_id,
            "stage": c.stage,
            "route": c.route,
            "made_by_you": c.created_by_id == user.pk,
            "officer": c.officer_id == user.pk,
            "route_chosen_by_you": c.route_decided_by_id == user.pk,
            "route_chosen": iso(c.route_decided_at),
            "created": c.created_at.isoformat(),
        }
        for c in rows
    ]


@part("procurement_case_log", models=[CaseLogEntry])
def procurement_case_log(user: User) -> list[dict[str, Any]]:
    return [
        {"case": e.case_id, "what": e.kind, "summary": e.summary, "at": e.created_at.isoformat()}
        for e in CaseLogEntry.objects.filter(person=user).order_by("created_at", "pk")
    ]


@part("procurement_thresholds_and_values", models=[Threshold, ProcuredValue])
def thresholds_and_values(user: User) -> dict[str, list[dict[str, Any]]]:
    return {
        "thresholds_set": [
            {"valid_from": t.valid_from.isoformat(), "source": t.source, "at": t.created_at.isoformat()}
            for t in Threshold.objects.filter(set_by=user).order_by("created_at", "pk")
        ],
        "procured_values_entered": [
            {"unit": v.unit_id, "year": v.year, "value_sek": v.value_sek, "source": v.source}
            for v in ProcuredValue.objects.filter(entered_by=user).order_by("year", "pk")
        ],
    }
