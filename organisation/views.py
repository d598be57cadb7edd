"""A person's pages about their account: asking to have it removed; the executive office's decisions on such requests."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from core.errors import require
from core.forms import DesignSystemFormMixin, apply
from core.http import AuthenticatedRequest
from core.pagination import page_range
from core.personal_data_registry import erasure_kept, erasure_removed
from organisation import services
from organisation.models import ErasureOutcome, ErasureRequest
from organisation.selectors import erasure_history_of, erasure_state_of

PAGE_SIZE = 25


def _what_erasure_does() -> dict[str, list]:
    """What every app's erasure part says it keeps and removes (``@erasure`` in each ``personal_data.py``)."""
    return {"kept": erasure_kept(), "removed": erasure_removed()}


class ErasureAskForm(DesignSystemFormMixin, forms.Form):
    understood = forms.BooleanField(
        label=gettext_lazy(
            "I understand that my account is removed and that what I sent to the city is kept without my name"
        ),
        error_messages={
            "required": gettext_lazy("Tick the box to say you understand what is removed and what is kept.")
        },
    )


class ErasureConfirmForm(DesignSystemFormMixin, forms.Form):
    understood = forms.BooleanField(
        label=gettext_lazy("I understand that removing the account cannot be undone"),
        error_messages={"required": gettext_lazy("Tick the box to confirm: removing the account cannot be undone.")},
    )


class ErasureRefuseForm(DesignSystemFormMixin, forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why the account is not removed"),
        help_text=gettext_lazy("The person is told this."),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Write why the account is not removed: the person is told.")},
    )


@never_cache  # a person's own data
@login_required
def erasure_ask(request: AuthenticatedRequest) -> HttpResponse:
    """The person asks to have their own account removed. The request is always about the signed-in person: nothing
    in the form names anyone."""
    person = request.user
    form = ErasureAskForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        apply(form, lambda: services.erasure_request(person=person))
        if form.is_valid():
            messages.success(request, _("Your request is sent. The innovation office will answer you."))
            return redirect("organisation:erasure_ask")
    return render(
        request,
        "organisation/erasure_ask.html",
        {"form": form, "erasure": erasure_state_of(user=person), **_what_erasure_does()},
    )


@never_cache
@login_required
def erasure_requests(request: AuthenticatedRequest) -> HttpResponse:
    require(
        request.user.is_executive_office,
        message=gettext_lazy("Only the city's innovation office (the executive office) decides on removing accounts."),
    )
    rows = ErasureRequest.objects.filter(outcome=ErasureOutcome.PENDING).select_related("person")
    page_obj = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    decided = ErasureRequest.objects.exclude(outcome=ErasureOutcome.PENDING).select_related("person", "decided_by")
    return render(
        request,
        "organisation/erasure_requests.html",
        {
            "page_obj": page_obj,
            "page_range": page_range(page_obj),
            "decided": decided.order_by("-decided_at", "-pk")[:10],
        },
    )


@never_cache
@login_required
def erasure_decide(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    require(
        request.user.is_executive_office,
        message=gettext_lazy("Only the city's innovation office (the executive office) decides on removing accounts."),
    )
    erasure = get_object_or_404(ErasureRequest.objects.select_related("person", "person__supplier"), pk=pk)
    confirm = ErasureConfirmForm(request.POST if "confirm" in request.POST else None, prefix="confirm")
    refuse = ErasureRefuseForm(request.POST if "refuse" in request.POST else None, prefix="refuse")
    if request.method == "POST" and "confirm" in request.POST and confirm.is_valid():
        apply(confirm, lambda: services.erasure_confirm(request=erasure, by=request.user))
        if confirm.is_valid():
            messages.success(request, _("The account is removed. The person was told."))
            return redirect("organisation:erasure_requests")
    if request.method == "POST" and "refuse" in request.POST and refuse.is_valid():
        apply(refuse, lambda: services.erasure_refuse(request=erasure, by=request.user, **refuse.cleaned_data))
        if refuse.is_valid():
            messages.success(request, _("The request is refused. The person was told why."))
            return redirect("organisation:erasure_requests")
    return render(
        request,
        "organisation/erasure_decide.html",
        {
            "erasure": erasure,
            "confirm": confirm,
            "refuse": refuse,
            "earlier": erasure_history_of(request=erasure),
            **_what_erasure_does(),
        },
    )
