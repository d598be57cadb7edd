"""Suppliers' proposals within contracts through the API: a supplier person's contracts, their organisation's
proposals (and sending one), and one proposal with its answer. City staff read the register's contracts and the
proposals they answer. A contract or proposal the caller may not read is answered 404, as one that does not exist.
"""

from datetime import date, datetime

from django.http import Http404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from core.api_auth import SIGNED_IN
from core.api_errors import Error, InvalidRequest
from core.api_pagination import Pagination
from core.api_types import LONG_TEXT_MAX, Id, Line, Text
from procurement.contracts import selectors, services
from procurement.contracts.rules import contract_takes_proposals
from procurement.models import Contract, ContractKind, ProposalStatus, SupplierProposal

router = Router(tags=["procurement"], auth=SIGNED_IN)


class ContractOut(Schema):
    id: int
    title: str
    reference: str
    kind: ContractKind
    unit: str = Field(description="The unit whose contract it is.")
    description: str
    starts_on: date
    ends_on: date | None
    open_for_proposals: bool = Field(description="Whether its suppliers may propose improvements now.")
    url: str

    @staticmethod
    def resolve_unit(obj: Contract) -> str:
        return obj.unit.name

    @staticmethod
    def resolve_open_for_proposals(obj: Contract) -> bool:
        return contract_takes_proposals(obj)

    @staticmethod
    def resolve_url(obj: Contract) -> str:
        return obj.get_absolute_url()


class ProposalOut(Schema):
    id: int
    contract_id: int
    contract: str
    supplier: str = Field(description="The supplier organisation that sent it.")
    title: str
    proposal: str
    benefit: str = Field(description="What it would improve.")
    status: ProposalStatus
    due_at: datetime = Field(description="When the contract's owner is to have answered.")
    overdue: bool
    answer: str = Field(description="The owner's answer, with why, once given.")
    answered_at: datetime | None
    idea_id: int | None = Field(description="The idea in the innovation lock an accepted proposal became.")
    created_at: datetime
    url: str

    @staticmethod
    def resolve_contract(obj: SupplierProposal) -> str:
        return obj.contract.title

    @staticmethod
    def resolve_supplier(obj: SupplierProposal) -> str:
        return obj.supplier.name

    @staticmethod
    def resolve_overdue(obj: SupplierProposal) -> bool:
        return obj.is_overdue

    @staticmethod
    def resolve_url(obj: SupplierProposal) -> str:
        return obj.get_absolute_url()


class ProposalIn(Schema):
    contract_id: Id = Field(description="A contract your organisation is on, open for proposals.")
    title: Line = Field(max_length=services.TITLE_MAX)
    proposal: Text = Field(max_length=LONG_TEXT_MAX, description="The improvement and how it would work.")
    benefit: Text = Field(max_length=LONG_TEXT_MAX, description="What it would improve, and for whom.")


@router.get(
    "/contracts",
    response={200: list[ContractOut], 401: Error, 422: InvalidRequest},
    url_name="procurement_contracts_list",
    summary="List the contracts you may read: a supplier's own organisation's, or the register for city staff",
)
@paginate(Pagination)
def list_contracts(request):
    return selectors.contract_list(user=request.user, filters=selectors.ContractFilters())


@router.get(
    "/proposals",
    response={200: list[ProposalOut], 401: Error, 422: InvalidRequest},
    url_name="procurement_proposals_list",
    summary="List proposals within contracts: your organisation's, or those you answer",
)
@paginate(Pagination)
def list_proposals(request):
    return selectors.proposal_list(user=request.user, filters=selectors.ProposalFilters(sort="newest"))


@router.post(
    "/proposals",
    response={201: ProposalOut, 400: Error, 401: Error, 403: Error, 404: Error, 422: InvalidRequest},
    url_name="procurement_proposals_create",
    summary="Propose an improvement within a contract your organisation is on",
)
def create_proposal(request, payload: ProposalIn):
    contract = selectors.contract_detail(user=request.user, pk=payload.contract_id)
    if contract is None:
        raise Http404
    item = services.proposal_submit(
        contract=contract, by=request.user, title=payload.title, proposal=payload.proposal, benefit=payload.benefit
    )
    return Status(201, item)


@router.get(
    "/proposals/{proposal_id}",
    response={200: ProposalOut, 401: Error, 404: Error, 422: InvalidRequest},
    url_name="procurement_proposals_read",
    summary="Read a proposal and its answer",
)
def read_proposal(request, proposal_id: Id):
    item = selectors.proposal_detail(user=request.user, pk=proposal_id)
    if item is None:
        raise Http404
    return item
