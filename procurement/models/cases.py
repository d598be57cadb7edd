"""Procurement cases: a validated need routed to a market dialogue, prepared, taken to the market and decided.

The tender itself is run in the city's e-procurement system; a case links to it and records its outcome.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from organisation.models import Unit


class PurchaseKind(models.TextChoices):
    """What is bought: the EU thresholds differ by kind."""

    SUPPLIES_SERVICES = "supplies_services", _("Goods and services")
    WORKS = "works", _("Building and construction works")
    SOCIAL_SERVICES = "social_services", _("Social and other specific services")


class Threshold(TimeStampedModel):
    """The EU thresholds for the city's procurements from a day on (the city updates them every second year)."""

    valid_from = models.DateField(_("valid from"), unique=True)
    supplies_services_sek = models.PositiveBigIntegerField(_("goods and services, SEK"))
    works_sek = models.PositiveBigIntegerField(_("works, SEK"))
    social_services_sek = models.PositiveBigIntegerField(_("social and other specific services, SEK"))
    source = models.CharField(_("source"), max_length=300)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("EU thresholds")
        verbose_name_plural = _("EU thresholds")

    def __str__(self) -> str:
        return str(self.valid_from)

    def amount_for(self, kind: str) -> int:
        return {
            PurchaseKind.SUPPLIES_SERVICES: self.supplies_services_sek,
            PurchaseKind.WORKS: self.works_sek,
            PurchaseKind.SOCIAL_SERVICES: self.social_services_sek,
        }[PurchaseKind(kind)]


class CaseStage(models.TextChoices):
    """Where a case is; a case moves forwards only, or is closed."""

    PLANNING = "planning", _("Planning")
    DIALOGUE = "dialogue", _("Market dialogue")
    ROUTE_CHOSEN = "route_chosen", _("Route chosen")
    TENDERING = "tendering", _("Tender in the e-procurement system")
    CONCLUDED = "concluded", _("Outcome recorded")
    CLOSED = "closed", _("Closed without a procurement")


class ProcurementRoute(models.TextChoices):
    """How the city goes on after the dialogue."""

    FUNCTIONAL = "functional", _("Procurement with functional requirements")
    INNOVATION_PARTNERSHIP = "innovation_partnership", _("Innovation partnership")
    PRE_COMMERCIAL = "pre_commercial", _("Pre-commercial procurement")
    COMPETITIVE_DIALOGUE = "competitive_dialogue", _("Competitive dialogue")
    DESIGN_CONTEST = "design_contest", _("Design contest")
    EXISTING_SOLUTION = "existing_solution", _("Try an existing solution (a pilot through the lock)")


class ProcurementCase(TimeStampedModel):
    """One need taken to the market: the estimate, the officer, the plan, the dialogue, the route and the outcome."""

    need = models.ForeignKey(
        "challenges.Need", on_delete=models.PROTECT, related_name="procurement_cases", verbose_name=_("need")
    )
    #: The unit that buys (the need's unit when the case is made).
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="procurement_cases", verbose_name=_("unit"))
    title = models.CharField(_("title"), max_length=200)
    purchase_kind = models.CharField(
        _("what is bought"), max_length=20, choices=PurchaseKind.choices, default=PurchaseKind.SUPPLIES_SERVICES
    )
    estimated_value_sek = models.PositiveBigIntegerField(_("estimated value, SEK"))
    period_months = models.PositiveSmallIntegerField(_("contract period, months"))
    #: Whether the estimate was at or above the EU threshold in force when it was last set (``threshold``).
    above_eu_threshold = models.BooleanField(_("above the EU threshold"), default=False)
    threshold = models.ForeignKey(
        Threshold, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("EU thresholds")
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="procurement_cases",
        verbose_name=_("procurement officer"),
    )
    affected_contracts = models.ManyToManyField(
        "procurement.Contract", blank=True, related_name="affected_by_cases", verbose_name=_("affected contracts")
    )
    plan = models.TextField(_("plan"))
    stage = models.CharField(
        _("stage"), max_length=20, choices=CaseStage.choices, default=CaseStage.PLANNING, db_index=True
    )
    route = models.CharField(_("route"), max_length=30, choices=ProcurementRoute.choices, blank=True)
    route_rationale = models.TextField(_("why this route"), blank=True)
    route_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    route_decided_at = models.DateTimeField(_("route chosen"), null=True, blank=True)
    #: The tender in the city's e-procurement system.
    tender_reference = models.CharField(_("tender reference"), max_length=100, blank=True)
    tender_url = models.URLField(_("tender address"), max_length=500, blank=True)
    #: The outcome: the contract signed (``Contract.from_case``), its suppliers, value and period.
    outcome_value_sek = models.PositiveBigIntegerField(_("contract value, SEK"), null=True, blank=True)
    outcome_at = models.DateTimeField(_("outcome recorded"), null=True, blank=True)
    #: For the route ``existing_solution``: the pilot, an idea in the lock.
    pilot_idea = models.OneToOneField(
        "ideas.Idea",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="procurement_case",
        verbose_name=_("pilot"),
    )
    closed_reason = models.TextField(_("why it was closed"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(default=1)
    search_stems = models.TextField(blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["stage", "route"]), models.Index(fields=["unit", "stage"])]
        verbose_name = _("procurement case")
        verbose_name_plural = _("procurement cases")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("procurement:case", args=[self.pk])


class LogKind(models.TextChoices):
    """Every contact with the market, and every step of the case, in its log."""

    CREATED = "created", _("Case created")
    CHANGED = "changed", _("Case changed")
    RFI_PUBLISHED = "rfi_published", _("Request for information published")
    RFI_CHANGED = "rfi_changed", _("Request for information changed")
    INTEREST = "interest", _("Supplier registered interest")
    QUESTION = "question", _("Question received")
    ANSWERS_PUBLISHED = "answers_published", _("Answers published to every supplier")
    SLOTS_OFFERED = "slots_offered", _("Meeting times offered")
    MEETING_BOOKED = "meeting_booked", _("Meeting booked")
    MEETING_CANCELLED = "meeting_cancelled", _("Meeting booking cancelled")
    MINUTES_PUBLISHED = "minutes_published", _("Minutes published to every supplier")
    RESPONSE = "response", _("Written response received")
    ROUTE = "route", _("Route chosen")
    TENDER = "tender", _("Tender linked")
    OUTCOME = "outcome", _("Outcome recorded")
    PILOT = "pilot", _("Pilot started in the lock")
    CLOSED = "closed", _("Case closed")


class CaseLogEntry(TimeStampedModel):
    """One entry of a case's log: what happened, with which supplier, by whom. Written by the services only."""

    case = models.ForeignKey(ProcurementCase, on_delete=models.CASCADE, related_name="log", verbose_name=_("case"))
    kind = models.CharField(_("what happened"), max_length=20, choices=LogKind.choices)
    supplier = models.ForeignKey(
        "organisation.SupplierOrganisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("supplier"),
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    #: A short description; never a business secret.
    summary = models.CharField(_("summary"), max_length=300, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["case", "created_at"])]
        verbose_name = _("log entry")
        verbose_name_plural = _("log entries")

    def __str__(self) -> str:
        return f"{self.case}: {self.get_kind_display()}"


class ProcuredValue(TimeStampedModel):
    """What an administration or company procured in a year in all, with where the figure comes from."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="procured_values", verbose_name=_("unit"))
    year = models.PositiveSmallIntegerField(_("year"))
    value_sek = models.PositiveBigIntegerField(_("procured value, SEK"))
    source = models.CharField(_("source"), max_length=300)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-year", "unit__path"]
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="procured_value_once_per_year")]
        verbose_name = _("procured value")
        verbose_name_plural = _("procured values")

    def __str__(self) -> str:
        return f"{self.unit} {self.year}"
