"""The contract register and suppliers' proposals through their services: what is written, who is told, and what
is refused (each refusal naming its field)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from core.errors import ConflictError, DomainError, PermissionDeniedError
from core.models import Notification
from ideas.models import Idea, Source
from organisation.models import Role, SupplierOrganisation
from procurement.contracts import services
from procurement.contracts.services import SupplierEntry
from procurement.models import ProposalStatus
from tests import factories
from tests.procurement.contracts.conftest import PROPOSAL, make_contract

pytestmark = pytest.mark.django_db

ACCEPT = {"answer": "Bra förslag, vi testar i två skolor.", "audience": "Elever och personal.", "kind": "process"}


def test_an_officer_adds_a_contract_with_its_suppliers_by_number(contract, suppliers, people, tree):
    assert contract.unit == tree["SDF-N"] and contract.owner == people["manager"]
    assert set(contract.suppliers.all()) == {suppliers["alfa"].supplier, suppliers["beta"].supplier}
    assert contract.version == 1


def test_a_new_supplier_is_added_with_its_name_and_a_bad_number_is_named(officers, people, tree):
    contract = services.contract_create(
        by=officers["officer"],
        unit=tree["SDF-N"],
        title="Städning",
        owner=people["manager"],
        starts_on=date(2025, 1, 1),
        suppliers=[SupplierEntry("5560360793"), SupplierEntry("556677-8899", "Beta Bygg AB")],
    )
    assert SupplierOrganisation.objects.get(org_number="556677-8899").name == "Beta Bygg AB"
    assert contract.suppliers.count() == 2
    kwargs = {"by": officers["officer"], "unit": tree["SDF-N"], "title": "T", "owner": people["manager"]}
    with pytest.raises(DomainError) as err:
        services.contract_create(**kwargs, starts_on=date(2025, 1, 1), suppliers=[SupplierEntry("556036-0794", "X")])
    assert err.value.field == "suppliers"
    with pytest.raises(DomainError) as err:
        services.contract_create(**kwargs, starts_on=date(2025, 1, 1), suppliers=[SupplierEntry("559126-4428")])
    assert err.value.field == "suppliers" and "559126-4428" in err.value.message


def test_the_fields_are_checked_one_by_one(officers, people, tree):
    kwargs = {"by": officers["officer"], "unit": tree["SDF-N"], "title": "T", "starts_on": date(2025, 1, 1)}
    with pytest.raises(DomainError) as err:
        services.contract_create(**kwargs, owner=people["supplier"])
    assert err.value.field == "owner"
    with pytest.raises(DomainError) as err:
        services.contract_create(**kwargs, owner=people["manager"], ends_on=date(2024, 1, 1))
    assert err.value.field == "ends_on"
    with pytest.raises(DomainError) as err:
        services.contract_create(**kwargs, owner=people["manager"], value_sek="mycket")
    assert err.value.field == "value_sek"
    with pytest.raises(DomainError) as err:
        services.contract_create(**{**kwargs, "unit": None}, owner=people["manager"])
    assert err.value.field == "unit"


def test_only_officers_of_the_unit_or_above_keep_the_register(officers, people, tree):
    kwargs = {"title": "T", "owner": people["manager"], "starts_on": date(2025, 1, 1)}
    for person in (people["manager"], people["director"], people["supplier"]):
        with pytest.raises(PermissionDeniedError):
            services.contract_create(by=person, unit=tree["SDF-N"], **kwargs)
    with pytest.raises(PermissionDeniedError):
        services.contract_create(by=officers["officer"], unit=tree["SDF-S"], **kwargs)
    assert services.contract_create(by=officers["central"], unit=tree["SDF-S"], **kwargs).unit == tree["SDF-S"]


def test_an_edit_is_versioned_and_a_stale_one_refused(contract, officers, people, suppliers, tree):
    fields = {
        "unit": tree["SDF-N"],
        "title": "Drift och underhåll av skolfastigheter",
        "kind": contract.kind,
        "owner": people["office"],
        "starts_on": contract.starts_on,
        "open_for_proposals": False,
        "suppliers": [SupplierEntry(suppliers["gamma"].supplier.org_number)],
    }
    services.contract_update(contract=contract, by=officers["officer"], expected_version=1, **fields)
    contract.refresh_from_db()
    assert (contract.version, contract.owner, contract.open_for_proposals) == (2, people["office"], False)
    assert list(contract.suppliers.all()) == [suppliers["gamma"].supplier]
    with pytest.raises(ConflictError):
        services.contract_update(contract=contract, by=officers["officer"], expected_version=1, **fields)
    with pytest.raises(PermissionDeniedError):
        services.contract_update(
            contract=contract,
            by=officers["officer"],
            expected_version=2,
            **{
                **fields,
                "unit": tree["SDF-S"],
            },
        )


def test_a_supplier_on_the_contract_proposes_and_the_owner_is_told(proposal, contract, suppliers, people):
    assert proposal.supplier == suppliers["alfa"].supplier
    assert proposal.status == ProposalStatus.SUBMITTED
    expected = proposal.created_at + timedelta(days=settings.SPRANG_FIRST_ANSWER_DAYS)
    assert abs((proposal.due_at - expected).total_seconds()) < 1
    assert not proposal.is_overdue
    assert Notification.objects.filter(recipient=people["manager"], url=proposal.get_absolute_url()).exists()


def test_only_suppliers_on_an_open_running_contract_propose(contract, suppliers, people, officers, tree):
    for person in (suppliers["gamma"], people["manager"], people["resident"], officers["officer"]):
        with pytest.raises(PermissionDeniedError):
            services.proposal_submit(contract=contract, by=person, **PROPOSAL)
    closed = make_contract(
        officers["officer"], people["manager"], tree, suppliers=[suppliers["alfa"]], open_for_proposals=False
    )
    ended = make_contract(
        officers["officer"], people["manager"], tree, suppliers=[suppliers["alfa"]], ends_on=date(2024, 12, 31)
    )
    for shut in (closed, ended):
        with pytest.raises(PermissionDeniedError):
            services.proposal_submit(contract=shut, by=suppliers["alfa"], **PROPOSAL)
    with pytest.raises(DomainError) as err:
        services.proposal_submit(contract=contract, by=suppliers["beta"], **{**PROPOSAL, "benefit": " "})
    assert err.value.field == "benefit"


def test_accepting_makes_an_idea_with_the_supplier_as_co_author(proposal, contract, people, suppliers):
    idea = services.proposal_accept(
        proposal=proposal, by=people["manager"], expected_version=1, values=["economic", "environmental"], **ACCEPT
    )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED and proposal.idea == idea
    assert proposal.answered_by == people["manager"] and proposal.answer == ACCEPT["answer"]
    assert idea.author == people["manager"] and idea.unit == contract.unit and idea.source == Source.SUPPLIER
    assert list(idea.co_authors.all()) == [suppliers["alfa"]]
    assert idea.title == PROPOSAL["title"]
    assert Notification.objects.filter(recipient=suppliers["alfa"], url=proposal.get_absolute_url()).exists()
    assert suppliers["alfa"].has_perm("ideas.view_idea", idea)
    with pytest.raises(PermissionDeniedError):
        services.proposal_decline(proposal=proposal, by=people["manager"], expected_version=2, answer="Nej.")


def test_a_refused_idea_leaves_the_proposal_waiting(proposal, people):
    with pytest.raises(DomainError) as err:
        services.proposal_accept(proposal=proposal, by=people["manager"], expected_version=1, values=[], **ACCEPT)
    assert err.value.field == "values"
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED and not Idea.objects.exists()
    with pytest.raises(ConflictError):
        services.proposal_accept(
            proposal=proposal, by=people["manager"], expected_version=7, values=["social"], **ACCEPT
        )
    assert not Idea.objects.exists()


def test_an_officer_declines_with_why_and_others_may_not_answer(proposal, officers, people, suppliers):
    for person in (people["office"], people["director"], suppliers["alfa"], people["colleague"]):
        with pytest.raises(PermissionDeniedError):
            services.proposal_decline(proposal=proposal, by=person, expected_version=1, answer="Nej.")
    with pytest.raises(DomainError) as err:
        services.proposal_decline(proposal=proposal, by=officers["officer"], expected_version=1, answer="")
    assert err.value.field == "answer"
    services.proposal_decline(proposal=proposal, by=officers["officer"], expected_version=1, answer="Ryms inte.")
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DECLINED and proposal.idea is None
    assert Notification.objects.filter(recipient=suppliers["alfa"], url=proposal.get_absolute_url()).exists()


def test_a_proposal_past_its_due_date_is_overdue(contract, suppliers):
    sent = timezone.now() - timedelta(days=settings.SPRANG_FIRST_ANSWER_DAYS + 1)
    late = services.proposal_submit(contract=contract, by=suppliers["alfa"], now=sent, **PROPOSAL)
    assert late.is_overdue


def test_a_procurement_officer_of_another_unit_does_not_answer(proposal, tree):
    other = factories.person(unit=tree["SDF-S"], role=Role.PROCUREMENT, name="Olof Annan")
    with pytest.raises(PermissionDeniedError):
        services.proposal_decline(proposal=proposal, by=other, expected_version=1, answer="Nej.")
