"""Needs (behov): a unit's problem described so that it can be validated and sent where it is best solved."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import StoredFile, TimeStampedModel
from core.uploads import stored_name
from organisation.models import Unit


class NeedOrigin(models.TextChoices):
    """Where the need was first seen (seed 2.3: what users say should feed development)."""

    OWN_WORK = "own_work", _("Seen in our own work")
    IDEA = "idea", _("An idea in the lock")
    COMPLAINTS = "complaints", _("Complaints and user feedback")
    USER_SURVEY = "user_survey", _("User-survey results")


class NeedStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    #: Sent to the innovation office, waiting for its decision.
    SUBMITTED = "submitted", _("Waiting for validation")
    RETURNED = "returned", _("Returned for changes")
    VALIDATED = "validated", _("Validated, route not yet chosen")
    ROUTED = "routed", _("Route chosen")
    CLOSED = "closed", _("Closed")


class Route(models.TextChoices):
    """Where a validated need goes to be solved."""

    INTERNAL_CHALLENGE = "internal_challenge", _("An internal challenge to city staff")
    PUBLIC_CHALLENGE = "public_challenge", _("A public challenge")
    OPENLAB = "openlab", _("An assignment to OpenLab or a university")
    MARKET_DIALOGUE = "market_dialogue", _("A market dialogue with suppliers")
    LOCK = "lock", _("Solve it in the innovation lock (becomes an idea)")


class NeedVisibility(models.TextChoices):
    INTERNAL = "internal", _("Internal – city staff only")
    PUBLIC = "public", _("Public – everyone can read it")


class Need(TimeStampedModel):
    """A problem a unit has, who has it, how it shows, what it costs and what a good outcome would be."""

    title = models.CharField(_("title"), max_length=200)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="needs", verbose_name=_("unit"))
    who_has_it = models.TextField(_("who has the problem"))
    how_it_shows = models.TextField(_("how it shows"), help_text=_("Figures, complaints, user-survey results."))
    cost_today = models.TextField(_("what it costs today"), blank=True)
    good_outcome = models.TextField(_("what a good outcome would be"))
    constraints = models.TextField(_("constraints"), blank=True, help_text=_("Law, data, money."))
    origin = models.CharField(_("where it was seen"), max_length=20, choices=NeedOrigin.choices)
    #: The idea the need was written from (origin ``idea``).
    idea = models.ForeignKey(
        "ideas.Idea",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="needs",
        verbose_name=_("idea"),
    )
    #: For the route ``lock``: the idea the need became.
    routed_idea = models.OneToOneField(
        "ideas.Idea",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="need_routed",
        verbose_name=_("idea in the lock"),
    )
    visibility = models.CharField(
        _("who can read it"), max_length=10, choices=NeedVisibility.choices, default=NeedVisibility.INTERNAL
    )
    status = models.CharField(
        _("status"), max_length=20, choices=NeedStatus.choices, default=NeedStatus.DRAFT, db_index=True
    )
    route = models.CharField(_("route"), max_length=20, choices=Route.choices, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="needs_created", verbose_name=_("written by")
    )
    submitted_at = models.DateTimeField(_("sent for validation"), null=True, blank=True)
    decided_at = models.DateTimeField(_("last decided"), null=True, blank=True)
    #: How many other units said "we have the same need" (kept with ``SameNeed`` in one transaction).
    same_need_count = models.PositiveIntegerField(_("units with the same need"), default=0)
    version = models.PositiveIntegerField(default=1)
    search_stems = models.TextField(blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "route"]), models.Index(fields=["unit", "status"])]
        verbose_name = _("need")
        verbose_name_plural = _("needs")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("challenges:need", args=[self.pk])


class NeedDecisionKind(models.TextChoices):
    SUBMITTED = "submitted", _("Sent for validation")
    VALIDATED = "validated", _("Validated")
    RETURNED = "returned", _("Returned for changes")
    ROUTED = "routed", _("Route chosen")
    CLOSED = "closed", _("Closed")


class NeedDecision(TimeStampedModel):
    """One step in a need's history, with who took it and why. Never changed once written."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("need"))
    kind = models.CharField(_("decision"), max_length=20, choices=NeedDecisionKind.choices)
    route = models.CharField(_("route"), max_length=20, choices=Route.choices, blank=True)
    rationale = models.TextField(_("rationale"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("decided by")
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("decision on a need")
        verbose_name_plural = _("decisions on needs")

    def __str__(self) -> str:
        return f"{self.need}: {self.get_kind_display()}"


class NeedLink(TimeStampedModel):
    """A link to what shows the need: a report, a survey's results, a dashboard."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="links", verbose_name=_("need"))
    url = models.URLField(_("address"), max_length=500)
    title = models.CharField(_("what it is"), max_length=200)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("link")
        verbose_name_plural = _("links")

    def __str__(self) -> str:
        return self.title


def need_file_path(instance: NeedFile, filename: str) -> str:
    return stored_name("needs")


class NeedFile(StoredFile):
    """A file that shows the need (figures, a summary of complaints, survey results)."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="files", verbose_name=_("need"))
    file = models.FileField(_("file"), upload_to=need_file_path, max_length=300)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("file")
        verbose_name_plural = _("files")


class NeedFollow(TimeStampedModel):
    """A person who is told when the need is decided or gets a challenge."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="need_follows")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["need", "user"], name="need_follow_once")]
        verbose_name = _("follow")
        verbose_name_plural = _("follows")

    def __str__(self) -> str:
        return f"{self.user} → {self.need}"


class SameNeed(TimeStampedModel):
    """Another unit saying "we have the same need" (counted and shown on the need)."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="same_needs", verbose_name=_("need"))
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    note = models.TextField(_("how it shows with us"), blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("reported by")
    )

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["need", "unit"], name="same_need_once_per_unit")]
        verbose_name = _("the same need in another unit")
        verbose_name_plural = _("the same need in other units")

    def __str__(self) -> str:
        return f"{self.unit}: {self.need}"
