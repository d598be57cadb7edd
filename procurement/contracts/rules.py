"""Who may keep the contract register, read a contract, propose an improvement within it and answer a proposal.
Views, services, the API and list filters all ask here.

Procurement officers of a contract's unit (or above it) add and change it; every member of the city staff reads
the register. A supplier person reads the contracts their organisation is on and proposes improvements while a
contract is open for proposals and has not ended. A proposal is read by the people of the organisation that sent
it, by the contract's owner and by the procurement officers of its unit; the owner or an officer answers it.
"""

from __future__ import annotations

import rules
from django.db.models import Q
from django.utils import timezone

from core.city import CITY_TIME_ZONE
from ideas.rules import is_city_staff
from organisation.models import PersonKind, Role
from procurement.cases.rules import is_procurement_officer, procures_for
from procurement.models import Contract, ProposalStatus


@rules.predicate
def is_supplier_person(user) -> bool:
    """A signed-in person of a supplier organisation."""
    return (
        user.is_authenticated and user.is_active and user.kind == PersonKind.SUPPLIER and user.supplier_id is not None
    )


@rules.predicate
def is_supplier_on(user, contract) -> bool:
    """A person of one of the contract's suppliers."""
    if contract is None or not is_supplier_person(user):
        return False
    return contract.suppliers.filter(pk=user.supplier_id).exists()


@rules.predicate
def procures_for_contract(user, contract) -> bool:
    return contract is not None and procures_for(user, contract.unit)


@rules.predicate
def takes_proposals(user, contract) -> bool:
    """Open for proposals and not ended (the city's calendar)."""
    return contract is not None and contract_takes_proposals(contract)


def contract_takes_proposals(contract: Contract) -> bool:
    today = timezone.now().astimezone(CITY_TIME_ZONE).date()
    return contract.open_for_proposals and (contract.ends_on is None or contract.ends_on >= today)


@rules.predicate
def answers_proposal(user, proposal) -> bool:
    """The contract's owner, or a procurement officer of its unit or above it."""
    if proposal is None or not user.is_authenticated or not user.is_active or not user.is_city_staff:
        return False
    contract = proposal.contract
    return contract.owner_id == user.pk or procures_for(user, contract.unit)


@rules.predicate
def is_proposal_supplier(user, proposal) -> bool:
    """A person of the organisation that sent the proposal."""
    return proposal is not None and is_supplier_person(user) and proposal.supplier_id == user.supplier_id


@rules.predicate
def is_waiting(user, proposal) -> bool:
    return proposal is not None and proposal.status == ProposalStatus.SUBMITTED


rules.add_perm("procurement.view_contracts", is_city_staff)
rules.add_perm("procurement.add_contract", is_city_staff & is_procurement_officer)
rules.add_perm("procurement.add_contract_for", is_city_staff & procures_for)
rules.add_perm("procurement.view_contract", is_city_staff | is_supplier_on)
rules.add_perm("procurement.change_contract", is_city_staff & procures_for_contract)
rules.add_perm("procurement.view_my_contracts", is_supplier_person)
rules.add_perm("procurement.propose_to_contract", is_supplier_on & takes_proposals)
rules.add_perm("procurement.view_proposal", answers_proposal | is_proposal_supplier)
rules.add_perm("procurement.answer_proposal", answers_proposal & is_waiting)


def visible_contracts_filter(user) -> Q:
    """The SQL twin of ``procurement.view_contract`` (on ``Contract``)."""
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    if user.is_city_staff:
        return Q()
    if is_supplier_person(user):
        return Q(
            pk__in=Contract.suppliers.through.objects.filter(supplierorganisation_id=user.supplier_id).values(
                "contract_id"
            )
        )
    return Q(pk__in=[])


def answers_proposals_filter(user) -> Q:
    """The SQL twin of ``answers_proposal`` (on ``SupplierProposal``): the contracts' owner and their officers."""
    if not user.is_authenticated or not user.is_active or not user.is_city_staff:
        return Q(pk__in=[])
    q = Q(contract__owner_id=user.pk)
    for path in user.role_paths.get(Role.PROCUREMENT, []):
        q |= Q(contract__unit__path__startswith=path)
    return q


def visible_proposals_filter(user) -> Q:
    """The SQL twin of ``procurement.view_proposal`` (on ``SupplierProposal``)."""
    if is_supplier_person(user):
        return Q(supplier_id=user.supplier_id)
    return answers_proposals_filter(user)
