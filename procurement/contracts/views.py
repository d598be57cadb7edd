"""The contract register, a supplier's own contracts, proposing an improvement, and answering a proposal.
Thin: selectors read, services write, the rules decide who sees what (a contract or proposal the person may not
read is answered 404, as one that does not exist)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.decorators import login_required_keep_input, pop_kept_input
from core.errors import ConflictError
from core.forms import apply
from core.http import AuthenticatedRequest
from core.pagination import DeferredJoinPaginator, page_range
from procurement.contracts import selectors, services
from procurement.contracts.forms import (
    AcceptForm,
    ContractFilterForm,
    ContractForm,
    DeclineForm,
    ProposalFilterForm,
    ProposalForm,
)
from procurement.contracts.rules import contract_takes_proposals
from procurement.models import Contract, ContractKind, SupplierProposal

PAGE_SIZE = 25


def _page(request: AuthenticatedRequest, qs) -> dict:
    page_obj = DeferredJoinPaginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return {"page_obj": page_obj, "page_range": page_range(page_obj)}


@login_required
def contract_list(request: AuthenticatedRequest) -> HttpResponse:
    """The register: every contract and choice system, for city staff; a supplier goes to their own."""
    user = request.user
    if user.has_perm("procurement.view_my_contracts"):
        return redirect("procurement:my_contracts")
    if not user.has_perm("procurement.view_contracts"):
        raise PermissionDenied
    form = ContractFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.ContractFilters(
        q=data.get("q") or "", kind=data.get("kind") or "", unit=data.get("unit"), sort=data.get("sort") or "title"
    )
    context = {
        "form": form,
        "filtered": bool(filters.q or filters.kind or filters.unit),
        "can_add": user.has_perm("procurement.add_contract"),
        **_page(request, selectors.contract_list(user=user, filters=filters)),
    }
    template = "procurement/contracts/partials/results.html" if request.htmx else "procurement/contracts/list.html"
    return render(request, template, context)


@login_required_keep_input
def contract_add(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    if not user.has_perm("procurement.add_contract"):
        raise PermissionDenied
    if request.method == "POST":
        form = ContractForm(request.POST, user=user)
        if form.is_valid():
            contract = apply(form, lambda: services.contract_create(by=user, **form.service_kwargs()))
            if contract is not None:
                messages.success(request, _("The contract has been added to the register."))
                return redirect(contract)
    else:
        kept = pop_kept_input(request)
        form = (
            ContractForm(kept, user=user)
            if kept
            else ContractForm(initial={"kind": ContractKind.CONTRACT, "open_for_proposals": True}, user=user)
        )
    return render(request, "procurement/contracts/form.html", {"form": form, "contract": None})


def _contract(request: AuthenticatedRequest, pk: int) -> Contract:
    contract = selectors.contract_detail(user=request.user, pk=pk)
    if contract is None:
        raise Http404
    return contract


@login_required
def contract_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """One contract: what it covers, its owner and suppliers; the proposals within it that the person may read."""
    contract = _contract(request, pk)
    user = request.user
    context = {
        "contract": contract,
        "proposals": selectors.contract_proposals(user=user, contract=contract),
        "can_change": user.has_perm("procurement.change_contract", contract),
        "can_propose": user.has_perm("procurement.propose_to_contract", contract),
        "takes_proposals": contract_takes_proposals(contract),
        "is_supplier": user.has_perm("procurement.view_my_contracts"),
    }
    return render(request, "procurement/contracts/detail.html", context)


@login_required_keep_input
def contract_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    contract = _contract(request, pk)
    user = request.user
    if not user.has_perm("procurement.change_contract", contract):
        raise PermissionDenied
    if request.method == "POST":
        form = ContractForm(request.POST, user=user)
        if form.is_valid():
            try:
                done = apply(
                    form,
                    lambda: services.contract_update(
                        contract=contract,
                        by=user,
                        expected_version=form.cleaned_data.get("version") or 0,
                        **form.service_kwargs(),
                    ),
                    raising=(ConflictError,),
                )
            except ConflictError as exc:
                # What this person wrote stays in the form; saving again now goes ahead over the newer version.
                form.add_error(None, exc.message)
                fresh = request.POST.copy()
                fresh["version"] = str(Contract.objects.get(pk=contract.pk).version)
                form.data = fresh
                done = None
            if done is not None:
                messages.success(request, _("The contract has been saved."))
                return redirect(contract)
    else:
        kept = pop_kept_input(request)
        form = (
            ContractForm(kept, user=user)
            if kept
            else ContractForm(initial=ContractForm.initial_for(contract), user=user)
        )
    return render(request, "procurement/contracts/form.html", {"form": form, "contract": contract})


@login_required
def my_contracts(request: AuthenticatedRequest) -> HttpResponse:
    """A supplier person's contracts (those their organisation is on), and their organisation's proposals."""
    user = request.user
    if not user.has_perm("procurement.view_my_contracts"):
        raise PermissionDenied
    contracts = list(selectors.supplier_contracts(user=user))
    for contract in contracts:
        contract.takes_proposals = contract_takes_proposals(contract)  # type: ignore[attr-defined]
    proposals = selectors.proposal_list(user=user, filters=selectors.ProposalFilters(sort="newest"))[:10]
    return render(
        request,
        "procurement/contracts/mine.html",
        {"contracts": contracts, "proposals": list(proposals), "supplier": user.supplier},
    )


@login_required_keep_input
def proposal_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    contract = _contract(request, pk)
    user = request.user
    if not user.has_perm("procurement.propose_to_contract", contract):
        raise PermissionDenied
    if request.method == "POST":
        form = ProposalForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            item = apply(
                form,
                lambda: services.proposal_submit(
                    contract=contract, by=user, title=data["title"], proposal=data["proposal"], benefit=data["benefit"]
                ),
            )
            if item is not None:
                messages.success(
                    request,
                    _(
                        "Your proposal has been sent to the contract's owner. You will get an answer within %(days)d days."
                    )
                    % {"days": settings.SPRANG_FIRST_ANSWER_DAYS},
                )
                return redirect(item)
    else:
        kept = pop_kept_input(request)
        form = ProposalForm(kept) if kept else ProposalForm()
    return render(request, "procurement/contracts/propose.html", {"form": form, "contract": contract})


@login_required
def proposal_list(request: AuthenticatedRequest) -> HttpResponse:
    """A supplier's organisation's proposals; for a contract's owner or officer, the proposals they answer."""
    user = request.user
    if not (user.has_perm("procurement.view_my_contracts") or user.has_perm("procurement.view_contracts")):
        raise PermissionDenied
    form = ProposalFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.ProposalFilters(
        q=data.get("q") or "", state=data.get("state") or "", sort=data.get("sort") or "due"
    )
    is_supplier = user.has_perm("procurement.view_my_contracts")
    context = {
        "form": form,
        "filtered": bool(filters.q or filters.state),
        "is_supplier": is_supplier,
        "counts": None if is_supplier else selectors.waiting_counts(user=user),
        **_page(request, selectors.proposal_list(user=user, filters=filters)),
    }
    template = (
        "procurement/contracts/partials/proposal_results.html"
        if request.htmx
        else "procurement/contracts/proposals.html"
    )
    return render(request, template, context)


def _proposal(request: AuthenticatedRequest, pk: int) -> SupplierProposal:
    item = selectors.proposal_detail(user=request.user, pk=pk)
    if item is None:
        raise Http404
    return item


@login_required
def proposal_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = _proposal(request, pk)
    context = {
        "proposal": item,
        "contract": item.contract,
        "can_answer": request.user.has_perm("procurement.answer_proposal", item),
    }
    return render(request, "procurement/contracts/proposal.html", context)


def _answering(request: AuthenticatedRequest, pk: int) -> SupplierProposal | HttpResponse:
    item = _proposal(request, pk)
    if not request.user.has_perm("procurement.answer_proposal", item):
        if request.user.has_perm("procurement.view_proposal", item) and item.answered_at is not None:
            messages.info(request, _("This proposal has already been answered."))
            return redirect(item)
        raise PermissionDenied
    return item


@login_required_keep_input
def proposal_accept(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Accept a proposal: it becomes an idea in the innovation lock, with the supplier as co-author."""
    item = _answering(request, pk)
    if isinstance(item, HttpResponse):
        return item
    if request.method == "POST":
        form = AcceptForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            idea = apply(
                form,
                lambda: services.proposal_accept(
                    proposal=item,
                    by=request.user,
                    expected_version=data["version"],
                    answer=data["answer"],
                    audience=data["audience"],
                    kind=data["kind"],
                    values=data["values"],
                ),
            )
            if idea is not None:
                messages.success(
                    request,
                    _(
                        "The proposal has been accepted and is now an idea in the innovation lock. %(name)s has been told."
                    )
                    % {"name": item.submitted_by.name},
                )
                return redirect(item)
    else:
        kept = pop_kept_input(request)
        form = AcceptForm(kept) if kept else AcceptForm(initial={"version": item.version})
    context = {
        "proposal": item,
        "contract": item.contract,
        "form": form,
        "choice_system": item.contract.kind == ContractKind.CHOICE_SYSTEM,
    }
    return render(request, "procurement/contracts/accept.html", context)


@login_required_keep_input
def proposal_decline(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = _answering(request, pk)
    if isinstance(item, HttpResponse):
        return item
    if request.method == "POST":
        form = DeclineForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            done = apply(
                form,
                lambda: services.proposal_decline(
                    proposal=item, by=request.user, expected_version=data["version"], answer=data["answer"]
                ),
            )
            if done is not None:
                messages.success(
                    request,
                    _("The proposal has been declined. %(name)s has been told.") % {"name": item.submitted_by.name},
                )
                return redirect(item)
    else:
        kept = pop_kept_input(request)
        form = DeclineForm(kept) if kept else DeclineForm(initial={"version": item.version})
    return render(
        request, "procurement/contracts/decline.html", {"proposal": item, "contract": item.contract, "form": form}
    )
