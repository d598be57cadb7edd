"""The policy register: the list every member of staff reads, a document's page with its history, and adding,
changing and removing documents for the executive office. Thin: selectors read, services write."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.decorators import login_required_keep_input, pop_kept_input
from core.errors import ConflictError
from core.forms import apply
from core.http import AuthenticatedRequest
from core.pagination import DeferredJoinPaginator, page_range
from learning.models import PolicyDocument
from learning.policies import selectors, services
from learning.policies.forms import ConfirmForm, PolicyFilterForm, PolicyForm

PAGE_SIZE = 25


def _need(request: AuthenticatedRequest, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied


def _policy(pk: int) -> PolicyDocument:
    policy = selectors.policy_detail(pk)
    if policy is None:
        raise Http404
    return policy


@login_required
def policy_list(request: AuthenticatedRequest) -> HttpResponse:
    """Every document in the register with its status, searched, filtered by status and sorted; counts on top."""
    _need(request, "learning.view_policies")
    form = PolicyFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.PolicyFilters(
        q=data.get("q") or "", status=data.get("status") or "", sort=data.get("sort") or "title"
    )
    page_obj = DeferredJoinPaginator(selectors.policy_list(filters), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "filtered": bool(filters.q or filters.status),
        "counts": selectors.status_counts(),
        "can_manage": request.user.has_perm("learning.manage_policies"),
        "page_obj": page_obj,
        "page_range": page_range(page_obj),
    }
    template = "learning/policies/partials/results.html" if request.htmx else "learning/policies/list.html"
    return render(request, template, context)


@login_required
def policy_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    _need(request, "learning.view_policies")
    policy = _policy(pk)
    context = {
        "policy": policy,
        "history": selectors.policy_history(policy),
        "can_manage": request.user.has_perm("learning.manage_policies"),
    }
    return render(request, "learning/policies/detail.html", context)


def _service_kwargs(data: dict) -> dict:
    return {
        "title": data["title"],
        "url": data.get("url") or "",
        "owner": data.get("owner"),
        "status": data["status"],
        "reviewed_on": data.get("reviewed_on"),
        "conclusion": data.get("conclusion") or "",
        "change_decided": data.get("change_decided") or "",
    }


@login_required_keep_input
def policy_add(request: AuthenticatedRequest) -> HttpResponse:
    _need(request, "learning.manage_policies")
    if request.method == "POST":
        form = PolicyForm(request.POST)
        if form.is_valid():
            policy = apply(form, lambda: services.policy_create(by=request.user, **_service_kwargs(form.cleaned_data)))
            if policy is not None:
                messages.success(request, _("“%(title)s” has been added to the register.") % {"title": policy.title})
                return redirect(policy)
    else:
        kept = pop_kept_input(request)
        initial: dict = {"status": "not_reviewed"}
        if request.user.unit_id:
            initial["owner"] = request.user.unit_id
        form = PolicyForm(kept) if kept else PolicyForm(initial=initial)
    return render(request, "learning/policies/form.html", {"form": form, "policy": None})


@login_required_keep_input
def policy_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    _need(request, "learning.manage_policies")
    policy = _policy(pk)
    if request.method == "POST":
        form = PolicyForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                done = apply(
                    form,
                    lambda: services.policy_update(
                        policy=policy,
                        by=request.user,
                        expected_version=data.get("lock_version") or 0,
                        **_service_kwargs(data),
                    ),
                    raising=(ConflictError,),
                )
            except ConflictError as exc:
                # What this person wrote stays in the form; saving again now goes ahead over the newer version.
                form.add_error(None, exc.message)
                fresh = request.POST.copy()
                fresh["lock_version"] = str(_policy(pk).lock_version)
                form.data = fresh
                done = None
            if done is not None:
                messages.success(request, _("The document has been saved."))
                return redirect(done)
    else:
        kept = pop_kept_input(request)
        initial = {
            "lock_version": policy.lock_version,
            "title": policy.title,
            "url": policy.url,
            "owner": policy.owner_id,
            "status": policy.status,
            "reviewed_on": policy.reviewed_on,
            "conclusion": policy.conclusion,
            "change_decided": policy.change_decided,
        }
        form = PolicyForm(kept) if kept else PolicyForm(initial=initial)
    return render(request, "learning/policies/form.html", {"form": form, "policy": policy})


@login_required
def policy_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Remove a document from the register, after a confirmation."""
    _need(request, "learning.manage_policies")
    policy = _policy(pk)
    if request.method == "POST":
        form = ConfirmForm(request.POST)
        if form.is_valid():
            apply(
                form,
                lambda: services.policy_delete(
                    policy=policy, by=request.user, expected_version=form.cleaned_data["lock_version"]
                ),
            )
            if form.is_valid():  # the service returns nothing: no error on the form means it was removed
                messages.success(
                    request, _("“%(title)s” has been removed from the register.") % {"title": policy.title}
                )
                return redirect(reverse("learning:policies"))
            # Changed meanwhile: the page says so and shows the document as it is now, to confirm again.
            policy = _policy(pk)
            fresh = request.POST.copy()
            fresh["lock_version"] = str(policy.lock_version)
            form.data = fresh
    else:
        form = ConfirmForm(initial={"lock_version": policy.lock_version})
    return render(request, "learning/policies/delete.html", {"form": form, "policy": policy})
