"""What the contracts part's tests build on: a contract of Norra stadsdelsförvaltningen owned by its manager, with
Alfa and Beta as suppliers (Gamma is on none), a choice system, and a proposal from Alfa, all made through
``procurement.contracts.services``."""

from __future__ import annotations

from datetime import date

import pytest

from procurement.contracts import services
from procurement.contracts.services import SupplierEntry
from procurement.models import ContractKind

PROPOSAL = {
    "title": "Närvarostyrd ventilation",
    "proposal": "Vi styr ventilationen efter hur många som är i lokalen.",
    "benefit": "Lägre energiförbrukning och bättre luft för eleverna.",
}


def make_contract(officer, owner, tree, *, suppliers=(), kind=ContractKind.CONTRACT, **more):
    fields = {
        "title": "Drift av skolfastigheter",
        "reference": "SN-2024-117",
        "starts_on": date(2024, 1, 1),
        "ends_on": None,
        "value_sek": 12_000_000,
        **more,
    }
    return services.contract_create(
        by=officer,
        unit=tree["SDF-N"],
        kind=kind,
        owner=owner,
        suppliers=[SupplierEntry(org_number=p.supplier.org_number) for p in suppliers],
        **fields,
    )


@pytest.fixture
def contract(officers, people, suppliers, tree):
    return make_contract(officers["officer"], people["manager"], tree, suppliers=[suppliers["alfa"], suppliers["beta"]])


@pytest.fixture
def lov(officers, people, suppliers, tree):
    return make_contract(
        officers["officer"],
        people["manager"],
        tree,
        suppliers=[suppliers["alfa"], suppliers["beta"]],
        kind=ContractKind.CHOICE_SYSTEM,
        title="Hemtjänst enligt LOV",
        reference="",
    )


@pytest.fixture
def proposal(contract, suppliers):
    return services.proposal_submit(contract=contract, by=suppliers["alfa"], **PROPOSAL)
