"""Pages for applicants and the public: calls, applying, one's own applications, results.

Thin views: read through selectors, write through services, decide through rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from calls import policies, selectors
from calls.forms import (
    BUDGET_PREFIX,
    ApplicationForm,
    BudgetLineForm,
    FinalReportForm,
    MyApplicationsForm,
    application_initial,
    budget_formset,
    budget_lines,
)
from calls.models import (
    Application,
    ApplicationFile,
    Assignment,
    Call,
    Category,
    Conflict,
    Decision,
    FinalReport,
    Juror,
    Programme,
    Status,
)
from calls.rules import is_programme_office, recused_by_organisation, registered_through_committee
from calls.services import application as application_services
from calls.services import decision as decision_services
from core.decorators import login_required_keep_input, pop_kept_input
from core.errors import ConflictError, DomainError, ErrorCode, PermissionDeniedError
from core.forms import apply as apply_to_form
from core.http import AuthenticatedRequest, Request
from core.pagination import page_range
from core.public_cache import changes_at, keeping, public_page
from core.uploads import file_download
from organisation.models import User

PAGE_SIZE = 25

#: How one's own applications may be ordered (the list's ``?sort=``).
MY_ORDER = {
    "newest": ("-created_at", "-pk"),
    "oldest": ("created_at", "pk"),
    "deadline": ("-call__closes_at", "-created_at"),
}


def _call(request: Request, pk: int) -> Call:
    call = Call.objects.filter(pk=pk).first()
    if call is None or not request.user.has_perm("calls.view_call", call):
        raise Http404
    return call


def _own_application(request: AuthenticatedRequest, pk: int) -> Application:
    """The person's own application; anyone else's is not found, whoever asks."""
    application = (
        Application.objects.select_related("call", "applicant", "unit", "idea", "category")
        .filter(pk=pk, applicant=request.user)
        .first()
    )
    if application is None:
        raise Http404
    return application


# --- calls -------------------------------------------------------------------------------------


@public_page
def call_list(request: Request) -> HttpResponse:
    now = timezone.now()
    visible = selectors.calls_for(user=request.user, now=now)
    is_closed = Q(published=True, closes_at__lte=now)
    calls = list(visible.exclude(is_closed))
    # The list changes when a call opens or closes: those still to come, and the last call closed.
    changes_at(request, *(c.opens_at for c in calls), *(c.closes_at for c in calls))
    if keeping(request):  # a query a signed-in person's list has no use for
        last_closed = visible.filter(is_closed).order_by("-closes_at").values_list("closes_at", flat=True).first()
        changes_at(request, last_closed)
    # The closed calls grow by a few every year, for good: a page at a time, the latest first.
    page_obj = Paginator(visible.filter(is_closed), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "calls/list.html",
        {
            "open_calls": sorted((c for c in calls if c.is_open(now)), key=lambda c: c.closes_at),
            "upcoming": sorted((c for c in calls if c.published and c.opens_at > now), key=lambda c: c.opens_at),
            "page_obj": page_obj,
            "page_range": page_range(page_obj),
            "unpublished": [c for c in calls if not c.published],
            "now": now,
        },
    )


def _phase(call: Call, now: datetime) -> str:
    if not call.published:
        return "unpublished"
    if now < call.opens_at:
        return "upcoming"
    return "open" if now < call.closes_at else "closed"


def _rules(call: Call) -> list[str]:
    """The call's eligibility rules, said plainly (the same rules ``policies.eligibility_problems`` checks)."""
    rules = []
    if call.programme == Programme.STIPEND:
        rules.append(_("You live, work or study in the city."))
    if call.min_age is not None:
        rules.append(_("You are at least %(age)s years old.") % {"age": call.min_age})
    if call.no_city_employment_months is not None:
        rules.append(
            _("You are not employed by the city, and have not been in the past %(months)s months.")
            % {"months": call.no_city_employment_months}
        )
    if call.exclude_last_year_winners:
        rules.append(
            _("Those who won the %(programme)s in %(year)s may not apply this year.")
            % {"programme": call.get_programme_display().lower(), "year": call.year - 1}
        )
    if registered_through_committee(call):
        rules.append(
            _(
                "The entry is registered through the committee: by a manager or the innovation office of the unit's administration or company."
            )
        )
    if call.programme == Programme.QUALITY_AWARD:
        rules.append(
            _(
                "A unit of the city has its own budget and staff responsibility; a private provider serves mainly the city's residents."
            )
        )
    if call.min_staff is not None:
        rules.append(_("The entering unit has at least %(staff)s staff.") % {"staff": call.min_staff})
    return rules


@public_page
def call_detail(request: Request, pk: int) -> HttpResponse:
    call = _call(request, pk)
    user = request.user
    now = timezone.now()
    changes_at(request, call.opens_at, call.closes_at)  # it opens, then closes
    criteria = list(call.criteria.all())
    total_weight = sum((c.weight for c in criteria), Decimal(0))
    rubric = [(c, (c.weight * 100 / total_weight).quantize(Decimal(1)) if total_weight else None) for c in criteria]
    mine = list(selectors.applications_of(user=user).filter(call=call)) if user.is_authenticated else []
    return render(
        request,
        "calls/call.html",
        {
            "call": call,
            "categories": list(call.categories.all()),
            "rubric": rubric,
            "mine": mine,
            "draft": next((a for a in mine if a.status == Status.DRAFT), None),
            "phase": _phase(call, now),
            "is_open": call.is_open(now),
            "rules": _rules(call),
            "can_apply": user.has_perm("calls.apply", call),
            "through_committee": application_services.REGISTERED_THROUGH_COMMITTEE
            if registered_through_committee(call)
            else "",
            "can_manage": user.has_perm("calls.manage_calls"),
        },
    )


@require_POST
@login_required
def apply(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Start a draft (or go back to the one already started)."""
    call = _call(request, pk)
    try:
        application, started = application_services.application_open(call=call, applicant=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(call)
    if started:
        messages.success(request, _("Your draft is started. It is saved as you write; only you can see it."))
    return redirect("calls:edit", application.pk)


# --- the application form -----------------------------------------------------------------------


def _forms(request: AuthenticatedRequest, application: Application, data=None, files=None, extra_rows: int = 0):
    form = ApplicationForm(
        data,
        files,
        initial=application_initial(application),
        call=application.call,
        user=request.user,
        application=application,
    )
    formset = (
        budget_formset(data, application=application, extra_rows=extra_rows)
        if application.call.programme == Programme.FUND
        else None
    )
    return form, formset


def _valid(form, formset) -> bool:
    form_ok = form.is_valid()
    formset_ok = formset is None or formset.is_valid()
    return form_ok and formset_ok


def _save(request: AuthenticatedRequest, application: Application, form, formset) -> Application:
    return application_services.application_save(
        application=application,
        by=request.user,
        expected_version=form.cleaned_data["version"],
        budget_lines=budget_lines(formset) if formset is not None else None,
        **form.draft_fields(),
    )


def _again(request: AuthenticatedRequest, application: Application, message: str | None):
    """The person's own input on top of the application's current version, with a message at the top."""
    data = request.POST.copy()
    data["version"] = str(application.version)
    form, formset = _forms(request, application, data=data)
    _valid(form, formset)
    if message:
        form.add_error(None, message)
    return form, formset


def _checks(application: Application, now: datetime) -> dict:
    return {
        "missing": policies.application_missing(application),
        "problems": policies.eligibility_problems(application, now=now),
    }


def _render_edit(
    request: Request, application: Application, form, formset, *, status: int = 200, **extra
) -> HttpResponse:
    now = timezone.now()
    call = application.call
    context = {
        "application": application,
        "call": call,
        "form": form,
        "formset": formset,
        "files": list(application.files.all()),
        "is_open": call.is_open(now),
        **_checks(application, now),
        **extra,
    }
    return render(request, "calls/application_form.html", context, status=status)


def _formset_errors(formset) -> list[str]:
    if formset is None or not formset.is_bound:
        return []
    errors = [str(e) for e in formset.non_form_errors()]
    for number, errs in enumerate(formset.errors, start=1):
        for name, messages_ in errs.items():
            label = BudgetLineForm.base_fields[name].label if name in BudgetLineForm.base_fields else ""
            errors.extend(
                _("Cost line %(n)s, %(field)s: %(error)s") % {"n": number, "field": label, "error": m}
                for m in messages_
            )
    return errors


@login_required_keep_input
def application_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application = _own_application(request, pk)
    if not application.is_editable:
        messages.warning(request, _("The application is no longer a draft, so it cannot be changed."))
        return redirect(application)
    if request.method == "POST":
        return _edit_post(request, application)
    kept = pop_kept_input(request)
    form, formset = _forms(request, application, data=kept, extra_rows=1 if request.GET.get("add") else 0)
    return _render_edit(request, application, form, formset, kept=kept is not None)


def _edit_post(request: AuthenticatedRequest, application: Application) -> HttpResponse:
    post = request.POST
    action = next((a for a in ("submit", "add_line", "attach") if a in post), "save")
    form, formset = _forms(request, application, data=post, files=request.FILES)
    if not _valid(form, formset):
        for message in _formset_errors(formset):
            form.add_error(None, message)
        return _render_edit(request, application, form, formset)
    try:
        saved = apply_to_form(
            form,
            lambda: _save(request, application, form, formset),
            raising=(ConflictError, PermissionDeniedError),
        )
    except ConflictError as exc:
        current = _own_application(request, application.pk)
        form, formset = _again(request, current, exc.message)
        return _render_edit(request, current, form, formset, conflict=True, status=409)
    except PermissionDeniedError:
        messages.warning(request, _("The application is no longer a draft, so it cannot be changed."))
        return redirect(application)
    if saved is None:
        return _render_edit(request, application, form, formset)
    application = saved
    uploads = form.cleaned_data.get("attachments") or []
    for upload in uploads:
        try:
            application_services.application_file_add(application=application, by=request.user, upload=upload)
        except DomainError as exc:
            form, formset = _again(request, application, _("The draft is saved, but a file was not attached."))
            form.add_error("attachments", exc.message)
            return _render_edit(request, application, form, formset)
    if action == "submit":
        try:
            application = application_services.application_submit(
                application=application, by=request.user, expected_version=application.version
            )
        except DomainError as exc:
            if exc.code == ErrorCode.SUBMITTED:  # submitted meanwhile, from another window or a second click
                messages.info(request, exc.message)
                return redirect(application)
            # The draft is saved; only the submission was refused.
            form, formset = _again(request, application, exc.message)
            return _render_edit(request, application, form, formset)
        messages.success(
            request,
            _(
                "Your application is submitted. The city's innovation office (executive office) checks it against the call's rules; follow it here."
            ),
        )
        return redirect(application)
    edit_url = reverse("calls:edit", args=[application.pk])
    if action == "add_line":
        return redirect(f"{edit_url}?add=1#budget")
    if uploads:
        messages.success(request, _("The draft is saved and the file is attached."))
        return redirect(f"{edit_url}#files")
    messages.success(request, _("The draft is saved."))
    return redirect(edit_url)


@require_POST
def application_autosave(request: Request, pk: int) -> HttpResponse:
    """Saves the draft as the person writes (htmx): answers with a short status and the live checks."""
    template = "calls/partials/apply_saved.html"
    if not request.user.is_authenticated:
        return render(request, template, {"state": "signed_out"})
    request = cast(AuthenticatedRequest, request)
    application = _own_application(request, pk)
    if not application.is_editable:
        return render(request, template, {"state": "locked"})
    form, formset = _forms(request, application, data=request.POST)
    if not _valid(form, formset):
        errors = [f"{form[name].label}: {e}" for name, errs in form.errors.items() if name in form.fields for e in errs]
        return render(request, template, {"state": "invalid", "errors": errors + _formset_errors(formset)})
    try:
        application = _save(request, application, form, formset)
    except ConflictError:
        return render(request, template, {"state": "conflict"})
    except DomainError as exc:
        return render(request, template, {"state": "refused", "message": exc.message})
    return render(
        request,
        template,
        {
            "state": "saved",
            "application": application,
            "call": application.call,
            **_checks(application, timezone.now()),
        },
    )


@login_required
def budget_row(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """One more empty cost line (htmx), with the formset's count and the button moved on."""
    application = _own_application(request, pk)
    if not application.is_editable or application.call.programme != Programme.FUND:
        raise Http404
    try:
        index = min(max(int(request.GET.get("index", "0")), 0), 500)
    except ValueError:
        index = 0
    return render(
        request,
        "calls/partials/apply_budget_row.html",
        {
            "line": BudgetLineForm(prefix=f"{BUDGET_PREFIX}-{index}"),
            "number": index + 1,
            "next_index": index + 1,
            "application": application,
            "oob": True,
        },
    )


@login_required
def application_withdraw(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application = _own_application(request, pk)
    if not request.user.has_perm("calls.withdraw_application", application):
        messages.warning(request, _("The application can no longer be withdrawn."))
        return redirect(application)
    if request.method == "POST":
        try:
            application_services.application_withdraw(application=application, by=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The application is withdrawn."))
        return redirect(application)
    return render(request, "calls/application_withdraw.html", {"application": application, "call": application.call})


# --- following an application -------------------------------------------------------------------


@login_required
def application_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application = (
        Application.objects.select_related("call", "applicant__unit", "unit", "idea", "category").filter(pk=pk).first()
    )
    user = request.user
    if application is None or not user.has_perm("calls.view_application", application):
        raise Http404
    call = application.call
    is_applicant = application.applicant_id == user.pk
    is_office = is_programme_office(user)
    payments = list(application.payments.all()) if is_applicant or is_office else []
    final_report = FinalReport.objects.filter(application=application).first()
    return render(
        request,
        "calls/application.html",
        {
            "application": application,
            "call": call,
            "is_applicant": is_applicant,
            # Jurors of a blind call see neither who applied nor from which unit.
            "blind": not user.has_perm("calls.see_applicant", application),
            "show_personal": is_applicant or is_office,
            "decision": Decision.objects.select_related("decided_by").filter(application=application).first(),
            "budget_lines": list(application.budget_lines.all()),
            "files": list(application.files.all()),
            "payments": payments,
            "paid": sum((p.amount for p in payments), Decimal(0)),
            "final_report": final_report,
            "can_edit": user.has_perm("calls.edit_application", application),
            "can_withdraw": user.has_perm("calls.withdraw_application", application),
            "can_report": is_applicant
            and application.status == Status.GRANTED
            and call.is_funding
            and final_report is None,
            "can_manage": is_office,
        },
    )


@login_required
def application_file(request: AuthenticatedRequest, pk: int) -> FileResponse:
    attached = (
        ApplicationFile.objects.select_related("application__call", "application__unit", "application__applicant__unit")
        .filter(pk=pk)
        .first()
    )
    if attached is None or not request.user.has_perm("calls.view_application", attached.application):
        raise Http404
    return file_download(attached.file, filename=attached.original_name, content_type=attached.content_type)


@login_required
def application_file_remove(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Take a file off one's own draft, after a confirmation."""
    attached = (
        ApplicationFile.objects.select_related("application__call")
        .filter(pk=pk, application__applicant=request.user)
        .first()
    )
    if attached is None:
        raise Http404
    application = attached.application
    back = reverse("calls:edit", args=[application.pk]) + "#files"
    if not request.user.has_perm("calls.edit_application", application):
        messages.warning(request, _("Files can be removed only from a draft."))
        return redirect(application)
    if request.method == "POST":
        try:
            application_services.application_file_remove(file=attached, by=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("“%(name)s” is removed.") % {"name": attached.original_name})
        return redirect(back)
    return render(
        request,
        "calls/application_file_remove.html",
        {"attached": attached, "application": application, "call": application.call, "back": back},
    )


@login_required_keep_input
def final_report(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application = _own_application(request, pk)
    if application.status != Status.GRANTED or not application.call.is_funding:
        raise Http404
    if FinalReport.objects.filter(application=application).exists():
        messages.warning(request, _("The final report is already submitted."))
        return redirect(application)
    form = FinalReportForm(pop_kept_input(request) or None)
    if request.method == "POST":
        form = FinalReportForm(request.POST)
        if form.is_valid():
            report = apply_to_form(
                form,
                lambda: decision_services.final_report_submit(
                    application=application, by=request.user, **form.cleaned_data
                ),
            )
            if report is not None:
                messages.success(request, _("Thank you. The final report is submitted and shown with the idea."))
                return redirect(application)
    return render(
        request, "calls/final_report.html", {"application": application, "call": application.call, "form": form}
    )


@never_cache  # a person's own applications: kept by no browser or proxy cache
@login_required
def my_applications(request: AuthenticatedRequest) -> HttpResponse:
    form = MyApplicationsForm(request.GET or None)
    sort = (form.cleaned_data.get("sort") if form.is_valid() else "") or "newest"
    qs = selectors.applications_of(user=request.user).order_by(*MY_ORDER[sort])
    page_obj = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "calls/my_applications.html",
        {
            "form": form,
            "page_obj": page_obj,
            "page_range": page_range(page_obj),
        },
    )


# --- results -----------------------------------------------------------------------------------


@dataclass
class PublicRecord:
    """One decided application as the public reads it: the decision, the jurors' totals, the recusals."""

    application: Application
    decision: Decision
    totals: list[tuple[User, Decimal]] = field(default_factory=list)
    mean: Decimal | None = None
    declared_conflicts: list[User] = field(default_factory=list)
    same_organisation: list[User] = field(default_factory=list)
    own_application: list[User] = field(default_factory=list)
    #: The first of its class on the page (a call with classes heads each class).
    starts_class: bool = False


def _public_records(call: Call, applications) -> list[PublicRecord]:
    """The records of ``applications`` (a page of ``selectors.public_record_applications``), in their order.

    Only the given applications are read: the recusals by organisation are worked out for them alone. The jurors'
    totals and declared conflicts are read as plain rows for the whole page and named from the seated jurors
    (a juror no longer seated is read by id): a model instance per assignment, with its juror's, cost more than the
    rest of the page.
    """
    applications = list(applications)
    ids = [application.pk for application in applications]
    seated = [j.user for j in Juror.objects.filter(call=call).select_related("user__unit")]
    totals = list(
        Assignment.objects.filter(application__in=ids, submitted_at__isnull=False, total__isnull=False)
        .order_by("pk")
        .values_list("application", "juror", "total")
    )
    conflicts = list(Conflict.objects.filter(application__in=ids).order_by("pk").values_list("application", "juror"))
    people = {juror.pk: juror for juror in seated}
    if missing := {juror for _application, juror, *_total in (*totals, *conflicts)} - people.keys():
        people.update(User.objects.select_related("unit").in_bulk(missing))
    totals_of: dict[int, list[tuple[User, Decimal]]] = {pk: [] for pk in ids}
    for application_id, juror_id, total in totals:
        totals_of[application_id].append((people[juror_id], cast(Decimal, total)))  # total__isnull=False
    declared_of: dict[int, dict[int, User]] = {pk: {} for pk in ids}
    for application_id, juror_id in conflicts:
        declared_of[application_id][juror_id] = people[juror_id]
    records = []
    for application in applications:
        # Each juror's weighted total, kept on the assignment when the scores were submitted.
        scored = totals_of[application.pk]
        declared = declared_of[application.pk]
        records.append(
            PublicRecord(
                application=application,
                decision=application.decision,
                totals=scored,
                mean=(sum((t for _j, t in scored), Decimal(0)) / len(scored)).quantize(Decimal("0.01"))
                if scored
                else None,
                declared_conflicts=list(declared.values()),
                own_application=[juror for juror in seated if juror.pk == application.applicant_id],
                same_organisation=[
                    juror
                    for juror in seated
                    if juror.pk not in declared
                    and juror.pk != application.applicant_id
                    and recused_by_organisation(juror, application)
                ],
            )
        )
    return records


#: What the list of winners shows, read without the rest of each row (a large fund grants hundreds).
WINNER_FIELDS = (
    "call",
    "title",
    "status",
    "granted_amount",
    "unit__name",
    "category__name",
    "applicant__name",
    "decision__justification",
)


@public_page
def call_results(request: Request, pk: int) -> HttpResponse:
    call = _call(request, pk)
    if call.results_published_at is None:
        return render(request, "calls/results.html", {"call": call, "published": False})
    decided = selectors.public_record_applications(call=call)
    # The winners are few and shown in full on every page, without the jurors' scores.
    winners = [
        PublicRecord(application=application, decision=application.decision)
        for application in decided.filter(status=Status.GRANTED)
        .prefetch_related(None)
        .select_related(None)
        .select_related("decision", "unit", "category", "applicant")
        .only(*WINNER_FIELDS)
    ]
    # A call with classes is decided class by class: its winners are listed per class.
    classes = list(call.categories.all())
    winner_groups: list[tuple[Category | None, list[PublicRecord]]] = [
        (category, [w for w in winners if w.application.category_id == category.pk]) for category in classes
    ]
    unclassed = [w for w in winners if w.application.category_id is None]
    if unclassed or not classes:
        winner_groups.append((None, unclassed))
    # A city-scale call decides hundreds of applications: the full record a page at a time.
    page_obj = Paginator(decided.prefetch_related(None), PAGE_SIZE).get_page(request.GET.get("page"))
    page_obj.object_list = _public_records(call, page_obj.object_list)
    for before, record in zip([None, *page_obj.object_list], page_obj.object_list, strict=False):
        record.starts_class = before is None or before.application.category_id != record.application.category_id
    return render(
        request,
        "calls/results.html",
        {
            "call": call,
            "published": True,
            "winners": winners,
            "winner_groups": winner_groups,
            "has_classes": bool(classes),
            "decided_count": page_obj.paginator.count,
            "page_obj": page_obj,
            "page_range": page_range(page_obj),
            "criteria": list(call.criteria.all()),
            "granted_sum": sum((r.application.granted_amount or Decimal(0) for r in winners), Decimal(0)),
            # What the kept records (calls/fragments.py) know of the call.
            "public_call": {"is_funding": call.is_funding},
        },
    )
