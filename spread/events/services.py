"""Writes of events: setting them up, exhibitors, registrations and the waiting list, attendance, leads, reminders.

A registration takes the event's row lock (``select_for_update``; on SQLite every transaction is
``IMMEDIATE``, which holds the database's write lock from its start), then counts the places taken: two
people taking the last place at the same moment are served one after the other, so one gets it and the
other is put on the waiting list. An event is never over its capacity.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import URLValidator, validate_email
from django.db import IntegrityError, transaction
from django.dispatch import Signal
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.audit import actor_from
from core.city import CITY_TIME_ZONE
from core.errors import ConflictError, DomainError, ErrorCode, require
from core.models import Notification
from core.services import notify
from organisation.models import Unit, User
from spread.events.calendar import event_ics
from spread.models import (
    Adoption,
    Event,
    EventKind,
    Example,
    ExampleStatus,
    Exhibitor,
    ExhibitorStatus,
    Lead,
    LeadStatus,
    Network,
    Registration,
    RegistrationStatus,
)

#: Sent inside ``attendance_mark``'s transaction with the event, its registrations with a place as marked, who
#: marked them and when (``learning`` records a course session's completions from it).
attendance_marked = Signal()

#: What the office sets on an event (the service's keyword arguments and the form's fields).
EVENT_FIELDS = (
    "kind",
    "title",
    "description",
    "starts_at",
    "ends_at",
    "place",
    "online_url",
    "capacity",
    "is_public",
    "network",
)
#: The most places an event may have.
MAX_CAPACITY = 100_000
#: How long before an event its reminder goes out.
REMINDER_AHEAD = timedelta(hours=24)


def _office_message() -> str:
    return _("Only the innovation office sets up events.")


def _check_event(fields: dict) -> None:
    if fields["kind"] not in EventKind.values:
        raise DomainError(_("Choose the kind of event."), field="kind")
    if not fields["title"]:
        raise DomainError(_("Give the event a title."), field="title")
    if not fields["description"]:
        raise DomainError(_("Describe the event: what happens and who it is for."), field="description")
    if fields["ends_at"] <= fields["starts_at"]:
        raise DomainError(_("The event must end after it starts."), field="ends_at")
    if not fields["place"] and not fields["online_url"]:
        raise DomainError(_("Give the place, the link to join online, or both."), field="place")
    if fields["online_url"]:
        try:
            URLValidator(schemes=["https", "http"])(fields["online_url"])
        except ValidationError:
            raise DomainError(
                _("Give the link to join as a full address starting with https://."), field="online_url"
            ) from None
    if not 1 <= fields["capacity"] <= MAX_CAPACITY:
        raise DomainError(
            _("Give the number of places as a whole number from 1 to %(max)s.") % {"max": MAX_CAPACITY},
            field="capacity",
        )


def _clean(fields: dict) -> dict:
    return {k: (v.strip() if isinstance(v, str) else v) for k, v in fields.items()}


# --- events --------------------------------------------------------------------------------------


@actor_from("by")
@transaction.atomic
def event_create(
    *,
    by: User,
    kind: str,
    title: str,
    description: str,
    starts_at: datetime,
    ends_at: datetime,
    capacity: int,
    place: str = "",
    online_url: str = "",
    is_public: bool = False,
    network: Network | None = None,
    now: datetime | None = None,
) -> Event:
    require("spread.manage_events", by, message=_office_message())
    fields = _clean(
        {
            "kind": kind,
            "title": title,
            "description": description,
            "starts_at": starts_at,
            "ends_at": ends_at,
            "place": place,
            "online_url": online_url,
            "capacity": capacity,
            "is_public": is_public,
            "network": network,
        }
    )
    _check_event(fields)
    if starts_at <= (now or timezone.now()):
        raise DomainError(_("An event is set up before it starts: give a start still to come."), field="starts_at")
    return Event.objects.create(organiser=by, **fields)


def _locked(event: Event) -> Event:
    """The event's row, locked until the transaction ends: one change of its places at a time."""
    return Event.objects.select_for_update().get(pk=event.pk)


@actor_from("by")
@transaction.atomic
def event_update(*, event: Event, by: User, expected_version: int, now: datetime | None = None, **fields) -> Event:
    """Change an event. Fewer places than are taken is refused; more places move the waiting list up.

    Everyone registered is told when the time or the place changes. Refused on a stale ``expected_version``.
    """
    unknown = set(fields) - set(EVENT_FIELDS)
    if unknown:
        raise DomainError(_("Unknown field: %(field)s.") % {"field": ", ".join(sorted(unknown))})
    require("spread.manage_events", by, message=_office_message())
    current = _locked(event)
    if current.version != expected_version:
        raise ConflictError(
            _(
                "Someone else changed this event meanwhile. Nothing was overwritten; open the event again to see their changes."
            )
        )
    if current.cancelled_at:
        raise DomainError(_("The event is cancelled and can no longer change."), code=ErrorCode.STATE)
    changed = {k: v for k, v in _clean(fields).items() if getattr(current, k) != v}
    merged = {name: changed.get(name, getattr(current, name)) for name in EVENT_FIELDS}
    _check_event(merged)
    taken = current.registrations.filter(status=RegistrationStatus.REGISTERED).count()
    if merged["capacity"] < taken:
        raise DomainError(
            _("%(taken)s people have a place already: give at least %(taken)s places.") % {"taken": taken},
            field="capacity",
        )
    if not changed:
        return current
    for name, value in changed.items():
        setattr(current, name, value)
    current.version += 1
    current.save(update_fields=[*changed, "version", "updated_at"])
    if changed.keys() & {"starts_at", "ends_at", "place", "online_url"}:
        for registration in current.registrations.filter(status=RegistrationStatus.REGISTERED):
            _send(registration, "changed", now=now)
    _move_up(current, now=now)
    return current


@actor_from("by")
@transaction.atomic
def event_cancel(*, event: Event, by: User, expected_version: int, now: datetime | None = None) -> Event:
    """Cancel an event: it stays, marked cancelled; everyone registered or waiting is told by mail."""
    require("spread.manage_events", by, message=_("Only the innovation office cancels events."))
    current = _locked(event)
    if current.version != expected_version:
        raise ConflictError(_("Someone else changed this event meanwhile. Open it again and check before cancelling."))
    if current.cancelled_at:
        raise DomainError(_("The event is already cancelled."), code=ErrorCode.STATE)
    now = now or timezone.now()
    current.cancelled_at = now
    current.version += 1
    current.save(update_fields=["cancelled_at", "version", "updated_at"])
    for registration in current.registrations.exclude(status=RegistrationStatus.CANCELLED):
        _send(registration, "cancelled", now=now)
    return current


# --- registrations -------------------------------------------------------------------------------


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def cancel_url(registration: Registration, token: str) -> str:
    return reverse("spread:registration_cancel_token", args=[registration.pk, token])


@actor_from("by")
@transaction.atomic
def registration_create(
    *, event: Event, by: User | None, name: str = "", email: str = "", now: datetime | None = None
) -> Registration:
    """Register for an event: a place if one is left, else a place on the waiting list, in turn.

    Signed in, the person registers themselves; signed out (a public event only) they give a name and an
    email address. Refused: an event not open to them, cancelled or already started, and a second registration.
    The confirmation goes by mail (with the event as a calendar file once they have a place).
    """
    now = now or timezone.now()
    signed_in = by is not None and by.is_authenticated
    if by is not None and signed_in:
        require("spread.view_event", by, event, message=_("This event is not open to you."))
        name, email = by.name or by.email, by.email
    else:
        if not event.is_public:
            raise DomainError(_("Sign in to register for this event."), code=ErrorCode.FORBIDDEN)
        name, email = name.strip(), email.strip().lower()
        if not name:
            raise DomainError(_("Give your name."), field="name")
        try:
            validate_email(email)
        except ValidationError:
            raise DomainError(
                _("Give your email address, like name@example.com: the confirmation goes there."), field="email"
            ) from None
    current = _locked(event)
    if current.cancelled_at:
        raise DomainError(_("The event is cancelled: registration is closed."), code=ErrorCode.CLOSED)
    if current.starts_at <= now:
        raise DomainError(_("The event has already started: registration closed when it began."), code=ErrorCode.LATE)
    active = current.registrations.exclude(status=RegistrationStatus.CANCELLED)
    if active.filter(email__iexact=email).exists() or (signed_in and active.filter(person=by).exists()):
        raise DomainError(
            _("%(email)s is already registered for this event.") % {"email": email},
            field="email",
            code=ErrorCode.ALREADY_ASKED,
        )
    taken = current.registrations.filter(status=RegistrationStatus.REGISTERED).count()
    status = RegistrationStatus.REGISTERED if taken < current.capacity else RegistrationStatus.WAITING
    token = secrets.token_urlsafe(24)
    try:
        with transaction.atomic():
            registration = Registration.objects.create(
                event=current,
                person=by if signed_in else None,
                name=name,
                email=email,
                status=status,
                cancel_token_hash=token_hash(token),
            )
    except IntegrityError:  # the same address, registered between our look and our write
        raise DomainError(
            _("%(email)s is already registered for this event.") % {"email": email},
            field="email",
            code=ErrorCode.ALREADY_ASKED,
        ) from None
    registration.event = current
    _send(registration, "registered" if status == RegistrationStatus.REGISTERED else "waiting", now=now, token=token)
    return registration


@actor_from("by")
@transaction.atomic
def registration_cancel(
    *, registration: Registration, by: User | None, token: str = "", now: datetime | None = None
) -> Registration:
    """Cancel a registration: the person themselves (or with the link in their mail), or the office.

    A place given up goes to the first on the waiting list, who is told at once.
    """
    now = now or timezone.now()
    event = _locked(registration.event)
    current = Registration.objects.select_for_update().get(pk=registration.pk)
    own = by is not None and by.is_authenticated and current.person_id == by.pk
    office = by is not None and by.is_authenticated and by.has_perm("spread.manage_events")
    with_token = bool(token) and secrets.compare_digest(token_hash(token), current.cancel_token_hash)
    require(own or office or with_token, message=_("Only the person registered cancels their registration."))
    if current.status == RegistrationStatus.CANCELLED:
        raise DomainError(_("The registration is already cancelled."), code=ErrorCode.STATE)
    if event.starts_at <= now:
        raise DomainError(_("The event has already started: there is nothing to cancel."), code=ErrorCode.LATE)
    had_place = current.status == RegistrationStatus.REGISTERED
    current.status = RegistrationStatus.CANCELLED
    current.cancelled_at = now
    current.save(update_fields=["status", "cancelled_at", "updated_at"])
    if had_place:
        _move_up(event, now=now)
    return current


def _move_up(event: Event, *, now: datetime | None) -> list[Registration]:
    """Give free places to the first on the waiting list, in the order they registered (the event is locked)."""
    if event.cancelled_at or event.starts_at <= (now or timezone.now()):
        return []
    taken = event.registrations.filter(status=RegistrationStatus.REGISTERED).count()
    free = event.capacity - taken
    if free <= 0:
        return []
    moved = list(event.registrations.filter(status=RegistrationStatus.WAITING).order_by("created_at", "pk")[:free])
    for registration in moved:
        registration.status = RegistrationStatus.REGISTERED
        registration.save(update_fields=["status", "updated_at"])
        registration.event = event
        _send(registration, "moved_up", now=now)
    return moved


def waiting_position(registration: Registration) -> int | None:
    """Where on the waiting list the registration is (1 for the first), or None when it is not waiting."""
    if registration.status != RegistrationStatus.WAITING:
        return None
    ahead = Registration.objects.filter(event_id=registration.event_id, status=RegistrationStatus.WAITING).filter(
        created_at__lt=registration.created_at
    )
    same_moment = Registration.objects.filter(
        event_id=registration.event_id,
        status=RegistrationStatus.WAITING,
        created_at=registration.created_at,
        pk__lt=registration.pk,
    )
    return ahead.count() + same_moment.count() + 1


# --- mail ----------------------------------------------------------------------------------------


def _when(event: Event) -> str:
    starts = event.starts_at.astimezone(CITY_TIME_ZONE)
    ends = event.ends_at.astimezone(CITY_TIME_ZONE)
    if starts.date() == ends.date():
        return f"{date_format(starts, 'DATE_FORMAT')} {starts:%H:%M}–{ends:%H:%M}"
    return f"{date_format(starts, 'DATE_FORMAT')} {starts:%H:%M} – {date_format(ends, 'DATE_FORMAT')} {ends:%H:%M}"


def _subject(what: str, event: Event) -> str:
    subjects = {
        "registered": _("You have a place: %(title)s"),
        "waiting": _("You are on the waiting list: %(title)s"),
        "moved_up": _("A place is free, and it is yours: %(title)s"),
        "reminder": _("Reminder: %(title)s is tomorrow"),
        "changed": _("Changed time or place: %(title)s"),
        "cancelled": _("Cancelled: %(title)s"),
    }
    return subjects[what] % {"title": event.title}


def _send(registration: Registration, what: str, *, now: datetime | None, token: str = "") -> None:
    """Mail the registered person (in their language) once the transaction commits; tell them in the app too.

    A place (registered, moved up, a reminder, a change) comes with the event as a calendar file.
    """
    event = registration.event
    person = registration.person
    language = (person.language if person else None) or translation.get_language() or settings.LANGUAGE_CODE
    site = settings.SPRANG_SITE_URL.rstrip("/")
    with translation.override(language):
        subject = _subject(what, event)
        body = render_to_string(
            "spread/events/email/registration.txt",
            {
                "what": what,
                "registration": registration,
                "event": event,
                "when": _when(event),
                "event_url": f"{site}{event.get_absolute_url()}",
                "cancel_url": f"{site}{cancel_url(registration, token)}" if token else "",
                "position": waiting_position(registration) if what == "waiting" else None,
            },
        ).strip()
    message = EmailMessage(
        subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}",
        body=body + "\n",
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[registration.email],
    )
    if what in ("registered", "moved_up", "reminder", "changed", "cancelled"):
        ics = event_ics(event, now=now or timezone.now())
        message.attach("event.ics", ics, "text/calendar; charset=utf-8")
    if person is not None and what in ("moved_up", "changed", "cancelled"):
        Notification.objects.create(recipient=person, message=subject[:300], url=event.get_absolute_url())
    transaction.on_commit(lambda: message.send(fail_silently=True))


@transaction.atomic
def reminders_send(*, now: datetime | None = None) -> int:
    """Remind everyone with a place at an event starting within a day. Each registration is reminded once
    (``reminded_at``), whoever else sends reminders at the same moment; returns how many were sent."""
    now = now or timezone.now()
    due = Registration.objects.filter(
        status=RegistrationStatus.REGISTERED,
        reminded_at__isnull=True,
        event__cancelled_at__isnull=True,
        event__starts_at__gt=now,
        event__starts_at__lte=now + REMINDER_AHEAD,
    ).select_related("event", "person")
    sent = 0
    for registration in due:
        # Only the one that marks it sends it.
        if Registration.objects.filter(pk=registration.pk, reminded_at__isnull=True).update(reminded_at=now):
            _send(registration, "reminder", now=now)
            sent += 1
    return sent


# --- attendance ----------------------------------------------------------------------------------


@actor_from("by")
@transaction.atomic
def attendance_mark(*, event: Event, by: User, attended: Iterable[int], now: datetime | None = None) -> int:
    """Mark who came: every registration with a place is marked present (in ``attended``) or absent."""
    require("spread.mark_attendance", by, message=_("Only the innovation office marks attendance."))
    current = _locked(event)
    if current.starts_at > (now or timezone.now()):
        raise DomainError(_("Attendance is marked once the event has started."), code=ErrorCode.STATE)
    present = set(attended)
    registrations = list(current.registrations.filter(status=RegistrationStatus.REGISTERED))
    unknown = present - {r.pk for r in registrations}
    if unknown:
        raise DomainError(_("Someone marked is not registered with a place at this event. Reload the list."))
    changed = 0
    for registration in registrations:
        value = registration.pk in present
        if registration.attended != value:
            registration.attended = value
            registration.save(update_fields=["attended", "updated_at"])
            changed += 1
    attendance_marked.send(Event, event=current, registrations=registrations, by=by, now=now or timezone.now())
    return changed


# --- exhibitors ----------------------------------------------------------------------------------


def examples_to_exhibit(user: User):
    """The published examples a person owns: those they may apply to exhibit."""
    return Example.objects.filter(owner=user, status=ExampleStatus.PUBLISHED).order_by("title", "pk")


@actor_from("by")
@transaction.atomic
def exhibitor_apply(
    *, event: Event, example: Example, by: User, message: str = "", now: datetime | None = None
) -> Exhibitor:
    """The example's owner applies to show it at a stand at a fair; the innovation office is told."""
    require("spread.view_event", by, event, message=_("This event is not open to you."))
    require(example.owner_id == by.pk, message=_("Only the example's owner applies to exhibit it."))
    current = _locked(event)
    if current.kind != EventKind.FAIR:
        raise DomainError(_("Examples are exhibited at a good-examples fair only."), code=ErrorCode.INELIGIBLE)
    if current.cancelled_at or current.starts_at <= (now or timezone.now()):
        raise DomainError(_("The fair has started or is cancelled: applications are closed."), code=ErrorCode.CLOSED)
    if example.status != ExampleStatus.PUBLISHED:
        raise DomainError(_("Publish the example before applying to exhibit it."), field="example")
    earlier = Exhibitor.objects.select_for_update().filter(event=current, example=example).first()
    if earlier is not None and earlier.status != ExhibitorStatus.WITHDRAWN:
        raise DomainError(
            _("“%(title)s” has already applied to this fair.") % {"title": example.title},
            field="example",
            code=ErrorCode.ALREADY_ASKED,
        )
    if earlier is not None:
        # A withdrawn application comes back as a new one: the office decides again.
        earlier.status = ExhibitorStatus.APPLIED
        earlier.applied_by = by
        earlier.message = message.strip()
        earlier.decided_by = None
        earlier.decided_at = None
        earlier.save(update_fields=["status", "applied_by", "message", "decided_by", "decided_at", "updated_at"])
        exhibitor = earlier
    else:
        exhibitor = Exhibitor.objects.create(event=current, example=example, applied_by=by, message=message.strip())
    notify(
        recipients=[current.organiser],
        message_factory=lambda: (
            _("%(example)s applies to exhibit at %(event)s.") % {"example": example.title, "event": current.title}
        ),
        url=reverse("spread:event", args=[current.pk]) + "#exhibitors",
        exclude=by,
    )
    return exhibitor


@actor_from("by")
@transaction.atomic
def exhibitor_decide(*, exhibitor: Exhibitor, by: User, accept: bool) -> Exhibitor:
    """The innovation office accepts or declines an application to exhibit; the applicant is told."""
    require("spread.decide_exhibitor", by, message=_("Only the innovation office decides who exhibits."))
    current = Exhibitor.objects.select_for_update().select_related("event", "example").get(pk=exhibitor.pk)
    if current.status not in (ExhibitorStatus.APPLIED, ExhibitorStatus.ACCEPTED, ExhibitorStatus.DECLINED):
        raise DomainError(_("The application was withdrawn."), code=ErrorCode.STATE)
    status = ExhibitorStatus.ACCEPTED if accept else ExhibitorStatus.DECLINED
    if current.status == status:
        return current
    current.status = status
    current.decided_by = by
    current.decided_at = timezone.now()
    current.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    title, event_title = current.example.title, current.event.title

    def message() -> str:
        if accept:
            return _("“%(example)s” will be shown at %(event)s.") % {"example": title, "event": event_title}
        return _("“%(example)s” will not be shown at %(event)s.") % {"example": title, "event": event_title}

    notify(recipients=[current.applied_by], message_factory=message, url=current.event.get_absolute_url(), exclude=by)
    return current


@actor_from("by")
@transaction.atomic
def exhibitor_withdraw(*, exhibitor: Exhibitor, by: User, now: datetime | None = None) -> Exhibitor:
    """The example's owner withdraws an application to exhibit (waiting or accepted) before the fair starts.

    The office sees it as withdrawn and is told; the owner may apply again while applications are open.
    """
    current = Exhibitor.objects.select_for_update().select_related("event", "example").get(pk=exhibitor.pk)
    require(
        "spread.withdraw_exhibitor",
        by,
        current,
        message=_("Only the example's owner withdraws its application to exhibit."),
    )
    event = _locked(current.event)
    if event.cancelled_at or event.starts_at <= (now or timezone.now()):
        raise DomainError(
            _("The fair has started or is cancelled: the application can no longer be withdrawn."),
            code=ErrorCode.CLOSED,
        )
    if current.status == ExhibitorStatus.WITHDRAWN:
        raise DomainError(_("The application is already withdrawn."), code=ErrorCode.STATE)
    if current.status == ExhibitorStatus.DECLINED:
        raise DomainError(_("The application was declined: there is nothing to withdraw."), code=ErrorCode.STATE)
    current.status = ExhibitorStatus.WITHDRAWN
    current.save(update_fields=["status", "updated_at"])
    title, event_title = current.example.title, event.title
    notify(
        recipients=[event.organiser, *([current.decided_by] if current.decided_by else [])],
        message_factory=lambda: (
            _("“%(example)s” has withdrawn its application to exhibit at %(event)s.")
            % {"example": title, "event": event_title}
        ),
        url=reverse("spread:event", args=[event.pk]) + "#exhibitors",
        exclude=by,
    )
    return current


# --- leads ---------------------------------------------------------------------------------------


@actor_from("by")
@transaction.atomic
def lead_create(
    *,
    exhibitor: Exhibitor,
    by: User,
    note: str = "",
    name: str = "",
    email: str = "",
    unit: Unit | None = None,
) -> Lead:
    """Interest registered at a stand: the visitor says "we want to know more", or the exhibitor notes a visitor.

    The visitor is the person signed in, unless the example's owner records someone else (name and email).
    """
    exhibitor = Exhibitor.objects.select_related("event", "example").get(pk=exhibitor.pk)
    require("spread.view_event", by, exhibitor.event, message=_("This event is not open to you."))
    if exhibitor.status != ExhibitorStatus.ACCEPTED:
        raise DomainError(_("This example has no stand at the fair."), code=ErrorCode.STATE)
    recording_for_visitor = bool(name or email)
    if recording_for_visitor:
        require(
            "spread.record_lead_for_visitor",
            by,
            exhibitor,
            message=_("Only the example's owner notes interest on a visitor's behalf."),
        )
        name, email = name.strip(), email.strip().lower()
        if not name:
            raise DomainError(_("Give the visitor's name."), field="name")
        try:
            validate_email(email)
        except ValidationError:
            raise DomainError(_("Give the visitor's email address, like name@example.com."), field="email") from None
        person = User.objects.filter(email__iexact=email).first()
    else:
        if exhibitor.example.owner_id == by.pk:
            raise DomainError(_("Give the visitor's name and email address."), field="name")
        person, name, email = by, by.name or by.email, by.email
        unit = unit or by.unit
    lead = Lead.objects.create(
        example=exhibitor.example,
        event=exhibitor.event,
        person=person,
        name=name,
        email=email,
        unit=unit,
        note=note.strip(),
    )
    notify(
        recipients=[exhibitor.example.owner],
        message_factory=lambda: (
            _("%(name)s wants to know more about “%(example)s”.") % {"name": name, "example": exhibitor.example.title}
        ),
        url=reverse("spread:my_leads"),
        exclude=by,
    )
    return lead


@actor_from("by")
@transaction.atomic
def lead_update(
    *, lead: Lead, by: User, status: str, adoption: Adoption | None = None, note: str | None = None
) -> Lead:
    """The example's owner follows a lead up: contacted, closed, or became an adoption (one of the example's)."""
    current = Lead.objects.select_for_update().select_related("example").get(pk=lead.pk)
    require("spread.follow_up_lead", by, current, message=_("Only the example's owner follows up its leads."))
    if status not in LeadStatus.values:
        raise DomainError(_("Choose what happened with the lead."), field="status")
    if status == LeadStatus.ADOPTING and adoption is None:
        raise DomainError(_("Choose the adoption the lead became."), field="adoption")
    if adoption is not None and adoption.example_id != current.example_id:
        raise DomainError(_("Choose an adoption of this example."), field="adoption")
    current.status = status
    current.adoption = adoption if status == LeadStatus.ADOPTING else None
    fields = ["status", "adoption", "updated_at"]
    if note is not None:
        current.note = note.strip()
        fields.append("note")
    current.save(update_fields=fields)
    return current
