"""Pages of events: the list and an event's page (public ones signed out too), the office's pages to set up
an event, decide exhibitors and mark attendance, registering and cancelling, and an example owner's leads.

Thin views: read through ``spread.events.selectors``, write through ``spread.events.services``, decide
through ``spread/events/rules.py``.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from core.decorators import login_required_keep_input
from core.errors import ConflictError, DomainError
from core.forms import apply, show_domain_error
from core.http import AuthenticatedRequest, Request
from core.pagination import page_range
from core.public_cache import changes_at, public_page
from spread.events import selectors, services
from spread.events.calendar import event_ics
from spread.events.forms import (
    ConfirmForm,
    EventForm,
    ExhibitForm,
    InterestForm,
    LeadForm,
    RegisterForm,
    VisitorLeadForm,
)
from spread.models import Event, Exhibitor, ExhibitorStatus, Lead, Registration, RegistrationStatus

PAGE_SIZE = 20


def _event(request: Request, pk: int) -> Event:
    """The event, if the person may see it; anyone else gets the same 404 as for an id that does not exist."""
    event = Event.objects.select_related("network", "organiser").filter(pk=pk).first()
    if event is None or not request.user.has_perm("spread.view_event", event):
        raise Http404
    return event


def _office(request: Request) -> None:
    if not request.user.has_perm("spread.manage_events"):
        raise PermissionDenied


# --- the list and an event's page ----------------------------------------------------------------


@public_page
def event_list(request: Request) -> HttpResponse:
    now = timezone.now()
    upcoming = list(selectors.upcoming_events(user=request.user, now=now)[:50])
    changes_at(request, *(e.ends_at for e in upcoming))  # an event that ends moves to the past ones
    page_obj = Paginator(selectors.past_events(user=request.user, now=now), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "spread/events/list.html",
        {
            "upcoming": upcoming,
            "page_obj": page_obj,
            "page_range": page_range(page_obj),
            "is_office": request.user.has_perm("spread.manage_events"),
        },
    )


@public_page
def event_detail(request: Request, pk: int) -> HttpResponse:
    event = _event(request, pk)
    now = timezone.now()
    changes_at(request, event.starts_at, event.ends_at)  # registration closes, then it is over
    user = request.user
    is_office = user.has_perm("spread.manage_events")
    taken = event.registrations.filter(status=RegistrationStatus.REGISTERED).count()
    waiting = event.registrations.filter(status=RegistrationStatus.WAITING).count()
    mine = selectors.own_registration(event=event, user=user)
    exhibitors = selectors.exhibitors_of(event, with_applications=is_office)
    own_examples = services.examples_to_exhibit(user) if user.is_authenticated else None
    return render(
        request,
        "spread/events/detail.html",
        {
            "event": event,
            "taken": taken,
            "waiting": waiting,
            "free": max(event.capacity - taken, 0),
            "started": event.starts_at <= now,
            "over": event.ends_at <= now,
            "mine": mine,
            "position": services.waiting_position(mine) if mine else None,
            "exhibitors": exhibitors,
            "applications": [e for e in exhibitors if e.status != ExhibitorStatus.ACCEPTED],
            "stands": [e for e in exhibitors if e.status == ExhibitorStatus.ACCEPTED],
            "is_office": is_office,
            "may_exhibit": own_examples is not None and own_examples.exists(),
            "own_applications": selectors.own_applications(event, user),
            "is_fair": event.kind == "fair",
        },
    )


def event_calendar(request: Request, pk: int) -> HttpResponse:
    """The event as a calendar file, to add to one's calendar."""
    event = _event(request, pk)
    response = HttpResponse(event_ics(event, now=timezone.now()), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}.ics"'
    return response


# --- the office ----------------------------------------------------------------------------------


@login_required_keep_input
def event_create(request: AuthenticatedRequest) -> HttpResponse:
    _office(request)
    form = EventForm(request.POST or None, initial={"kind": "fair", "capacity": 100})
    if request.method == "POST" and form.is_valid():
        event = apply(form, lambda: services.event_create(by=request.user, **form.event_data()))
        if event is not None:
            messages.success(request, _("The event “%(title)s” is created.") % {"title": event.title})
            return redirect(event)
    return render(request, "spread/events/form.html", {"form": form, "event": None})


@login_required_keep_input
def event_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    _office(request)
    event = _event(request, pk)
    form = EventForm(request.POST or None, initial=EventForm.initial_for(event))
    conflict = False
    if request.method == "POST" and form.is_valid():
        try:
            saved = apply(
                form,
                lambda: services.event_update(
                    event=event,
                    by=request.user,
                    expected_version=form.cleaned_data["version"] or 0,
                    **form.event_data(),
                ),
                raising=(ConflictError,),
            )
        except ConflictError as exc:
            show_domain_error(form, exc)
            conflict = True
            event.refresh_from_db()
            saved = None
        if saved is not None:
            messages.success(request, _("The changes are saved."))
            return redirect(saved)
    return render(request, "spread/events/form.html", {"form": form, "event": event, "conflict": conflict})


@login_required_keep_input
def event_cancel(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    _office(request)
    event = _event(request, pk)
    form = ConfirmForm(request.POST or None, initial={"version": event.version})
    if request.method == "POST" and form.is_valid():
        done = apply(
            form,
            lambda: services.event_cancel(
                event=event, by=request.user, expected_version=form.cleaned_data["version"] or 0
            ),
        )
        if done is not None:
            messages.success(request, _("The event is cancelled. Everyone registered has been told by mail."))
            return redirect(done)
    taken = event.registrations.exclude(status=RegistrationStatus.CANCELLED).count()
    return render(request, "spread/events/cancel.html", {"form": form, "event": event, "taken": taken})


@login_required_keep_input
def exhibitor_decide(request: AuthenticatedRequest, pk: int, exhibitor_pk: int) -> HttpResponse:
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.has_perm("spread.decide_exhibitor"):
        raise PermissionDenied
    event = _event(request, pk)
    exhibitor = get_object_or_404(Exhibitor, pk=exhibitor_pk, event=event)
    accept = request.POST.get("decision") == "accept"
    try:
        services.exhibitor_decide(exhibitor=exhibitor, by=request.user, accept=accept)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        text = _("“%(title)s” is accepted.") if accept else _("“%(title)s” is declined.")
        messages.success(request, text % {"title": exhibitor.example.title})
    return redirect(f"{event.get_absolute_url()}#exhibitors")


@login_required_keep_input
def attendance(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The office marks who came: everyone with a place, with a checkbox each."""
    if not request.user.has_perm("spread.mark_attendance"):
        raise PermissionDenied
    event = _event(request, pk)
    registrations = list(event.registrations.filter(status=RegistrationStatus.REGISTERED).order_by("name", "pk"))
    errors: list[str] = []
    if request.method == "POST":
        try:
            chosen = {int(v) for v in request.POST.getlist("attended")}
        except ValueError:
            chosen = set()
            errors.append(_("Someone marked is not registered with a place at this event. Reload the list."))
        if not errors:
            try:
                services.attendance_mark(event=event, by=request.user, attended=chosen)
            except DomainError as exc:
                errors.append(exc.message)
            else:
                messages.success(
                    request,
                    _("Attendance is saved: %(n)s of %(total)s came.")
                    % {
                        "n": len(chosen),
                        "total": len(registrations),
                    },
                )
                return redirect("spread:event_attendance", pk=event.pk)
    return render(
        request,
        "spread/events/attendance.html",
        {
            "event": event,
            "registrations": registrations,
            "errors": errors,
            "started": event.starts_at <= timezone.now(),
        },
    )


# --- registering ---------------------------------------------------------------------------------


def event_register(request: Request, pk: int) -> HttpResponse:
    """Register: signed in with one press; signed out (a public event) with a name and an email address."""
    event = _event(request, pk)
    user = request.user
    if user.is_authenticated:
        if request.method != "POST":
            return redirect(event)
        try:
            registration = services.registration_create(event=event, by=user)
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect(event)
        messages.success(request, _registered_message(registration))
        return redirect(event)
    if not event.is_public:
        raise Http404
    form = RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        made = apply(
            form,
            lambda: services.registration_create(
                event=event, by=None, name=form.cleaned_data["name"], email=form.cleaned_data["email"]
            ),
        )
        if made is not None:
            return render(
                request,
                "spread/events/registered.html",
                {"event": event, "registration": made, "message": _registered_message(made)},
            )
    return render(request, "spread/events/register.html", {"form": form, "event": event})


def _registered_message(registration: Registration) -> str:
    if registration.status == RegistrationStatus.REGISTERED:
        return _("You have a place. A confirmation with a calendar file is on its way to %(email)s.") % {
            "email": registration.email
        }
    return _(
        "The event is full: you are number %(n)s on the waiting list. If a place comes free, it is yours at once and "
        "you get a mail at %(email)s."
    ) % {"n": services.waiting_position(registration), "email": registration.email}


@login_required_keep_input
def registration_cancel(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    registration = get_object_or_404(Registration.objects.select_related("event"), pk=pk, person=request.user)
    form = ConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = apply(form, lambda: services.registration_cancel(registration=registration, by=request.user))
        if done is not None:
            messages.success(request, _("Your registration is cancelled."))
            return redirect(registration.event)
    return render(
        request,
        "spread/events/registration_cancel.html",
        {"form": form, "registration": registration, "event": registration.event},
    )


def registration_cancel_token(request: Request, pk: int, token: str) -> HttpResponse:
    """Cancel with the link in the confirmation mail, without signing in."""
    registration = Registration.objects.select_related("event").filter(pk=pk).first()
    if registration is None or not token or services.token_hash(token) != registration.cancel_token_hash:
        raise Http404
    form = ConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = apply(
            form,
            lambda: services.registration_cancel(
                registration=registration, by=request.user if request.user.is_authenticated else None, token=token
            ),
        )
        if done is not None:
            return render(request, "spread/events/registration_cancelled.html", {"event": registration.event})
    return render(
        request,
        "spread/events/registration_cancel.html",
        {"form": form, "registration": registration, "event": registration.event},
    )


# --- exhibitors and leads ------------------------------------------------------------------------


@login_required_keep_input
def exhibitor_apply(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    examples = services.examples_to_exhibit(request.user)
    form = ExhibitForm(request.POST or None, examples=examples)
    if request.method == "POST" and form.is_valid():
        exhibitor = apply(
            form,
            lambda: services.exhibitor_apply(
                event=event,
                example=form.cleaned_data["example"],
                by=request.user,
                message=form.cleaned_data["message"],
            ),
        )
        if exhibitor is not None:
            messages.success(request, _("Your application is sent. The innovation office decides and you are told."))
            return redirect(event)
    return render(
        request,
        "spread/events/exhibit.html",
        {"form": form, "event": event, "has_examples": examples.exists()},
    )


@login_required_keep_input
def exhibitor_withdraw(request: AuthenticatedRequest, pk: int, exhibitor_pk: int) -> HttpResponse:
    """The example's owner withdraws an application to exhibit, after confirming."""
    event = _event(request, pk)
    exhibitor = Exhibitor.objects.select_related("example").filter(pk=exhibitor_pk, event=event).first()
    if exhibitor is None or not request.user.has_perm("spread.withdraw_exhibitor", exhibitor):
        raise Http404
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        done = apply(form, lambda: services.exhibitor_withdraw(exhibitor=exhibitor, by=request.user))
        if done is not None:
            messages.success(
                request,
                _("The application for “%(title)s” is withdrawn. You may apply again until the fair starts.")
                % {"title": exhibitor.example.title},
            )
            return redirect(f"{event.get_absolute_url()}#exhibitors")
    return render(
        request,
        "spread/events/exhibitor_withdraw.html",
        {"form": form, "event": event, "exhibitor": exhibitor, "started": event.starts_at <= timezone.now()},
    )


@login_required_keep_input
def lead_create(request: AuthenticatedRequest, pk: int, exhibitor_pk: int) -> HttpResponse:
    """ "We want to know more": the visitor at a stand, or its exhibitor noting a visitor."""
    event = _event(request, pk)
    exhibitor = get_object_or_404(
        Exhibitor.objects.select_related("example"), pk=exhibitor_pk, event=event, status=ExhibitorStatus.ACCEPTED
    )
    is_owner = exhibitor.example.owner_id == request.user.pk
    form: InterestForm | VisitorLeadForm = (VisitorLeadForm if is_owner else InterestForm)(request.POST or None)
    if request.method == "POST" and form.is_valid():
        lead = apply(form, lambda: services.lead_create(exhibitor=exhibitor, by=request.user, **form.cleaned_data))
        if lead is not None:
            if is_owner:
                messages.success(request, _("The visitor's interest is noted among your leads."))
            else:
                messages.success(request, _("Your interest is sent to the example's owner, who will contact you."))
            return redirect(f"{event.get_absolute_url()}#exhibitors")
    return render(
        request,
        "spread/events/interest.html",
        {"form": form, "event": event, "exhibitor": exhibitor, "is_owner": is_owner},
    )


@login_required_keep_input
def my_leads(request: AuthenticatedRequest) -> HttpResponse:
    from spread.models import LeadStatus

    # Only a status the leads can have filters them; anything else in the address shows them all.
    status = request.GET.get("status", "")
    status = status if status in LeadStatus.values else ""
    leads = selectors.leads_of_owner(request.user)
    if status:
        leads = leads.filter(status=status)
    page_obj = Paginator(leads, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "spread/events/leads.html",
        {
            "page_obj": page_obj,
            "page_range": page_range(page_obj),
            "status": status,
            "statuses": LeadStatus.choices,
        },
    )


@login_required_keep_input
def lead_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    lead = Lead.objects.select_related("example", "event").filter(pk=pk).first()
    if lead is None or not request.user.has_perm("spread.follow_up_lead", lead):
        raise Http404
    adoptions = lead.example.adoptions.select_related("unit").order_by("-start_date", "-pk")
    form = LeadForm(
        request.POST or None,
        adoptions=adoptions,
        initial={"status": lead.status, "adoption": lead.adoption_id, "note": lead.note},
    )
    if request.method == "POST" and form.is_valid():
        saved = apply(
            form,
            lambda: services.lead_update(
                lead=lead,
                by=request.user,
                status=form.cleaned_data["status"],
                adoption=form.cleaned_data["adoption"],
                note=form.cleaned_data["note"],
            ),
        )
        if saved is not None:
            messages.success(request, _("The lead is updated."))
            return redirect("spread:my_leads")
    return render(request, "spread/events/lead.html", {"form": form, "lead": lead, "has_adoptions": adoptions.exists()})
