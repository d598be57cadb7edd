"""Pages for the city's innovation office: setting up a call, its workroom, screening, assigning and paying.

Thin views: read through selectors, write through services, decide through ``calls/rules.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from calls import policies, selectors
from calls.jury_forms import (
    ApplicationFilterForm,
    AssignForm,
    CallEditForm,
    CallForm,
    CategoryForm,
    ConfirmForm,
    CriterionForm,
    JurorForm,
    PaymentForm,
    ScreenForm,
)
from calls.models import Application, Assignment, Call, Category, Criterion, Decision, Juror, Programme, Status
from calls.services import application as application_services
from calls.services import call as call_services
from calls.services import decision as decision_services
from calls.services import jury as jury_services
from calls.view_common import application_or_404, with_anchor
from core.city import CITY_TIME_ZONE
from core.decorators import login_required_keep_input, pop_kept_input
from core.errors import ConflictError, DomainError
from core.forms import apply
from core.http import AuthenticatedRequest
from core.pagination import page_range
from organisation.models import User

PAGE_SIZE = 25

#: Statuses an application can be screened in.
SCREENABLE = (Status.SUBMITTED, Status.IN_REVIEW, Status.INELIGIBLE)


def _office(request: AuthenticatedRequest, call: Call | None = None) -> None:
    """The city's innovation office; for one call's workroom also those who run another app's jury."""
    allowed = request.user.has_perm("calls.manage_call", call) if call is not None else None
    if not (allowed or request.user.has_perm("calls.manage_calls")):
        raise PermissionDenied


# --- the office: calls ---------------------------------------------------------------------------


@login_required_keep_input
def call_create(request: AuthenticatedRequest) -> HttpResponse:
    _office(request)
    if request.method == "POST":
        form = CallForm(request.POST)
        if form.is_valid():
            call = apply(form, lambda: call_services.call_create(by=request.user, **form.call_data()))
            if call is not None:
                messages.success(
                    request,
                    _("The call “%(title)s” is created. Add its criteria and jury, then publish it.")
                    % {"title": call.title},
                )
                return redirect("calls:manage", pk=call.pk)
    else:
        year = timezone.localtime(timezone.now(), CITY_TIME_ZONE).year
        initial = {"year": year, "scale_min": 1, "scale_max": 5, "opens_time": "08:00", "closes_time": "23:59"}
        form = CallForm(pop_kept_input(request), initial=initial)
    return render(request, "calls/call_form.html", {"form": form})


def _call_initial(call: Call) -> dict[str, Any]:
    """The call as the form shows it: its moments as dates and times of day in Stockholm."""
    initial: dict[str, Any] = {name: getattr(call, name) for name in policies.CALL_FIELDS}
    for prefix, moment in (("opens", call.opens_at), ("closes", call.closes_at)):
        local = timezone.localtime(moment, CITY_TIME_ZONE)
        initial[f"{prefix}_on"] = local.date()
        initial[f"{prefix}_time"] = local.time().replace(second=0, microsecond=0)
    initial["version"] = call.version
    return initial


#: The form's fields that show a moment of the call (a date and a time of day).
_MOMENT_FIELDS = {"opens_at": ("opens_on", "opens_time"), "closes_at": ("closes_on", "closes_time")}


def _frozen(call: Call) -> dict[str, str]:
    """The form's fields that can no longer change, each with why (``policies.call_frozen``)."""
    return {
        field: reason
        for name, reason in policies.call_frozen(call).items()
        for field in _MOMENT_FIELDS.get(name, (name,))
    }


def _same_minute(typed: datetime, saved: datetime) -> datetime:
    """The saved moment when the form shows it unchanged: the form has minutes, a saved moment may have seconds."""
    return saved if typed == saved.replace(second=0, microsecond=0) else typed


def _shown(call: Call, name: str) -> str:
    """A saved value of the call as a person reads it."""
    value = getattr(call, name)
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime):
        return date_format(timezone.localtime(value, CITY_TIME_ZONE), "DATETIME_FORMAT")
    if name == "programme":
        return str(Programme(value).label)
    if name == "budget":
        return _("%(amount)s kronor") % {"amount": number_format(value, 0, force_grouping=True)}
    return Truncator(str(value)).words(40)


def _saved_now(call: Call, form: CallEditForm) -> list[tuple[str, str]]:
    """Where the form differs from the call as saved now: each field's label and its saved value."""
    typed = form.cleaned_data
    rows = []
    for name in policies.CALL_FIELDS:
        if name not in typed:
            continue
        value, saved = typed[name], getattr(call, name)
        if isinstance(value, str):
            value = value.strip()
        if isinstance(saved, datetime):
            saved = saved.replace(second=0, microsecond=0)
        if value != saved:
            rows.append((str(form.fields[_MOMENT_FIELDS.get(name, (name,))[0]].label), _shown(call, name)))
    return rows


@login_required_keep_input
def call_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Change a call, published or not; what those who took part rely on is shown frozen, with why."""
    _office(request)
    call = get_object_or_404(Call, pk=pk)
    status = 200
    saved_now: list[tuple[str, str]] = []
    if request.method == "POST":
        form = CallEditForm(request.POST, initial=_call_initial(call), frozen=_frozen(call))
        if form.is_valid():
            data = form.call_data()
            fields = {name: data[name] for name in policies.CALL_FIELDS}
            fields["opens_at"] = _same_minute(fields["opens_at"], call.opens_at)
            fields["closes_at"] = _same_minute(fields["closes_at"], call.closes_at)
            version = form.cleaned_data["version"]
            try:
                updated = apply(
                    form,
                    lambda: call_services.call_update(call=call, by=request.user, expected_version=version, **fields),
                    raising=(ConflictError,),
                )
            except ConflictError as exc:
                # Keep what this person typed, beside what is saved now; saving again is their choice.
                call.refresh_from_db()
                posted = request.POST.copy()
                posted["version"] = str(call.version)
                form = CallEditForm(posted, initial=_call_initial(call), frozen=_frozen(call))
                form.is_valid()
                form.add_error(None, exc.message)
                saved_now = _saved_now(call, form)
                status = 409
                updated = None
            if updated is not None:
                if updated.version == version:
                    messages.info(request, _("Nothing was changed: the form was the same as the saved call."))
                else:
                    message = _("The changes to “%(title)s” are saved.") % {"title": updated.title}
                    if updated.published and updated.closes_at != call.closes_at:
                        message = " ".join((message, _("Applicants with a draft are told of the new deadline.")))
                    messages.success(request, message)
                return redirect("calls:manage", pk=call.pk)
    else:
        form = CallEditForm(pop_kept_input(request), initial=_call_initial(call), frozen=_frozen(call))
    context = {"form": form, "call": call, "saved_now": saved_now}
    return render(request, "calls/call_form.html", context, status=status)


#: The forms of the workroom, by the name each posts in ``form``, with what saving one does.
MANAGE_FORMS: dict[str, Any] = {"criterion": CriterionForm, "category": CategoryForm, "juror": JurorForm}


def _manage_save(which: str, call: Call, by: User, data: dict) -> tuple[str, str]:
    """Save one workroom form through its service; the message and the part of the page to return to."""
    if which == "criterion":
        criterion = call_services.criterion_add(call=call, by=by, **data)
        return _("The criterion “%(name)s” is added.") % {"name": criterion.name}, "criteria"
    if which == "category":
        category = call_services.category_add(call=call, by=by, name=data["class_name"], entry_rule=data["entry_rule"])
        return _("The class “%(name)s” is added.") % {"name": category.name}, "classes"
    seat = jury_services.juror_add(call=call, by=by, user=data["email"], is_chair=data["role"] == "chair")
    if seat.is_chair:
        return _("%(name)s chairs the jury.") % {"name": seat.user.name}, "jury"
    return _("%(name)s is on the jury.") % {"name": seat.user.name}, "jury"


@login_required_keep_input
def call_manage(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    call = get_object_or_404(Call, pk=pk)
    _office(request, call)
    forms = {name: form_class() for name, form_class in MANAGE_FORMS.items()}
    kept = pop_kept_input(request)
    if kept is not None and kept.get("form") in MANAGE_FORMS:
        forms[kept["form"]] = MANAGE_FORMS[kept["form"]](kept)
    if request.method == "POST":
        which = request.POST.get("form", "")
        if which == "assign_all":
            return _assign_all(request, call)
        if which not in MANAGE_FORMS:
            return HttpResponseBadRequest()
        form = forms[which] = MANAGE_FORMS[which](request.POST)
        if form.is_valid():
            saved = apply(form, lambda: _manage_save(which, call, request.user, form.cleaned_data))
            if saved is not None:
                message, anchor = saved
                messages.success(request, message)
                return redirect(with_anchor("calls:manage", call.pk, anchor))
    return render(request, "calls/manage.html", _manage_context(request, call, forms))


def _juror_rows(call: Call) -> list[dict]:
    """Each juror with how many applications they are assigned, have scored, and are recused from."""
    seats = list(call.jurors.select_related("user__unit"))
    recused = selectors.recusals(call=call)
    counts: dict[int, tuple[int, int]] = {
        juror_id: (assigned, scored)
        for juror_id, assigned, scored in Assignment.objects.filter(application__call=call)
        .values("juror_id")
        .annotate(assigned=Count("pk"), scored=Count("pk", filter=Q(submitted_at__isnull=False)))
        .values_list("juror_id", "assigned", "scored")
    }
    return [
        {
            "seat": seat,
            "assigned": counts.get(seat.user_id, (0, 0))[0],
            "scored": counts.get(seat.user_id, (0, 0))[1],
            "recused": len(recused.get(seat.user_id, ())),
        }
        for seat in seats
    ]


def _manage_context(request: AuthenticatedRequest, call: Call, forms: dict) -> dict:
    filter_form = ApplicationFilterForm(request.GET or None)
    status = filter_form.cleaned_data.get("status", "") if filter_form.is_valid() else ""
    page_obj = Paginator(selectors.call_applications(call=call, status=status), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    counts = dict(
        call.applications.exclude(status=Status.DRAFT).values_list("status").annotate(n=Count("pk")).order_by()
    )
    return {
        "call": call,
        "criteria": list(call.criteria.all()),
        # What may still be taken out (the services check again): the rubric until the first score,
        # a class while no application has chosen it.
        "rubric_open": not policies.rubric_frozen(call),
        "categories": list(call.categories.annotate(n_applications=Count("applications"))),
        "jurors": _juror_rows(call),
        "filter_form": filter_form,
        "page_obj": page_obj,
        "page_range": page_range(page_obj),
        "counts": [(s, counts.get(s.value, 0)) for s in Status if s != Status.DRAFT],
        "eligible": counts.get(Status.IN_REVIEW.value, 0),
        "criterion_form": forms["criterion"],
        "category_form": forms["category"],
        "juror_form": forms["juror"],
    }


def _assign_all(request: AuthenticatedRequest, call: Call) -> HttpResponse:
    """Every eligible application to every juror not recused from it; existing assignments are kept."""
    recused = selectors.recusals(call=call)
    seats = list(call.jurors.select_related("user__unit"))
    existing = set(Assignment.objects.filter(application__call=call).values_list("application_id", "juror_id"))
    made = skipped = 0
    try:
        with transaction.atomic():
            for application in call.applications.filter(status=Status.IN_REVIEW).order_by("pk"):
                for seat in seats:
                    if application.pk in recused.get(seat.user_id, ()):
                        skipped += 1
                    elif (application.pk, seat.user_id) not in existing:
                        jury_services.assignment_add(application=application, juror=seat.user, by=request.user)
                        made += 1
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _(
                "New assignments: %(made)s. Left out because the juror is recused (same organisation or a declared conflict): %(skipped)s."
            )
            % {"made": made, "skipped": skipped},
        )
    return redirect(with_anchor("calls:manage", call.pk, "applications"))


def _confirm(request: AuthenticatedRequest, pk: int, *, template: str, action, done: str, is_done) -> HttpResponse:
    """A confirmation page for one of the office's irreversible steps on a call; done once."""
    _office(request)
    call = get_object_or_404(Call, pk=pk)
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and is_done(call):
        return redirect("calls:manage", pk=call.pk)
    if request.method == "POST" and form.is_valid():
        apply(form, lambda: action(call=call, by=request.user))
        if form.is_valid():
            messages.success(request, done)
            return redirect("calls:manage", pk=call.pk)
    return render(request, template, {"call": call, "form": form})


@login_required
def call_publish(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _confirm(
        request,
        pk,
        template="calls/manage_publish.html",
        action=call_services.call_publish,
        is_done=lambda call: call.published,
        done=_("The call is published. People can apply from its opening date."),
    )


@login_required
def results_publish(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _confirm(
        request,
        pk,
        template="calls/manage_results.html",
        action=decision_services.results_publish,
        is_done=lambda call: call.results_published_at is not None,
        done=_("The results are published: the winners and the record of every decision are public."),
    )


def _remove(
    request: AuthenticatedRequest,
    call: Call,
    *,
    template: str,
    context: dict[str, Any],
    action: Callable[[], None],
    done: str,
    anchor: str,
    blocked: bool,
) -> HttpResponse:
    """A confirmation page for taking something out of a call; the service decides, the page says what goes with it.

    ``blocked``: the removal is already known to be refused, so the page says why instead of offering it.
    """
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        apply(form, action)
        if form.is_valid():
            messages.success(request, done)
            return redirect(with_anchor("calls:manage", call.pk, anchor))
        blocked = True
    back = with_anchor("calls:manage", call.pk, anchor)
    return render(request, template, {"call": call, "form": form, "blocked": blocked, "back": back, **context})


@login_required
def juror_remove(request: AuthenticatedRequest, pk: int, user_pk: int) -> HttpResponse:
    call = get_object_or_404(Call, pk=pk)
    _office(request, call)
    seat = get_object_or_404(Juror.objects.select_related("user"), call=call, user_id=user_pk)
    person = seat.user
    scored = Assignment.objects.filter(application__call=call, juror=person, submitted_at__isnull=False).count()
    return _remove(
        request,
        call,
        template="calls/manage_remove_juror.html",
        context={
            "seat": seat,
            "person": person,
            "scored": scored,
            "unscored": jury_services.juror_unscored(call=call, user=person),
        },
        action=lambda: jury_services.juror_remove(call=call, by=request.user, user=person),
        done=_("%(name)s is no longer on the jury.") % {"name": person.name},
        anchor="jury",
        blocked=scored > 0,
    )


@login_required
def criterion_remove(request: AuthenticatedRequest, pk: int, criterion_pk: int) -> HttpResponse:
    call = get_object_or_404(Call, pk=pk)
    _office(request, call)
    criterion = get_object_or_404(Criterion, pk=criterion_pk, call=call)
    only = call.criteria.count() == 1
    scored = policies.rubric_frozen(call)
    return _remove(
        request,
        call,
        template="calls/manage_remove_criterion.html",
        context={"criterion": criterion, "only": only, "scored": scored},
        action=lambda: call_services.criterion_remove(criterion=criterion, by=request.user),
        done=_("The criterion “%(name)s” is removed.") % {"name": criterion.name},
        anchor="criteria",
        blocked=scored or (only and (call.published or call.is_jury_only)),
    )


@login_required
def category_remove(request: AuthenticatedRequest, pk: int, category_pk: int) -> HttpResponse:
    _office(request)
    call = get_object_or_404(Call, pk=pk)
    category = get_object_or_404(Category, pk=category_pk, call=call)
    chosen = Application.objects.filter(category=category).count()
    return _remove(
        request,
        call,
        template="calls/manage_remove_category.html",
        context={"category": category, "chosen": chosen},
        action=lambda: call_services.category_remove(category=category, by=request.user),
        done=_("The class “%(name)s” is removed.") % {"name": category.name},
        anchor="classes",
        blocked=chosen > 0,
    )


# --- the office: one application ---------------------------------------------------------------------


def _assignment_rows(application: Application, seats: list[Juror], recused: dict[int, set[int]]) -> list[dict]:
    assignments = {a.juror_id: a for a in application.assignments.all()}
    conflicts = {c.juror_id: c for c in application.conflicts.all()}
    return [
        {
            "seat": seat,
            "assignment": assignments.get(seat.user_id),
            "recused": application.pk in recused.get(seat.user_id, ()),
            "conflict": conflicts.get(seat.user_id),
        }
        for seat in seats
    ]


@login_required_keep_input
def application_manage(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application = application_or_404(pk)
    call = application.call
    _office(request, call)
    seats = list(call.jurors.select_related("user__unit"))
    recused = selectors.recusals(call=call)
    jurors = User.objects.filter(jury_seats__call=call).order_by("name")
    out = {uid for uid, ids in recused.items() if application.pk in ids}
    forms: dict[str, Any] = {
        "screen": ScreenForm(initial=_screening_initial(application)),
        "assign": AssignForm(jurors=jurors, recused=out),
        "payment": PaymentForm(),
    }
    kept = pop_kept_input(request)
    if kept is not None and kept.get("form") in forms:
        forms[kept["form"]] = _bound(kept["form"], kept, jurors, out)
    status = 200
    if request.method == "POST":
        which = request.POST.get("form", "")
        if which not in forms:
            return HttpResponseBadRequest()
        form = forms[which] = _bound(which, request.POST, jurors, out)
        if form.is_valid():
            try:
                saved = apply(
                    form,
                    lambda: _application_save(which, application, request.user, form.cleaned_data),
                    raising=(ConflictError,),
                )
            except ConflictError as exc:
                # Keep what was chosen and written; the page shows the application as it is now.
                application.refresh_from_db()
                posted = request.POST.copy()
                posted["version"] = str(application.version)
                form = forms[which] = _bound(which, posted, jurors, out)
                form.is_valid()
                form.add_error(None, exc.message)
                status = 409
                saved = None
            if saved is not None:
                message, anchor = saved
                messages.success(request, message)
                return redirect(with_anchor("calls:manage_application", application.pk, anchor))
    application.refresh_from_db(
        fields=["status", "screening_note", "screened_by", "screened_at", "granted_amount", "version"]
    )
    payments = list(application.payments.all())
    can_check = request.user.has_perm("calls.screen_application", application)
    context = {
        "application": application,
        "call": call,
        "problems": policies.eligibility_problems(application),
        # What the applicant stated for each rule, and the attached files: for those who screen only.
        "checks": selectors.screening_checks(application=application) if can_check else [],
        "files": list(application.files.all()) if can_check else [],
        "can_screen": application.status in SCREENABLE and not call.is_jury_only,
        "can_assign": application.status == Status.IN_REVIEW,
        "can_pay": application.status == Status.GRANTED and call.is_funding,
        "assignments": _assignment_rows(application, seats, recused),
        "decision": Decision.objects.filter(application=application).select_related("decided_by").first(),
        "payments": payments,
        "paid": sum((p.amount for p in payments), Decimal(0)),
        "screen_form": forms["screen"],
        "assign_form": forms["assign"],
        "payment_form": forms["payment"],
    }
    return render(request, "calls/manage_application.html", context, status=status)


def _screening_initial(application: Application) -> dict[str, str]:
    screened = {Status.IN_REVIEW: "yes", Status.INELIGIBLE: "no"}.get(Status(application.status), "")
    return {"eligible": screened, "note": application.screening_note, "version": str(application.version)}


def _bound(which: str, data, jurors, recused: set[int]):
    if which == "screen":
        return ScreenForm(data)
    if which == "assign":
        return AssignForm(data, jurors=jurors, recused=recused)
    return PaymentForm(data)


def _application_save(which: str, application: Application, by: User, data: dict) -> tuple[str, str]:
    if which == "screen":
        application_services.application_screen(
            application=application,
            by=by,
            eligible=data["eligible"],
            note=data["note"],
            expected_version=data.get("version"),
        )
        if data["eligible"]:
            return _("The application is eligible and goes to the jury."), "screening"
        return _("The application is not eligible; the applicant is told why."), "screening"
    if which == "assign":
        jury_services.assignment_add(application=application, juror=data["juror"], by=by)
        return _("%(name)s scores the application.") % {"name": data["juror"].name}, "jury"
    decision_services.payment_record(
        application=application, by=by, amount=data["amount"], paid_on=data["paid_on"], note=data["payment_note"]
    )
    return _("The payment is recorded."), "payments"
