"""Thin views of governance follow-up: read through selectors, write through services, decide through rules."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.decorators import login_required_keep_input, pop_kept_input
from core.errors import ConflictError, DomainError, ErrorCode, PermissionDeniedError
from core.forms import apply
from core.http import AuthenticatedRequest
from core.pagination import page_range
from core.validators import parse_id
from governance import export_views, selectors, services
from governance.forms import (
    ActivityForm,
    ActivityStatusForm,
    DashboardForm,
    DeadlineForm,
    GoalForm,
    GoalLinksForm,
    IndicatorForm,
    PeriodForm,
    ReportFilterForm,
    ReportForm,
    ReviewForm,
    TargetForm,
    report_initial,
)
from governance.models import Activity, Goal, Indicator, Period, Report, ReportingPeriod
from organisation.models import Unit

PAGE_SIZE = 25

#: How many of a writer's own reports the reports page lists above everyone's (latest first).
OWN_REPORTS = 12


def _require(request: AuthenticatedRequest, perm: str, obj=None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


# --- dashboard -------------------------------------------------------------------------


#: Words beside a dashboard figure that is easily misread, by the indicator's computation.
CARD_NOTES = {
    "granted_funding": gettext_lazy(
        "Kronor granted in the period to applications from the unit or about its ideas, whatever stage the idea is in."
    ),
    "funded_share": gettext_lazy(
        "Share of the ideas in pre-study, pilot, implementation or spread at the period's end that have been granted "
        "money. It can be 0 % while money was granted: grants to applications without an idea in those stages – a "
        "stipend, or an idea not yet past the idea stage – count in the kronor but not in this share."
    ),
}


@login_required
def dashboard(request: AuthenticatedRequest) -> HttpResponse:
    _require(request, "governance.view_dashboard")
    first_year = selectors.first_data_year()
    this_year = selectors.current_period()[0]
    years = list(range(this_year, min(first_year or this_year, this_year) - 1, -1))
    default_year, default_period, _ended = selectors.default_period(first_year=first_year)
    indicators = selectors.computed_indicators()
    form = DashboardForm(request.GET or None, years=years, indicators=indicators)
    data = form.cleaned_data if form.is_valid() else {}
    chosen_year = data.get("year") or default_year
    if data.get("period"):
        chosen_period = data["period"]
    elif chosen_year == default_year:
        chosen_period = default_period
    else:
        chosen_period = Period.ANNUAL
    is_default = (chosen_year, chosen_period) == (default_year, default_period) and not request.GET.get("year")
    unit = Unit.objects.filter(pk=data["unit"]).first() if data.get("unit") else None
    board = selectors.dashboard(
        year=chosen_year,
        period=chosen_period,
        unit=unit,
        kind=data.get("kind") or "",
        indicator_code=data.get("indicator") or "",
    )
    # The form shows what the page shows, whether chosen or the defaults.
    shown = {
        "year": chosen_year,
        "period": chosen_period,
        "kind": board.kind,
        "indicator": board.indicator.code if board.indicator else "",
        "unit": unit.pk if unit else "",
    }
    form = DashboardForm(shown, years=years, indicators=indicators)
    return render(
        request,
        "governance/dashboard.html",
        {
            "form": form,
            "board": board,
            "period_label": Period(chosen_period).label,
            "period_ended": selectors.period_has_ended(chosen_year, chosen_period),
            "is_default": is_default,
            "first_year": first_year,
            "card_notes": CARD_NOTES,
            # What serves each of the year's goals (ADR 0031): one query per kind of work.
            "goal_rows": selectors.goals_with_work(year=chosen_year, user=request.user, unit=unit),
        },
    )


# --- indicators --------------------------------------------------------------------------


@login_required_keep_input
def indicators(request: AuthenticatedRequest) -> HttpResponse:
    _require(request, "governance.view_dashboard")
    can_manage = request.user.has_perm("governance.manage_indicators")
    form = IndicatorForm(pop_kept_input(request) or None) if can_manage else None
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        form = IndicatorForm(request.POST)
        if form.is_valid():
            indicator = apply(form, lambda: services.indicator_create(by=request.user, **form.cleaned_data))
            if indicator is not None:
                messages.success(request, _("The indicator “%(name)s” is added.") % {"name": indicator.label})
                return redirect("governance:indicators")
    return render(
        request,
        "governance/indicators.html",
        {"indicators": Indicator.objects.order_by("computation", "name"), "form": form, "can_manage": can_manage},
    )


# --- goals -------------------------------------------------------------------------------


def _year(request: AuthenticatedRequest) -> int:
    """The year asked for (2000–2100), or the current one."""
    text = (request.GET.get("year") or "").strip()
    if len(text) == 4 and text.isascii() and text.isdigit() and 2000 <= int(text) <= 2100:
        return int(text)
    return selectors.current_period()[0]


@login_required
def goals(request: AuthenticatedRequest) -> HttpResponse:
    _require(request, "governance.view_dashboard")
    year = _year(request)
    years = sorted({*selectors.goal_years(), year, selectors.current_period()[0] + 1}, reverse=True)
    return render(
        request,
        "governance/goals.html",
        {
            "year": year,
            "years": years,
            "goals": selectors.goals_tree(year=year),
            "can_add": selectors.goal_units_for(request.user).exists(),
        },
    )


@login_required_keep_input
def goal_create(request: AuthenticatedRequest) -> HttpResponse:
    year = _year(request)
    units = selectors.goal_units_for(request.user)
    if not units.exists():
        raise PermissionDenied
    city_goals = Goal.objects.filter(year=year, parent__isnull=True)
    initial = {"unit": request.GET.get("unit"), "parent": request.GET.get("parent")}
    form = GoalForm(pop_kept_input(request) or None, initial=initial, units=units, city_goals=city_goals)
    if request.method == "POST":
        form = GoalForm(request.POST, units=units, city_goals=city_goals)
        if form.is_valid():
            data = form.cleaned_data
            goal = apply(
                form,
                lambda: services.goal_create(
                    by=request.user,
                    year=year,
                    unit=data["unit"],
                    parent=data["parent"],
                    title=data["title"],
                    description=data["description"],
                    indicators=data["indicators"],
                ),
            )
            if goal is not None:
                messages.success(request, _("The goal is added."))
                return redirect(reverse("governance:goal", args=[goal.pk]))
    return render(request, "governance/goal_form.html", {"form": form, "year": year})


def _goal_context(request: AuthenticatedRequest, goal: Goal, **extra) -> dict:
    unit_for_perm = goal.unit
    can_edit = (
        request.user.has_perm("governance.manage_city_goals")
        if goal.unit.is_root()
        else request.user.has_perm("governance.set_goals_for", unit_for_perm)
    )
    return {
        "goal": goal,
        "can_edit": can_edit,
        "activities": goal.activities.select_related("owner"),
        "children": goal.children.select_related("unit"),
        "status_form": ActivityStatusForm(),
        **extra,
    }


@login_required_keep_input
def goal_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    _require(request, "governance.view_dashboard")
    goal = get_object_or_404(Goal.objects.select_related("unit", "parent", "created_by"), pk=pk)
    context = _goal_context(request, goal)
    edit_form = activity_form = None
    if context["can_edit"]:
        initial = {
            "version": goal.version,
            "title": goal.title,
            "description": goal.description,
            "indicators": list(goal.indicators.all()),
        }
        edit_form = GoalForm(initial=initial, units=Unit.objects.none(), city_goals=Goal.objects.none(), editing=True)
        activity_form = ActivityForm(pop_kept_input(request) or None)
    if request.method == "POST":
        if not context["can_edit"]:
            raise PermissionDenied
        if request.POST.get("form") == "activity":
            activity_form = ActivityForm(request.POST)
            if activity_form.is_valid():
                data = activity_form.cleaned_data
                apply(activity_form, lambda: services.activity_add(goal=goal, by=request.user, **data))
                if activity_form.is_valid():
                    messages.success(request, _("The activity is added."))
                    return redirect(reverse("governance:goal", args=[goal.pk]))
        else:
            edit_form = GoalForm(request.POST, units=Unit.objects.none(), city_goals=Goal.objects.none(), editing=True)
            if edit_form.is_valid():
                data = edit_form.cleaned_data
                apply(
                    edit_form,
                    lambda: services.goal_update(
                        goal=goal,
                        by=request.user,
                        expected_version=data.get("version") or 0,
                        title=data["title"],
                        description=data["description"],
                        indicators=data["indicators"],
                    ),
                )
                if edit_form.is_valid():
                    messages.success(request, _("The goal is saved."))
                    return redirect(reverse("governance:goal", args=[goal.pk]))
    context.update(edit_form=edit_form, activity_form=activity_form)
    return render(request, "governance/goal.html", context)


@login_required
@require_POST
def activity_status(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(Activity.objects.select_related("goal__unit"), pk=pk)
    form = ActivityStatusForm(request.POST)
    if form.is_valid():
        services.activity_set_status(activity=activity, by=request.user, status=form.cleaned_data["status"])
        messages.success(request, _("The activity's status is saved."))
    return redirect(reverse("governance:goal", args=[activity.goal_id]))


@login_required
def targets(request: AuthenticatedRequest) -> HttpResponse:
    _require(request, "governance.view_dashboard")
    year = _year(request)
    units = selectors.goal_units_for(request.user)
    chosen = parse_id(request.GET.get("unit") or request.POST.get("unit"))
    unit = (units.filter(pk=chosen).first() if chosen else None) or units.first()
    if unit is None:
        raise PermissionDenied
    active = list(Indicator.objects.filter(active=True).order_by("computation", "name"))
    current = selectors.targets_for(unit=unit, year=year)
    initial = {f"target-{pk}": str(value).replace(".", ",") for pk, value in current.items()}
    form = TargetForm(initial=initial, indicators=active)
    if request.method == "POST":
        form = TargetForm(request.POST, indicators=active)
        if form.is_valid():
            try:
                from django.db import transaction

                with transaction.atomic():
                    for indicator in active:
                        field = f"target-{indicator.pk}"
                        try:
                            services.target_set(
                                by=request.user,
                                indicator=indicator,
                                unit=unit,
                                year=year,
                                value=form.cleaned_data[field],
                            )
                        except DomainError as exc:
                            exc.field = field
                            raise
            except DomainError as exc:
                form.apply_domain_error(exc)
            else:
                messages.success(request, _("The targets are saved."))
                return redirect(f"{reverse('governance:targets')}?unit={unit.pk}&year={year}")
    return render(request, "governance/targets.html", {"form": form, "unit": unit, "units": units, "year": year})


# --- reports -------------------------------------------------------------------------------


@login_required
def reports(request: AuthenticatedRequest) -> HttpResponse:
    _require(request, "governance.view_reports")
    periods = ReportingPeriod.objects.all()
    form = ReportFilterForm(request.GET or None, periods=periods)
    data = form.cleaned_data if form.is_valid() else {}
    latest = periods.first()
    # The period whose compiled report the box offers: the newest, or the one chosen in the box.
    compiled = periods.filter(pk=parse_id(request.GET.get("compiled")) or 0).first() or latest
    can_govern = request.user.has_perm("governance.view_dashboard")
    filters = selectors.ReportFilters(
        reporting_period=data.get("reporting_period"), status=data.get("status") or "", q=data.get("q") or ""
    )
    qs = selectors.report_list(user=request.user, filters=filters)
    page_obj = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    startable = selectors.startable_units(user=request.user, reporting_period=latest) if latest else []
    can_open = request.user.has_perm("governance.open_period")
    return render(
        request,
        "governance/reports.html",
        {
            "can_govern": can_govern,
            "periods": periods,
            "compiled": compiled,
            "pdf": export_views.city_pdf_state(request, compiled) if compiled and can_govern else None,
            # The organisations this person writes for come first, above the whole city's list.
            "own_reports": list(selectors.own_reports(user=request.user)[:OWN_REPORTS]),
            "form": form,
            "page_obj": page_obj,
            "page_range": page_range(page_obj),
            "latest": latest,
            "counts": selectors.status_counts(reporting_period=latest) if latest else None,
            "startable": startable,
            "can_open": can_open,
            "period_form": PeriodForm(initial={"year": selectors.current_period()[0]}) if can_open else None,
        },
    )


@login_required
@require_POST
def period_open(request: AuthenticatedRequest) -> HttpResponse:
    _require(request, "governance.open_period")
    form = PeriodForm(request.POST)
    if form.is_valid():
        period = apply(form, lambda: services.reporting_period_open(by=request.user, **form.cleaned_data))
        if period is not None:
            messages.success(request, _("%(period)s is open for reports.") % {"period": period})
            return redirect("governance:reports")
    return render(request, "governance/period_form.html", {"form": form})


@login_required
@require_POST
def report_start(request: AuthenticatedRequest) -> HttpResponse:
    period = get_object_or_404(ReportingPeriod, pk=parse_id(request.POST.get("reporting_period")) or 0)
    unit = get_object_or_404(Unit, pk=parse_id(request.POST.get("unit")) or 0)
    try:
        report = services.report_start(by=request.user, reporting_period=period, unit=unit)
    except PermissionDeniedError:
        raise  # 403
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("governance:reports")
    return redirect(report)


def _report(request: AuthenticatedRequest, pk: int) -> Report:
    report = Report.objects.select_related("unit", "reporting_period").filter(pk=pk).first()
    if report is None or not request.user.has_perm("governance.view_report", report):
        raise Http404
    return report


@login_required_keep_input
def report_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    can_edit = request.user.has_perm("governance.edit_report", report)
    detail = selectors.report_detail(report)
    form = None
    if can_edit:
        kept = pop_kept_input(request)
        form = ReportForm(kept or None, initial=report_initial(detail), detail=detail)
    if request.method == "POST":
        if not can_edit:
            if report.is_locked:
                messages.error(request, _("The report is approved and locked; it can no longer be changed."))
                return redirect(report)
            raise PermissionDenied
        form = ReportForm(request.POST, detail=detail)
        if form.is_valid():
            submitting = "submit" in request.POST
            try:
                services.report_save(
                    report=report,
                    by=request.user,
                    expected_version=form.cleaned_data["version"],
                    narrative=form.cleaned_data["narrative"],
                    outcomes=form.outcomes(),
                    assessments=form.assessments(),
                )
                if submitting:
                    report.refresh_from_db()
                    services.report_check_submittable(report=report)
            except ConflictError as exc:
                # Keep what this person wrote, beside the version saved meanwhile; saving again is their choice.
                report.refresh_from_db()
                detail = selectors.report_detail(report)
                form = _form_again(request, report, detail, exc.message)
                return render(
                    request,
                    "governance/report.html",
                    {**_report_context(request, detail, form), "conflict": True},
                    status=409,
                )
            except DomainError as exc:
                form.apply_domain_error(exc)
                if submitting and exc.code in (ErrorCode.LATE, ErrorCode.INCOMPLETE):
                    # The draft was saved; only the submission was refused.
                    report.refresh_from_db()
                    detail = selectors.report_detail(report)
                    form = _form_again(request, report, detail, exc.message)
            else:
                if submitting:  # saved; submitting freezes it, so the person confirms first
                    return redirect("governance:report_submit", pk=report.pk)
                messages.success(request, _("The draft is saved."))
                return redirect(report)
    return render(request, "governance/report.html", _report_context(request, detail, form))


def _form_again(request: AuthenticatedRequest, report: Report, detail: dict, message: str) -> ReportForm:
    """The person's own input, on top of the report's current version, with a message at the top."""
    data = request.POST.copy()
    data["version"] = str(report.version)
    form = ReportForm(data, detail=detail)
    form.is_valid()
    form.add_error(None, message)
    return form


def _report_context(request: AuthenticatedRequest, detail: dict, form) -> dict:
    report = detail["report"]
    user = request.user
    return {
        **detail,
        "form": form,
        "can_edit": form is not None,
        "can_review": user.has_perm("governance.review_report", report),
        "can_extend": user.has_perm("governance.extend_deadline", report),
        "review_form": ReviewForm(),
        "deadline_form": DeadlineForm(),
        "missing": services.report_missing(report) if report.is_editable else [],
        # Beside each goal, the work that serves it (ADR 0031).
        "goal_work": selectors.goals_work_counts(goals=[a.goal for a in detail["assessments"]], user=user),
    }


@login_required
def report_submit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The confirmation step before submitting: what will be frozen, and one button. Works without JavaScript."""
    report = _report(request, pk)
    _require(request, "governance.edit_report", report)
    if request.method == "POST":
        try:
            services.report_submit(
                report=report, by=request.user, expected_version=parse_id(request.POST.get("version")) or 0
            )
        except DomainError as exc:  # a conflict, a refusal or something missing: the report page says what
            messages.error(request, exc.message)
            return redirect(report)
        messages.success(request, _("The report is submitted. The executive office has been notified."))
        return redirect(report)
    try:
        services.report_check_submittable(report=report)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(report)
    return render(request, "governance/report_submit.html", selectors.report_detail(report))


@login_required
def report_review(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    _require(request, "governance.review_report", report)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["decision"] == "approve":
            apply(form, lambda: services.report_approve(report=report, by=request.user, comment=data["comment"]))
            done = _("The report is approved and locked.")
        else:
            apply(form, lambda: services.report_return(report=report, by=request.user, comment=data["comment"]))
            done = _("The report is returned to the unit with your comment.")
        if form.is_valid():
            messages.success(request, done)
            return redirect(report)
    detail = selectors.report_detail(report)
    return render(request, "governance/report_review.html", {**detail, "review_form": form})


@login_required
def report_deadline(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    _require(request, "governance.extend_deadline", report)
    form = DeadlineForm(request.POST or None, initial={"deadline": report.deadline})
    if request.method == "POST" and form.is_valid():
        apply(form, lambda: services.report_extend_deadline(report=report, by=request.user, **form.cleaned_data))
        if form.is_valid():
            messages.success(request, _("The deadline is extended."))
            return redirect(report)
    return render(request, "governance/report_deadline.html", {"report": report, "form": form})


# --- the work that serves goals (ADR 0031) -------------------------------------------------------


def _work(request: AuthenticatedRequest, key: str, pk: int):
    """The declared kind and the row, if this person may read it; else 404."""
    from governance import goal_work

    kind = goal_work.kind(key)
    if kind is None:
        raise Http404
    thing = kind.model._default_manager.filter(kind.readable(request.user), pk=pk).first()
    if thing is None:
        raise Http404
    return kind, thing


@login_required_keep_input
def work_goals(request: AuthenticatedRequest, kind: str, pk: int) -> HttpResponse:
    """Choose the goals an idea, a call, a need or a challenge serves."""
    work_kind, thing = _work(request, kind, pk)
    if not work_kind.may_tag(request.user, thing):
        raise PermissionDenied
    year = selectors.current_period()[0]
    offered = selectors.offered_goals(unit=work_kind.unit(thing), year=year)
    current = selectors.goals_of(thing)
    current_ids = [g.pk for g in current]
    q = (request.GET.get("q") or request.POST.get("q") or "").strip()[:100]
    shown = offered
    if q and q.isprintable():
        shown = offered.filter(Q(title__icontains=q) | Q(pk__in=current_ids) | Q(unit__name__icontains=q))
    initial = {"goals": current_ids, "expected": ",".join(map(str, current_ids))}
    form = GoalLinksForm(pop_kept_input(request) or None, initial=initial, goals=shown)
    conflict = False
    status = 200
    if request.method == "POST":
        form = GoalLinksForm(request.POST, goals=offered)
        if form.is_valid():
            try:
                services.goal_links_set(
                    thing=thing,
                    by=request.user,
                    goals=form.cleaned_data["goals"],
                    expected=form.cleaned_data["expected"],
                    year=year,
                )
            except ConflictError as exc:
                # Keep this person's choice, on top of the goals saved meanwhile.
                data = request.POST.copy()
                data["expected"] = ",".join(map(str, current_ids))
                form = GoalLinksForm(data, goals=offered)
                form.is_valid()
                form.add_error(None, exc.message)
                conflict, status = True, 409
            except PermissionDeniedError:
                raise
            except DomainError as exc:
                form.apply_domain_error(exc)
            else:
                messages.success(request, _("The goals this serves are saved."))
                return redirect(thing.get_absolute_url())
    return render(
        request,
        "governance/work_goals.html",
        {
            "kind": work_kind,
            "thing": thing,
            "form": form,
            "q": q,
            "current": current,
            "conflict": conflict,
            "year": year,
        },
        status=status,
    )


@login_required
def goal_work(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A goal and the ideas, needs, challenges and calls that serve it: how far they have come."""
    _require(request, "governance.view_goal_work")
    goal = get_object_or_404(Goal.objects.select_related("unit", "parent"), pk=pk)
    return render(
        request,
        "governance/goal_work.html",
        {"goal": goal, "work": selectors.goal_work(goal=goal, user=request.user), "listed": selectors.GOAL_WORK_LISTED},
    )
