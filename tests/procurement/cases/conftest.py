"""Procurement cases' tests: the EU thresholds set by the central procurement function, and a contract of
Norra's organisation that a case may affect."""

from __future__ import annotations

from datetime import date

import pytest

from procurement.cases import services as cases
from procurement.models import Contract


@pytest.fixture
def threshold(officers):
    return cases.threshold_set(
        by=officers["central"],
        valid_from=date(2024, 1, 1),
        supplies_services_sek=2_300_000,
        works_sek=57_800_000,
        social_services_sek=8_700_000,
        source="EUT C/2023/1495",
    )


@pytest.fixture
def old_contract(tree, officers):
    """Norra's existing contract (entered directly: the contracts register has its own pages and services)."""
    return Contract.objects.create(
        title="Fastighetsdrift Norra",
        reference="SN-2020-14",
        unit=tree["SDF-N"],
        owner=officers["officer"],
        starts_on=date(2020, 1, 1),
        ends_on=date(2026, 12, 31),
        created_by=officers["officer"],
    )
