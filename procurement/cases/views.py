"""The cases list, a case's page, making a case from a need and changing it, the route, the tender, the outcome,
the pilot, closing; the EU thresholds and the procured values.

Thin views: reads through ``selectors``, writes through ``services``, permissions from ``rules``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.forms import BaseForm
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from challenges.models import Need
from core.city import CITY_TIME_ZONE
from core.decorators import login_required_keep_input, pop_kept_input
from core.forms import apply
from core.http import AuthenticatedRequest
from core.pagination import DeferredJoinPaginator, page_range
from procurement.cases import selectors, services
from procurement.cases.forms import (
    CaseForm,
    CaseListForm,
    CloseForm,
    OutcomeForm,
    PilotForm,
    ProcuredValueForm,
    RouteForm,
    TenderForm,
    ThresholdForm,
    kronor,
)
from procurement.models import CaseStage, ProcuredValue, ProcurementCase, PurchaseKind

PAGE_SIZE = 25
#: The stages a case goes through, in order (closing is no stage of the progress).
PROGRESS = (
    CaseStage.PLANNING,
    CaseStage.DIALOGUE,
    CaseStage.ROUTE_CHOSEN,
    CaseStage.TENDERING,
    CaseStage.CONCLUDED,
)


def _filters(form: CaseListForm) -> selectors.CaseFilters:
    data = form.cleaned_data if form.is_valid() else {}
    return selectors.CaseFilters(
        q=data.get("q") or "",
        stage=data.get("stage") or "",
        route=data.get("route") or "",
        unit=data.get("unit"),
        mine=bool(data.get("mine")),
        sort=data.get("sort") or "newest",
    )


@login_required
def case_list(request: AuthenticatedRequest) -> HttpResponse:
    """The procurement cases, searched, filtered and sorted, a page at a time (city staff)."""
    if not request.user.has_perm("procurement.view_cases"):
        raise PermissionDenied
    form = CaseListForm(request.GET or None)
    filters = _filters(form)
    paginator = DeferredJoinPaginator(selectors.case_list(user=request.user, filters=filters), PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page_obj": page_obj,
        "page_range": page_range(page_obj),
        "searching": any((filters.q.strip(), filters.stage, filters.route, filters.unit, filters.mine)),
        "may_set_thresholds": request.user.has_perm("procurement.set_thresholds"),
        "may_enter_values": request.user.has_perm("procurement.enter_procured_value"),
    }
    template = "procurement/cases/partials/results.html" if request.htmx else "procurement/cases/list.html"
    return render(request, template, context)


def _readable(request: AuthenticatedRequest, pk: int) -> ProcurementCase:
    try:
        case = selectors.case_detail(pk=pk)
    except ProcurementCase.DoesNotExist as exc:
        raise Http404 from exc
    if not request.user.has_perm("procurement.view_case", case):
        raise Http404
    return case


def _progress(case: ProcurementCase) -> list[dict[str, Any]]:
    current = PROGRESS.index(CaseStage(case.stage)) if case.stage in PROGRESS else -1
    return [{"label": stage.label, "current": n == current, "done": n < current} for n, stage in enumerate(PROGRESS)]


@login_required
def case_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    case = _readable(request, pk)
    user = request.user
    decides = user.has_perm("procurement.decide_case", case)
    rfi = case.rfi if hasattr(case, "rfi") else None
    context = {
        "case": case,
        "progress": _progress(case),
        "threshold_amount": case.threshold.amount_for(case.purchase_kind) if case.threshold else None,
        "affected": list(case.affected_contracts.all()),
        "outcome_contracts": list(case.outcome_contracts.all()),
        "log": list(selectors.case_log(case)) if user.has_perm("procurement.read_case_log", case) else None,
        "can_change": user.has_perm("procurement.change_case", case),
        "can_route": decides and services.may_choose_route(case),
        "can_tender": decides and services.may_link_tender(case),
        "can_outcome": decides and services.may_record_outcome(case),
        "can_pilot": decides and services.may_start_pilot(case),
        "can_close": decides,
        "need_readable": user.has_perm("challenges.view_need", case.need),
        "pilot_readable": case.pilot_idea is not None and user.has_perm("ideas.view_idea", case.pilot_idea),
        "rfi": rfi,
        "rfi_create_url": reverse("procurement:rfi_create", args=[case.pk]) if decides and rfi is None else None,
    }
    return render(request, "procurement/cases/detail.html", context)


def _need_for_case(request: AuthenticatedRequest, need_pk: int) -> Need:
    need = get_object_or_404(Need.objects.select_related("unit"), pk=need_pk)
    if not request.user.has_perm("challenges.view_need", need):
        raise Http404
    if not request.user.has_perm("procurement.add_case_from", need):
        raise PermissionDenied
    return need


def _threshold_context() -> dict[str, Any]:
    today = timezone.now().astimezone(CITY_TIME_ZONE).date()
    threshold = services.threshold_in_force(today)
    return {
        "threshold": threshold,
        "threshold_rows": [(kind.label, threshold.amount_for(kind)) for kind in PurchaseKind] if threshold else [],
    }


@login_required_keep_input
def case_create(request: AuthenticatedRequest, need_pk: int) -> HttpResponse:
    """Make a procurement case from a need routed to a market dialogue."""
    need = _need_for_case(request, need_pk)
    officers = selectors.officers_for(need.unit)
    contracts = selectors.contracts_of_organisation(need.unit)
    if request.method == "POST":
        form = CaseForm(request.POST, officers=officers, contracts=contracts)
        if form.is_valid():
            case = apply(form, lambda: services.case_create(need=need, by=request.user, **form.case_data()))
            if case is not None:
                messages.success(request, _("The procurement case is made. Plan the market dialogue next."))
                return redirect(case)
    else:
        kept = pop_kept_input(request)
        initial = {"title": need.title, "purchase_kind": PurchaseKind.SUPPLIES_SERVICES, "officer": request.user.pk}
        form = (
            CaseForm(kept, officers=officers, contracts=contracts)
            if kept
            else CaseForm(initial=initial, officers=officers, contracts=contracts)
        )
    context = {"form": form, "need": need, "case": None, **_threshold_context()}
    return render(request, "procurement/cases/form.html", context)


def _changeable(request: AuthenticatedRequest, pk: int, perm: str = "procurement.change_case") -> ProcurementCase:
    case = _readable(request, pk)
    if not request.user.has_perm(perm, case):
        raise PermissionDenied
    return case


@login_required_keep_input
def case_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Change the estimate, plan, officer and affected contracts (the threshold is read again)."""
    case = _changeable(request, pk)
    officers = selectors.officers_for(case.unit, also=case.officer)
    contracts = selectors.contracts_of_organisation(case.unit)
    if request.method == "POST":
        form = CaseForm(request.POST, officers=officers, contracts=contracts)
        if form.is_valid():
            version = form.cleaned_data.get("version")
            if version is None:
                form.add_error(None, _("The form came without the case's version. Check your input and save again."))
            else:
                saved = apply(
                    form,
                    lambda: services.case_update(
                        case=case, by=request.user, expected_version=version, **form.case_data()
                    ),
                )
                if saved is not None:
                    messages.success(request, _("The changes are saved."))
                    return redirect(saved)
    else:
        kept = pop_kept_input(request)
        form = (
            CaseForm(kept, officers=officers, contracts=contracts)
            if kept
            else CaseForm(initial=CaseForm.initial_for(case), officers=officers, contracts=contracts)
        )
    context = {"form": form, "need": case.need, "case": case, **_threshold_context()}
    return render(request, "procurement/cases/form.html", context)


def _step(
    request: AuthenticatedRequest,
    pk: int,
    *,
    form_class: type[BaseForm],
    allowed: Callable[[ProcurementCase], bool],
    action: Callable[[ProcurementCase, dict[str, Any]], Any],
    done: str,
    template: str,
    initial: Callable[[ProcurementCase], dict[str, Any]] | None = None,
) -> HttpResponse:
    """One step of the case on its own page: the form, the service call and the message when done."""
    case = _changeable(request, pk, "procurement.decide_case")
    # A form sent after someone else moved the case on is refused by the service, on the form, with its input.
    if request.method != "POST" and not allowed(case):
        raise PermissionDenied
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            saved = apply(form, lambda: action(case, form.cleaned_data))
            if saved is not None:
                messages.success(request, done)
                return redirect(case)
    else:
        kept = pop_kept_input(request)
        start = {"version": case.version, **(initial(case) if initial else {})}
        form = form_class(kept) if kept else form_class(initial=start)
    return render(request, template, {"form": form, "case": case})


@login_required_keep_input
def case_route(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        form_class=RouteForm,
        allowed=services.may_choose_route,
        action=lambda case, data: services.case_route_choose(
            case=case,
            by=request.user,
            expected_version=data["version"],
            route=data["route"],
            rationale=data["rationale"],
        ),
        initial=lambda case: {"route": case.route, "rationale": case.route_rationale},
        done=_("The route is chosen and recorded with why."),
        template="procurement/cases/route.html",
    )


@login_required_keep_input
def case_tender(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        form_class=TenderForm,
        allowed=services.may_link_tender,
        action=lambda case, data: services.case_tender_link(
            case=case, by=request.user, expected_version=data["version"], reference=data["reference"], url=data["url"]
        ),
        initial=lambda case: {"reference": case.tender_reference, "url": case.tender_url},
        done=_("The tender is linked: the case is out for tender."),
        template="procurement/cases/tender.html",
    )


@login_required_keep_input
def case_outcome(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        form_class=OutcomeForm,
        allowed=services.may_record_outcome,
        action=lambda case, data: services.case_outcome_record(
            case=case,
            by=request.user,
            expected_version=data["version"],
            suppliers=data["suppliers"],
            value_sek=kronor(data["value_sek"]),
            starts_on=data["starts_on"],
            ends_on=data.get("ends_on"),
        ),
        done=_("The outcome is recorded and the contract is in the contracts register."),
        template="procurement/cases/outcome.html",
    )


@login_required_keep_input
def case_pilot(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        form_class=PilotForm,
        allowed=services.may_start_pilot,
        action=lambda case, data: services.case_pilot_start(
            case=case, by=request.user, expected_version=data["version"], kind=data["kind"], values=data["values"]
        ),
        done=_("The pilot is an idea in the lock, linked to the case."),
        template="procurement/cases/pilot.html",
    )


@login_required_keep_input
def case_close(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        form_class=CloseForm,
        allowed=lambda case: True,
        action=lambda case, data: services.case_close(
            case=case, by=request.user, expected_version=data["version"], reason=data["reason"]
        ),
        done=_("The case is closed without a procurement. Its log is kept."),
        template="procurement/cases/close.html",
    )


@login_required_keep_input
def thresholds(request: AuthenticatedRequest) -> HttpResponse:
    """The EU thresholds with their sources; the central procurement function adds the next ones."""
    user = request.user
    if not user.has_perm("procurement.view_cases"):
        raise PermissionDenied
    may_set = user.has_perm("procurement.set_thresholds")
    form = None
    if may_set:
        if request.method == "POST":
            form = ThresholdForm(request.POST)
            if form.is_valid():
                data = form.cleaned_data
                saved = apply(
                    form,
                    lambda: services.threshold_set(
                        by=user,
                        valid_from=data["valid_from"],
                        supplies_services_sek=kronor(data["supplies_services_sek"]),
                        works_sek=kronor(data["works_sek"]),
                        social_services_sek=kronor(data["social_services_sek"]),
                        source=data["source"],
                    ),
                )
                if saved is not None:
                    messages.success(
                        request,
                        _(
                            "The thresholds from %(day)s are saved. Cases made or changed from that day are assessed against them."
                        )
                        % {"day": saved.valid_from.isoformat()},
                    )
                    return redirect("procurement:thresholds")
        else:
            kept = pop_kept_input(request)
            form = ThresholdForm(kept) if kept else ThresholdForm()
    elif request.method == "POST":
        raise PermissionDenied
    today = timezone.now().astimezone(CITY_TIME_ZONE).date()
    context = {
        "form": form,
        "rows": list(selectors.thresholds()),
        "in_force": services.threshold_in_force(today),
    }
    return render(request, "procurement/cases/thresholds.html", context)


@login_required_keep_input
def procured_values(request: AuthenticatedRequest) -> HttpResponse:
    """What each administration or company procured a year in all, entered by its procurement officers."""
    user = request.user
    if not user.has_perm("procurement.enter_procured_value"):
        raise PermissionDenied
    units = services.procured_value_organisations(user)
    if request.method == "POST":
        form = ProcuredValueForm(request.POST, units=units)
        if form.is_valid():
            data = form.cleaned_data
            saved = apply(
                form,
                lambda: services.procured_value_set(
                    by=user,
                    unit=data["unit"],
                    year=data["year"],
                    value_sek=kronor(data["value_sek"]),
                    source=data["source"],
                    expected_version=data.get("version"),
                ),
            )
            if saved is not None:
                messages.success(
                    request,
                    _("The procured value of %(unit)s for %(year)s is saved.")
                    % {"unit": saved.unit.name, "year": saved.year},
                )
                return redirect("procurement:procured_values")
    else:
        initial: dict[str, Any] = {"year": timezone.now().astimezone(CITY_TIME_ZONE).year - 1}
        chosen = _procured_value_to_correct(request, units)
        if chosen is not None:
            initial = {
                "unit": chosen.unit_id,
                "year": chosen.year,
                "value_sek": chosen.value_sek,
                "source": chosen.source,
                "version": chosen.version,
            }
        kept = pop_kept_input(request)
        form = ProcuredValueForm(kept, units=units) if kept else ProcuredValueForm(initial=initial, units=units)
    context = {"form": form, "rows": list(selectors.procured_values(units)), "units": units}
    return render(request, "procurement/cases/procured_values.html", context)


def _procured_value_to_correct(request: AuthenticatedRequest, units: list) -> ProcuredValue | None:
    from core.validators import parse_id

    pk = parse_id(request.GET.get("correct"))
    if pk is None:
        return None
    return ProcuredValue.objects.filter(pk=pk, unit__in=units).first()
