"""Who may do what in the contract register and with suppliers' proposals, person by person, and the list filters
that must agree with the rules."""

from __future__ import annotations

import pytest

from organisation.models import Role
from procurement.contracts import services
from procurement.contracts.rules import answers_proposals_filter, visible_contracts_filter, visible_proposals_filter
from procurement.models import Contract, SupplierProposal
from tests import factories
from tests.procurement.contracts.conftest import PROPOSAL

pytestmark = pytest.mark.django_db

#: person → (read the contract, change it, propose to it, read Alfa's proposal, answer it)
MATRIX = {
    "owner": (True, False, False, True, True),
    "officer": (True, True, False, True, True),
    "central": (True, True, False, True, True),
    "other_officer": (True, False, False, False, False),
    "office": (True, False, False, False, False),
    "director": (True, False, False, False, False),
    "colleague": (True, False, False, False, False),
    "alfa": (True, False, True, True, False),
    "beta": (True, False, True, False, False),
    "gamma": (False, False, False, False, False),
    "resident": (False, False, False, False, False),
}


@pytest.fixture
def cast(people, officers, suppliers, tree):
    return {
        "owner": people["manager"],
        "officer": officers["officer"],
        "central": officers["central"],
        "other_officer": factories.person(unit=tree["SDF-S"], role=Role.PROCUREMENT, name="Olof Annan"),
        "office": people["office"],
        "director": people["director"],
        "colleague": people["colleague"],
        "alfa": suppliers["alfa"],
        "beta": suppliers["beta"],
        "gamma": suppliers["gamma"],
        "resident": people["resident"],
    }


@pytest.mark.parametrize("who", MATRIX)
def test_the_matrix(cast, contract, proposal, who):
    person = cast[who]
    found = (
        person.has_perm("procurement.view_contract", contract),
        person.has_perm("procurement.change_contract", contract),
        person.has_perm("procurement.propose_to_contract", contract),
        person.has_perm("procurement.view_proposal", proposal),
        person.has_perm("procurement.answer_proposal", proposal),
    )
    assert found == MATRIX[who]
    staff = who not in ("alfa", "beta", "gamma", "resident")
    assert person.has_perm("procurement.view_contracts") == staff
    assert person.has_perm("procurement.view_my_contracts") == (who in ("alfa", "beta", "gamma"))
    assert person.has_perm("procurement.add_contract") == (who in ("officer", "central", "other_officer"))


@pytest.mark.parametrize("who", MATRIX)
def test_the_list_filters_agree_with_the_rules(cast, contract, lov, proposal, suppliers, who):
    services.proposal_submit(contract=lov, by=suppliers["beta"], **PROPOSAL)
    person = cast[who]
    contracts = set(Contract.objects.filter(visible_contracts_filter(person)))
    assert contracts == {c for c in Contract.objects.all() if person.has_perm("procurement.view_contract", c)}
    proposals = set(SupplierProposal.objects.filter(visible_proposals_filter(person)))
    assert proposals == {p for p in SupplierProposal.objects.all() if person.has_perm("procurement.view_proposal", p)}
    answering = set(SupplierProposal.objects.filter(answers_proposals_filter(person)))
    assert answering == {p for p in SupplierProposal.objects.all() if person.has_perm("procurement.answer_proposal", p)}
