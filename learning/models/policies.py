"""The register of the city's HR policy documents, reviewed for how they encourage innovation."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel


class PolicyStatus(models.TextChoices):
    NOT_REVIEWED = "not_reviewed", _("Not yet reviewed")
    UNDER_REVIEW = "under_review", _("Under review")
    NO_CHANGE = "no_change", _("Reviewed: no change needed")
    CHANGE_DECIDED = "change_decided", _("Change decided")
    CHANGED = "changed", _("Changed")


class PolicyDocument(TimeStampedModel):
    title = models.CharField(_("document"), max_length=200)
    url = models.URLField(_("link to the document"), max_length=500, blank=True)
    #: Who owns the document (a unit of the city, usually the executive office's HR department).
    owner = models.ForeignKey("organisation.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("owner"))
    status = models.CharField(
        _("status"), max_length=20, choices=PolicyStatus.choices, default=PolicyStatus.NOT_REVIEWED
    )
    reviewed_on = models.DateField(_("reviewed on"), null=True, blank=True)
    conclusion = models.TextField(_("the review's conclusion"), blank=True)
    change_decided = models.TextField(_("the change decided"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("updated by")
    )
    lock_version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("policy document")
        verbose_name_plural = _("policy documents")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("learning:policy", args=[self.pk])
