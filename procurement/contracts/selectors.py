"""Reads of the contract register and of suppliers' proposals: the register for city staff, a supplier's own
contracts and proposals, the proposals a contract's owner answers, one contract and one proposal."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from organisation.models import SupplierOrganisation, Unit, User
from procurement.contracts.rules import answers_proposals_filter, visible_contracts_filter, visible_proposals_filter
from procurement.models import Contract, ProposalStatus, SupplierProposal

#: The orders the register can be sorted in.
CONTRACT_SORTS = {
    "title": ("title", "pk"),
    "ends": ("ends_on", "title", "pk"),
    "newest": ("-created_at", "-pk"),
}
#: The orders a list of proposals can be sorted in.
PROPOSAL_SORTS = {
    "due": ("due_at", "pk"),
    "newest": ("-created_at", "-pk"),
    "oldest": ("created_at", "pk"),
}


@dataclass
class ContractFilters:
    q: str = ""
    kind: str = ""
    unit: Unit | None = None
    sort: str = "title"


@dataclass
class ProposalFilters:
    q: str = ""
    #: ``waiting``, ``overdue``, ``accepted``, ``declined`` or empty for every proposal.
    state: str = ""
    sort: str = "due"


def _waiting_count() -> Coalesce:
    waiting = (
        SupplierProposal.objects.filter(contract=OuterRef("pk"), status=ProposalStatus.SUBMITTED)
        .order_by()
        .values("contract")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(waiting), 0)


def contract_list(*, user: User, filters: ContractFilters) -> QuerySet[Contract]:
    """The contracts the person may read, searched, filtered by kind and unit (and below it), and sorted."""
    qs = (
        Contract.objects.filter(visible_contracts_filter(user))
        .select_related("unit", "owner")
        .annotate(waiting=_waiting_count())
    )
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.unit is not None:
        qs = qs.filter(unit__path__startswith=filters.unit.path)
    for word in filters.q.split()[:8]:
        qs = qs.filter(Q(title__icontains=word) | Q(reference__icontains=word) | Q(description__icontains=word))
    return qs.order_by(*CONTRACT_SORTS.get(filters.sort, CONTRACT_SORTS["title"]))


def supplier_contracts(*, user: User) -> QuerySet[Contract]:
    """The contracts the supplier person's organisation is on, by title."""
    return (
        Contract.objects.filter(visible_contracts_filter(user)).select_related("unit").order_by("title", "pk")
        if user.is_authenticated and not user.is_city_staff
        else Contract.objects.none()
    )


def contract_detail(*, user: User, pk: int) -> Contract | None:
    """One contract the person may read, with its unit, owner and suppliers."""
    return (
        Contract.objects.filter(visible_contracts_filter(user), pk=pk)
        .select_related("unit", "owner", "from_case")
        .prefetch_related(Prefetch("suppliers", queryset=SupplierOrganisation.objects.order_by("name")))
        .first()
    )


def contract_proposals(*, user: User, contract: Contract) -> list[SupplierProposal]:
    """The proposals within a contract that the person may read: all of them for those who answer, their own
    organisation's for a supplier."""
    return list(
        SupplierProposal.objects.filter(visible_proposals_filter(user), contract=contract)
        .select_related("supplier")
        .order_by("-created_at", "-pk")
    )


def _filtered(qs: QuerySet[SupplierProposal], filters: ProposalFilters) -> QuerySet[SupplierProposal]:
    if filters.state == "waiting":
        qs = qs.filter(status=ProposalStatus.SUBMITTED)
    elif filters.state == "overdue":
        qs = qs.filter(status=ProposalStatus.SUBMITTED, due_at__lt=timezone.now())
    elif filters.state in (ProposalStatus.ACCEPTED, ProposalStatus.DECLINED):
        qs = qs.filter(status=filters.state)
    for word in filters.q.split()[:8]:
        qs = qs.filter(Q(title__icontains=word) | Q(proposal__icontains=word) | Q(contract__title__icontains=word))
    return qs.order_by(*PROPOSAL_SORTS.get(filters.sort, PROPOSAL_SORTS["due"]))


def proposal_list(*, user: User, filters: ProposalFilters) -> QuerySet[SupplierProposal]:
    """The proposals the person may read: a supplier's organisation's, or those a member of staff answers."""
    qs = SupplierProposal.objects.filter(visible_proposals_filter(user)).select_related("contract", "supplier")
    return _filtered(qs, filters)


def waiting_counts(*, user: User) -> dict[str, int]:
    """How many proposals the person answers wait, and how many of them are past their due date."""
    return SupplierProposal.objects.filter(answers_proposals_filter(user), status=ProposalStatus.SUBMITTED).aggregate(
        waiting=Count("pk"), overdue=Count("pk", filter=Q(due_at__lt=timezone.now()))
    )


def proposal_detail(*, user: User, pk: int) -> SupplierProposal | None:
    """One proposal the person may read, with its contract, supplier, people and idea."""
    return (
        SupplierProposal.objects.filter(visible_proposals_filter(user), pk=pk)
        .select_related(
            "contract", "contract__unit", "contract__owner", "supplier", "submitted_by", "answered_by", "idea"
        )
        .first()
    )
