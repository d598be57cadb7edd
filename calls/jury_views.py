"""Pages for the city's innovation office, the jurors and the jury's chair.

Thin views: read through selectors, write through services, decide through ``calls/rules.py``.
An application a juror is recused from does not exist for them (404), whatever the URL.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.http import urlencode
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from calls import selectors, services
from calls.jury_forms import (
    ApplicationFilterForm,
    AssignForm,
    CallEditForm,
    CallForm,
    CategoryForm,
    ConfirmForm,
    ConflictForm,
    CriterionForm,
    DecisionForm,
    JurorForm,
    PaymentForm,
    ScoreForm,
    ScreenForm,
    score_initial,
)
from calls.models import (
    Application,
    Assignment,
    Call,
    Category,
    Criterion,
    Decision,
    Juror,
    Programme,
    Score,
    Status,
)
from calls.rules import WITH_THE_JURY, is_recused
from core.city import CITY_TIME_ZONE
from core.decorators import login_required_keep_input, pop_kept_input
from core.errors import ConflictError, DomainError
from organisation.models import User

PAGE_SIZE = 25

#: Statuses an application can be screened in.
SCREENABLE = (Status.SUBMITTED, Status.IN_REVIEW, Status.INELIGIBLE)


def _office(request) -> None:
    if not request.user.has_perm("calls.manage_calls"):
        raise PermissionDenied


def _application(pk: int) -> Application:
    application = (
        Application.objects.select_related("call", "applicant__unit", "unit", "category", "idea")
        .prefetch_related("budget_lines")
        .filter(pk=pk)
        .first()
    )
    if application is None:
        raise Http404
    return application


def _with_anchor(name: str, pk: int, anchor: str) -> str:
    return f"{reverse(name, args=[pk])}#{anchor}"


@dataclass
class ScoreSheet:
    """One juror's scores on an application, criterion by criterion, with the weighted total."""

    juror: User
    total: Decimal | None
    lines: list[tuple[Criterion, Score | None]]


def _sheet(juror: User, scores: list[Score], criteria: list[Criterion]) -> ScoreSheet:
    by_criterion = {s.criterion_id: s for s in scores}
    weights = {c.pk: c.weight for c in criteria}
    total = selectors.weighted_total(scores, weights) if scores else None
    return ScoreSheet(juror=juror, total=total, lines=[(c, by_criterion.get(c.pk)) for c in criteria])


# --- the office: calls ---------------------------------------------------------------------------


@login_required_keep_input
def call_create(request):
    _office(request)
    if request.method == "POST":
        form = CallForm(request.POST)
        if form.is_valid():
            try:
                call = services.call_create(by=request.user, **form.call_data())
            except DomainError as exc:
                form.apply_domain_error(exc)
            else:
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
    initial: dict[str, Any] = {name: getattr(call, name) for name in services.CALL_FIELDS}
    for prefix, moment in (("opens", call.opens_at), ("closes", call.closes_at)):
        local = timezone.localtime(moment, CITY_TIME_ZONE)
        initial[f"{prefix}_on"] = local.date()
        initial[f"{prefix}_time"] = local.time().replace(second=0, microsecond=0)
    initial["version"] = call.version
    return initial


#: The form's fields that show a moment of the call (a date and a time of day).
_MOMENT_FIELDS = {"opens_at": ("opens_on", "opens_time"), "closes_at": ("closes_on", "closes_time")}


def _frozen(call: Call) -> dict[str, str]:
    """The form's fields that can no longer change, each with why (``services.call_frozen``)."""
    return {
        field: reason
        for name, reason in services.call_frozen(call).items()
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
    for name in services.CALL_FIELDS:
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
def call_edit(request, pk: int):
    """Change a call, published or not; what those who took part rely on is shown frozen, with why."""
    _office(request)
    call = get_object_or_404(Call, pk=pk)
    status = 200
    saved_now: list[tuple[str, str]] = []
    if request.method == "POST":
        form = CallEditForm(request.POST, initial=_call_initial(call), frozen=_frozen(call))
        if form.is_valid():
            data = form.call_data()
            fields = {name: data[name] for name in services.CALL_FIELDS}
            fields["opens_at"] = _same_minute(fields["opens_at"], call.opens_at)
            fields["closes_at"] = _same_minute(fields["closes_at"], call.closes_at)
            version = form.cleaned_data["version"]
            try:
                updated = services.call_update(call=call, by=request.user, expected_version=version, **fields)
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
            except DomainError as exc:
                form.apply_domain_error(exc)
            else:
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
        criterion = services.criterion_add(call=call, by=by, **data)
        return _("The criterion “%(name)s” is added.") % {"name": criterion.name}, "criteria"
    if which == "category":
        category = services.category_add(call=call, by=by, name=data["class_name"], entry_rule=data["entry_rule"])
        return _("The class “%(name)s” is added.") % {"name": category.name}, "classes"
    seat = services.juror_add(call=call, by=by, user=data["email"], is_chair=data["role"] == "chair")
    if seat.is_chair:
        return _("%(name)s chairs the jury.") % {"name": seat.user.name}, "jury"
    return _("%(name)s is on the jury.") % {"name": seat.user.name}, "jury"


@login_required_keep_input
def call_manage(request, pk: int):
    _office(request)
    call = get_object_or_404(Call, pk=pk)
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
            try:
                message, anchor = _manage_save(which, call, request.user, form.cleaned_data)
            except DomainError as exc:
                form.apply_domain_error(exc)
            else:
                messages.success(request, message)
                return redirect(_with_anchor("calls:manage", call.pk, anchor))
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


def _manage_context(request, call: Call, forms: dict) -> dict:
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
        "rubric_open": not Score.objects.filter(assignment__application__call=call).exists(),
        "categories": list(call.categories.annotate(n_applications=Count("applications"))),
        "jurors": _juror_rows(call),
        "filter_form": filter_form,
        "page_obj": page_obj,
        "page_range": page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1),
        "counts": [(s, counts.get(s.value, 0)) for s in Status if s != Status.DRAFT],
        "eligible": counts.get(Status.IN_REVIEW.value, 0),
        "criterion_form": forms["criterion"],
        "category_form": forms["category"],
        "juror_form": forms["juror"],
    }


def _assign_all(request, call: Call):
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
                        services.assignment_add(application=application, juror=seat.user, by=request.user)
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
    return redirect(_with_anchor("calls:manage", call.pk, "applications"))


def _confirm(request, pk: int, *, template: str, action, done: str, is_done) -> Any:
    """A confirmation page for one of the office's irreversible steps on a call; done once."""
    _office(request)
    call = get_object_or_404(Call, pk=pk)
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and is_done(call):
        return redirect("calls:manage", pk=call.pk)
    if request.method == "POST" and form.is_valid():
        try:
            action(call=call, by=request.user)
        except DomainError as exc:
            form.apply_domain_error(exc)
        else:
            messages.success(request, done)
            return redirect("calls:manage", pk=call.pk)
    return render(request, template, {"call": call, "form": form})


@login_required
def call_publish(request, pk: int):
    return _confirm(
        request,
        pk,
        template="calls/manage_publish.html",
        action=services.call_publish,
        is_done=lambda call: call.published,
        done=_("The call is published. People can apply from its opening date."),
    )


@login_required
def results_publish(request, pk: int):
    return _confirm(
        request,
        pk,
        template="calls/manage_results.html",
        action=services.results_publish,
        is_done=lambda call: call.results_published_at is not None,
        done=_("The results are published: the winners and the record of every decision are public."),
    )


def _remove(
    request,
    call: Call,
    *,
    template: str,
    context: dict[str, Any],
    action: Callable[[], None],
    done: str,
    anchor: str,
    blocked: bool,
):
    """A confirmation page for taking something out of a call; the service decides, the page says what goes with it.

    ``blocked``: the removal is already known to be refused, so the page says why instead of offering it.
    """
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            action()
        except DomainError as exc:
            form.apply_domain_error(exc)
            blocked = True
        else:
            messages.success(request, done)
            return redirect(_with_anchor("calls:manage", call.pk, anchor))
    back = _with_anchor("calls:manage", call.pk, anchor)
    return render(request, template, {"call": call, "form": form, "blocked": blocked, "back": back, **context})


@login_required
def juror_remove(request, pk: int, user_pk: int):
    _office(request)
    call = get_object_or_404(Call, pk=pk)
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
            "unscored": services.juror_unscored(call=call, user=person),
        },
        action=lambda: services.juror_remove(call=call, by=request.user, user=person),
        done=_("%(name)s is no longer on the jury.") % {"name": person.name},
        anchor="jury",
        blocked=scored > 0,
    )


@login_required
def criterion_remove(request, pk: int, criterion_pk: int):
    _office(request)
    call = get_object_or_404(Call, pk=pk)
    criterion = get_object_or_404(Criterion, pk=criterion_pk, call=call)
    only = call.criteria.count() == 1
    scored = Score.objects.filter(assignment__application__call=call).exists()
    return _remove(
        request,
        call,
        template="calls/manage_remove_criterion.html",
        context={"criterion": criterion, "only": only, "scored": scored},
        action=lambda: services.criterion_remove(criterion=criterion, by=request.user),
        done=_("The criterion “%(name)s” is removed.") % {"name": criterion.name},
        anchor="criteria",
        blocked=scored or (only and call.published),
    )


@login_required
def category_remove(request, pk: int, category_pk: int):
    _office(request)
    call = get_object_or_404(Call, pk=pk)
    category = get_object_or_404(Category, pk=category_pk, call=call)
    chosen = Application.objects.filter(category=category).count()
    return _remove(
        request,
        call,
        template="calls/manage_remove_category.html",
        context={"category": category, "chosen": chosen},
        action=lambda: services.category_remove(category=category, by=request.user),
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
def application_manage(request, pk: int):
    _office(request)
    application = _application(pk)
    call = application.call
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
                message, anchor = _application_save(which, application, request.user, form.cleaned_data)
            except ConflictError as exc:
                # Keep what was chosen and written; the page shows the application as it is now.
                application.refresh_from_db()
                posted = request.POST.copy()
                posted["version"] = str(application.version)
                form = forms[which] = _bound(which, posted, jurors, out)
                form.is_valid()
                form.add_error(None, exc.message)
                status = 409
            except DomainError as exc:
                form.apply_domain_error(exc)
            else:
                messages.success(request, message)
                return redirect(_with_anchor("calls:manage_application", application.pk, anchor))
    application.refresh_from_db(
        fields=["status", "screening_note", "screened_by", "screened_at", "granted_amount", "version"]
    )
    payments = list(application.payments.all())
    can_check = request.user.has_perm("calls.screen_application", application)
    context = {
        "application": application,
        "call": call,
        "problems": services.eligibility_problems(application),
        # What the applicant stated for each rule, and the attached files: for those who screen only.
        "checks": selectors.screening_checks(application=application) if can_check else [],
        "files": list(application.files.all()) if can_check else [],
        "can_screen": application.status in SCREENABLE,
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
        services.application_screen(
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
        services.assignment_add(application=application, juror=data["juror"], by=by)
        return _("%(name)s scores the application.") % {"name": data["juror"].name}, "jury"
    services.payment_record(
        application=application, by=by, amount=data["amount"], paid_on=data["paid_on"], note=data["payment_note"]
    )
    return _("The payment is recorded."), "payments"


# --- the jurors ----------------------------------------------------------------------------------


#: Rows of one call's table on the overview; the whole list, a page at a time, is at ``?call=<pk>``.
JURY_OVERVIEW_ROWS = 10
#: Rows per page when one call's applications are shown alone.
JURY_PAGE_SIZE = 25
#: The table's filter: what each choice keeps (``show`` in the query string).
JURY_FILTERS = ("to_score", "submitted", "all")


def _filtered(applications, show: str):
    if show == "to_score":
        return applications.filter(submitted=False, status=Status.IN_REVIEW)
    if show == "submitted":
        return applications.filter(submitted=True)
    return applications


def _jury_counts(*, user: User, recused: set[int]) -> dict[int, dict[str, Any]]:
    """Call id → how many applications the juror has there, has submitted, and has left to score."""
    rows = (
        Assignment.objects.filter(juror=user, application__status__in=WITH_THE_JURY)
        .exclude(application_id__in=recused)
        .values("application__call_id")
        .annotate(
            total=Count("pk"),
            scored=Count("pk", filter=Q(submitted_at__isnull=False)),
            left=Count("pk", filter=Q(submitted_at__isnull=True, application__status=Status.IN_REVIEW)),
        )
        .order_by()
    )
    return {row["application__call_id"]: dict(row) for row in rows}


@login_required
def jury_home(request):
    """Each jury seat with its applications: the calls with work left first, then the others, latest first.

    ``?call=<pk>`` shows one call's applications alone, a page at a time; ``?show=`` filters them.
    """
    user = request.user
    seats = list(Juror.objects.filter(user=user).select_related("call").order_by("-call__closes_at", "-call__pk"))
    only = request.GET.get("call")
    if only is not None:
        seats = [seat for seat in seats if str(seat.call_id) == only.strip()]
        if not seats:
            raise Http404
    recused = {seat.call_id: selectors.recused_ids(user=user, call=seat.call) for seat in seats}
    counts = _jury_counts(user=user, recused=set().union(*recused.values()))
    work = []
    context: dict[str, Any] = {"single": only is not None}
    for seat in seats:
        count = counts.get(seat.call_id, {})
        total, scored, left = count.get("total", 0), count.get("scored", 0), count.get("left", 0)
        item: dict[str, Any] = {
            "seat": seat,
            "total": total,
            "scored": scored,
            "left": left,
            "published": seat.call.results_published_at is not None,
            "applications": [],
        }
        work.append(item)
        if not total or (item["published"] and only is None):
            continue
        show = request.GET.get("show", "") if only is not None else ""
        if show not in JURY_FILTERS:
            show = "to_score" if left else "all"
        item["show"] = show
        item["filters"] = [
            ("to_score", _("To score"), left),
            ("submitted", _("Submitted"), scored),
            ("all", _("All"), total),
        ]
        applications = _filtered(
            selectors.juror_applications(user=user, call=seat.call, recused=recused[seat.call_id]), show
        )
        if only is not None:
            page_obj = Paginator(applications, JURY_PAGE_SIZE).get_page(request.GET.get("page"))
            item["applications"] = page_obj.object_list
            context["page_obj"] = page_obj
            context["page_range"] = page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)
        else:
            rows = list(applications[: JURY_OVERVIEW_ROWS + 1])
            item["more"] = len(rows) > JURY_OVERVIEW_ROWS
            item["applications"] = rows[:JURY_OVERVIEW_ROWS]
    # Where work is left comes first; the seats are already latest deadline first, and the sort keeps that order.
    work.sort(key=lambda item: not item["left"])
    context["work"] = work
    return render(request, "calls/jury.html", context)


def _to_score(request, pk: int) -> Application:
    """The application, if the person is assigned it and not recused from it; otherwise it does not exist for them."""
    application = _application(pk)
    user = request.user
    assigned = application.assignments.filter(juror=user).exists() and not is_recused(user, application)
    if not assigned or application.status not in WITH_THE_JURY:
        raise Http404
    return application


@login_required_keep_input
def score(request, pk: int):
    application = _to_score(request, pk)
    call = application.call
    criteria = list(call.criteria.all())
    assignment = Assignment.objects.get(application=application, juror=request.user)
    own = list(assignment.scores.all())
    form_args: dict[str, Any] = {"criteria": criteria, "scale_min": call.scale_min, "scale_max": call.scale_max}
    form = None
    status = 200
    conflict = False
    if assignment.submitted_at is None and application.status == Status.IN_REVIEW:
        kept = pop_kept_input(request)
        form = (
            ScoreForm(kept, **form_args)
            if kept is not None
            else ScoreForm(initial=score_initial(version=assignment.version, scores=own), **form_args)
        )
    if request.method == "POST":
        if form is None:
            if assignment.submitted_at is not None:
                messages.error(request, _("Your scores are submitted and final."))
            else:
                messages.error(request, _("The application is no longer with the jury; scores can no longer be given."))
            return redirect("calls:score", pk=application.pk)
        form = ScoreForm(request.POST, **form_args)
        if form.is_valid():
            submitting = "submit" in request.POST
            try:
                services.scores_save(
                    application=application,
                    juror=request.user,
                    expected_version=form.cleaned_data["version"],
                    scores=form.scores(),
                    submit=submitting,
                )
            except ConflictError as exc:
                # Keep what this juror wrote, beside the scores saved meanwhile; saving again is their choice.
                assignment.refresh_from_db()
                own = list(assignment.scores.all())
                if assignment.submitted_at is not None:
                    messages.error(request, _("Your scores were submitted from another window and are final."))
                    return redirect("calls:score", pk=application.pk)
                data = request.POST.copy()
                data["version"] = str(assignment.version)
                form = ScoreForm(data, **form_args)
                form.is_valid()
                form.add_error(None, exc.message)
                status, conflict = 409, True
            except DomainError as exc:
                if exc.code == "locked":
                    messages.error(request, exc.message)
                    return redirect("calls:score", pk=application.pk)
                form.apply_domain_error(exc)
            else:
                if submitting:
                    messages.success(request, _("Your scores are submitted. You can now see the other jurors' scores."))
                else:
                    messages.success(request, _("Your scores are saved. Submit them when every criterion is scored."))
                return redirect("calls:score", pk=application.pk)
    context = {
        "application": application,
        "call": call,
        "criteria": criteria,
        "assignment": assignment,
        "form": form,
        "conflict": conflict,
        "own_sheets": [_sheet(request.user, own, criteria)],
        "others": [],
        "show_identity": request.user.has_perm("calls.see_applicant", application),
    }
    if assignment.submitted_at is not None:
        context["others"] = [
            _sheet(a.juror, list(a.scores.all()), criteria)
            for a in selectors.others_scores(application=application, juror=request.user)
        ]
    return render(request, "calls/score.html", context, status=status)


@login_required_keep_input
def conflict_declare(request, pk: int):
    application = _to_score(request, pk)
    own = Assignment.objects.get(application=application, juror=request.user)
    if own.submitted_at is not None or application.status != Status.IN_REVIEW:
        messages.warning(
            request,
            _(
                "Your scores are submitted or the application is no longer with the jury: tell the city's innovation office (executive office) of the conflict instead."
            ),
        )
        return redirect("calls:score", pk=application.pk)
    form = ConflictForm(request.POST if request.method == "POST" else pop_kept_input(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.conflict_declare(application=application, juror=request.user, reason=form.cleaned_data["reason"])
        except DomainError as exc:
            form.apply_domain_error(exc)
        else:
            messages.success(
                request,
                _(
                    "You are recused from “%(title)s”. It is no longer in your list, and the city's innovation office is shown why."
                )
                % {"title": application.title},
            )
            return redirect("calls:jury")
    return render(request, "calls/jury_conflict.html", {"application": application, "form": form})


# --- the chair ---------------------------------------------------------------------------------------


#: Ranked applications per page.
RANKING_PAGE_SIZE = 50


@login_required
def ranking(request, pk: int):
    call = get_object_or_404(Call, pk=pk)
    user = request.user
    if not user.has_perm("calls.view_ranking", call):
        raise PermissionDenied
    is_office = user.has_perm("calls.manage_calls")
    # Nothing of an application the chair is recused from: not its title, not its scores, not its amount.
    out, own_first = (set(), set()) if is_office else _left_out(call, user)
    # A call with classes is ranked and decided class by class: one class at a time (``?class=``).
    classes = selectors.ranking_classes(call=call, exclude=out | own_first)
    wanted = request.GET.get("class")
    current = next((c for c in classes if c.key == wanted), classes[0] if classes else None)
    category = None if current is None else (current.category or selectors.UNCLASSED)
    ranked = selectors.ranked(call=call, exclude=out | own_first, category=category)
    recused = call.applications.filter(status__in=selectors.RANKED, pk__in=out)
    hidden = selectors.in_ranking_class(recused, category).count() if out else 0
    seat = Juror.objects.filter(call=call, user=user).first()
    # A large call ranks hundreds of applications: one ordered query, a page at a time.
    page_obj = Paginator(ranked, RANKING_PAGE_SIZE).get_page(request.GET.get("page"))
    page_obj.object_list = selectors.ranking_rows(page_obj.object_list, call=call)
    granted = (
        Decision.objects.filter(application__call=call, granted=True)
        .exclude(application__in=out)
        .aggregate(total=Sum("amount"))["total"]
    ) or Decimal(0)
    return render(
        request,
        "calls/ranking.html",
        {
            "call": call,
            "classes": classes,
            "current_class": current,
            "page_obj": page_obj,
            "page_range": page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1),
            "hidden": hidden,
            "own_first": len(own_first),
            "criteria": list(call.criteria.all()),
            "is_chair": seat is not None and seat.is_chair,
            "can_manage": is_office,
            "show_identity": is_office or not call.blind_review,
            "granted_sum": granted,
            "threshold": (Decimal(call.scale_max - call.scale_min) * services.DISAGREEMENT_SHARE).quantize(
                Decimal("0.01")
            ),
        },
    )


def _left_out(call: Call, user: User) -> tuple[set[int], set[int]]:
    """What a chair's ranking leaves out: the applications they are recused from (nothing of them is shown),
    and those they are still to score themselves (jurors score independently: these join the ranking,
    scores and place alike, once the chair has submitted their own)."""
    out = selectors.recused_ids(user=user, call=call)
    own_first = (
        set(
            Assignment.objects.filter(
                application__call=call, juror=user, submitted_at__isnull=True, application__status=Status.IN_REVIEW
            ).values_list("application_id", flat=True)
        )
        - out
    )
    return out, own_first


def _ranking_place(call: Call, user: User, application: Application) -> str:
    """The ranking page the application is on, as this chair sees the ranking, at its row."""
    out, own_first = _left_out(call, user)
    key, category = _class_of(call, application)
    order = list(selectors.ranked(call=call, exclude=out | own_first, category=category).values_list("pk", flat=True))
    page = order.index(application.pk) // RANKING_PAGE_SIZE + 1 if application.pk in order else 1
    query = urlencode({name: value for name, value in (("class", key), ("page", page if page > 1 else None)) if value})
    return f"{reverse('calls:ranking', args=[call.pk])}{'?' if query else ''}{query}#application-{application.pk}"


def _class_of(call: Call, application: Application) -> tuple[str | None, Category | str | None]:
    """The ranking class an application is ranked and decided in: (its ``?class=`` key, the ``ranked`` filter)."""
    if application.category_id is not None:
        return str(application.category_id), application.category
    if call.categories.exists():
        return selectors.UNCLASSED, selectors.UNCLASSED
    return None, None


@login_required_keep_input
def decide(request, pk: int):
    application = _application(pk)
    user = request.user
    if not user.has_perm("calls.view_application", application):
        raise Http404
    if not user.has_perm("calls.decide_application", application):
        raise PermissionDenied
    call = application.call
    criteria = list(call.criteria.all())
    decision = Decision.objects.filter(application=application).select_related("decided_by").first()
    form = None
    if decision is None and application.status == Status.IN_REVIEW:
        form = DecisionForm(pop_kept_input(request), funding=call.is_funding)
        if request.method == "POST":
            form = DecisionForm(request.POST, funding=call.is_funding)
            if form.is_valid():
                data = form.cleaned_data
                try:
                    services.decision_record(
                        application=application,
                        by=user,
                        granted=data["granted"],
                        justification=data["justification"],
                        amount=data.get("amount"),
                    )
                except DomainError as exc:
                    form.apply_domain_error(exc)
                else:
                    messages.success(
                        request,
                        _("The decision on “%(title)s” is recorded; the applicant is told.")
                        % {"title": application.title},
                    )
                    return redirect(_ranking_place(call, user, application))
    elif request.method == "POST":
        if decision is not None:
            messages.error(request, _("This application is already decided."))
        else:
            messages.error(request, _("Only applications with the jury can be decided."))
        return redirect("calls:decide", pk=application.pk)
    row = next(iter(selectors.ranking(call=call, only=application)), None)
    # Jurors score independently: a chair who is to score it sees the jury's scores once theirs are in.
    own_first = (
        application.status == Status.IN_REVIEW
        and Assignment.objects.filter(application=application, juror=user, submitted_at__isnull=True).exists()
    )
    if own_first:
        row = None
    key, _category = _class_of(call, application)
    return render(
        request,
        "calls/decide.html",
        {
            "application": application,
            "call": call,
            "ranking_url": reverse("calls:ranking", args=[call.pk]) + (f"?{urlencode({'class': key})}" if key else ""),
            "row": row,
            "own_first": own_first,
            "sheets": [
                _sheet(total.juror, list(total.per_criterion.values()), criteria)
                for total in (row.jurors if row else [])
            ],
            "decision": decision,
            "form": form,
            "show_identity": request.user.has_perm("calls.see_applicant", application),
        },
    )
