"""Adoptions: another unit takes up a good example, and how far it has come."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from organisation.models import Unit
from spread.models.examples import Example


class AdoptionState(models.TextChoices):
    CONSIDERING = "considering", _("Considering")
    TRYING = "trying", _("Trying")
    IN_USE = "in_use", _("In use")
    STOPPED = "stopped", _("Stopped")


class Adoption(TimeStampedModel):
    """A unit adopting an example: one that has not stopped per example and unit at a time."""

    example = models.ForeignKey(Example, on_delete=models.PROTECT, related_name="adoptions", verbose_name=_("example"))
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="adoptions", verbose_name=_("adopting unit"))
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("started by")
    )
    start_date = models.DateField(_("start date"))
    changes = models.TextField(_("what we change"), blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=AdoptionState.choices, default=AdoptionState.CONSIDERING, db_index=True
    )
    state_changed_at = models.DateTimeField(_("in this state since"), default=timezone.now)
    #: When it went into use (the indicator counts adoptions in use in a period).
    in_use_since = models.DateField(_("in use since"), null=True, blank=True)
    evidence = models.TextField(_("evidence that it works here"), blank=True)
    stopped_reason = models.TextField(_("why it stopped"), blank=True)
    #: When it stopped (an adoption in use counts in every period up to this day).
    stopped_on = models.DateField(_("stopped on"), null=True, blank=True)
    #: The idea in the adopting unit's lock that turned out to be the same as the example.
    from_idea = models.ForeignKey(
        "ideas.Idea",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="adoptions",
        verbose_name=_("from the idea"),
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-start_date", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["example", "unit"],
                condition=~models.Q(state="stopped"),
                name="spread_one_running_adoption_per_unit",
            )
        ]
        indexes = [
            models.Index(fields=["state", "in_use_since"], name="spread_adoption_in_use"),
            models.Index(fields=["in_use_since", "stopped_on"], name="spread_adoption_in_use_period"),
            # The start page's "adoptions that have not moved on" of the units one leads: read from this index alone.
            models.Index(fields=["state", "state_changed_at", "unit"], name="spread_adoption_stale"),
        ]
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")

    def __str__(self) -> str:
        return f"{self.unit} – {self.example}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("spread:adoption", args=[self.pk])


class AdoptionStep(models.Model):
    """An immutable step of an adoption: the state it went to, on which date, who recorded it and a short note."""

    adoption = models.ForeignKey(Adoption, on_delete=models.CASCADE, related_name="steps", verbose_name=_("adoption"))
    state = models.CharField(_("state"), max_length=20, choices=AdoptionState.choices)
    on = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by"))
    created_at = models.DateTimeField(_("recorded"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["on", "pk"]
        verbose_name = _("adoption step")
        verbose_name_plural = _("adoption steps")

    def __str__(self) -> str:
        return f"{self.adoption_id}: {self.state} {self.on}"
