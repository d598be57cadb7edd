"""Events: the good-examples fair and other meetings, their exhibitors, registrations and leads."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from spread.models.examples import Example


class EventKind(models.TextChoices):
    FAIR = "fair", _("Good-examples fair")
    MEETING = "meeting", _("Meeting or workshop")
    NETWORK = "network", _("Network meeting")
    #: A session of a course in the learning catalogue (``learning.Session``): seen and registered for as the course
    #: allows (``spread.events.access``).
    COURSE = "course", _("Course session")


class Event(TimeStampedModel):
    kind = models.CharField(_("kind of event"), max_length=20, choices=EventKind.choices, default=EventKind.MEETING)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("link to join online"), max_length=500, blank=True)
    #: How many may attend; the rest are on the waiting list.
    capacity = models.PositiveIntegerField(_("places"))
    #: A public event: anyone may register, and it shows on the public site.
    is_public = models.BooleanField(_("open to the public"), default=False)
    #: The network it belongs to, if any (its members see it).
    network = models.ForeignKey(
        "spread.Network",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("network"),
    )
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("organiser")
    )
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-starts_at", "-pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("spread:event", args=[self.pk])


class ExhibitorStatus(models.TextChoices):
    APPLIED = "applied", _("Applied")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Exhibitor(TimeStampedModel):
    """An example shown at a stand at an event: its owner applies, the innovation office accepts."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="exhibitors", verbose_name=_("event"))
    example = models.ForeignKey(
        Example, on_delete=models.PROTECT, related_name="exhibitions", verbose_name=_("example")
    )
    applied_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ExhibitorStatus.choices, default=ExhibitorStatus.APPLIED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["event", "example"], name="spread_exhibit_once")]
        verbose_name = _("exhibitor")
        verbose_name_plural = _("exhibitors")

    def __str__(self) -> str:
        return f"{self.example} @ {self.event}"


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class Registration(TimeStampedModel):
    """A place at an event, or a place on its waiting list (in the order people registered)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("event"))
    #: Empty for someone from outside who registered to a public event without an account.
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="event_registrations",
        verbose_name=_("person"),
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("email address"))
    status = models.CharField(
        _("status"), max_length=20, choices=RegistrationStatus.choices, default=RegistrationStatus.REGISTERED
    )
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    #: A secret for cancelling without an account (a hash of the token in the confirmation mail).
    cancel_token_hash = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"], condition=~models.Q(status="cancelled"), name="spread_register_once"
            )
        ]
        indexes = [models.Index(fields=["event", "status", "created_at"], name="spread_registration_queue")]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")

    def __str__(self) -> str:
        return f"{self.name} – {self.event}"


class LeadStatus(models.TextChoices):
    NEW = "new", _("New")
    CONTACTED = "contacted", _("Contacted")
    ADOPTING = "adopting", _("Became an adoption")
    CLOSED = "closed", _("Closed")


class Lead(TimeStampedModel):
    """Interest registered at a stand ("we want to know more"), for the example's owner to follow up."""

    example = models.ForeignKey(Example, on_delete=models.CASCADE, related_name="leads", verbose_name=_("example"))
    event = models.ForeignKey(
        Event, on_delete=models.SET_NULL, null=True, blank=True, related_name="leads", verbose_name=_("event")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="spread_leads",
        verbose_name=_("person"),
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("email address"))
    unit = models.ForeignKey(
        "organisation.Unit", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("unit")
    )
    note = models.TextField(_("what they want to know"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=LeadStatus.choices, default=LeadStatus.NEW)
    adoption = models.ForeignKey(
        "spread.Adoption", on_delete=models.SET_NULL, null=True, blank=True, related_name="leads"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("lead")
        verbose_name_plural = _("leads")

    def __str__(self) -> str:
        return f"{self.name} → {self.example}"
