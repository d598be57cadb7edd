"""Requests for advice to the innovation office or a coach."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from organisation.models import Unit


class AdviceStatus(models.TextChoices):
    OPEN = "open", _("Waiting for an answer")
    ANSWERED = "answered", _("Answered")
    BECAME_IDEA = "became_idea", _("Became an idea")


class AdviceRequest(TimeStampedModel):
    """A question from someone on the staff, routed to their unit's innovation office (or a coach they name)."""

    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="advice_requests", verbose_name=_("asked by")
    )
    #: The unit whose innovation office answers (the asker's administration or company).
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="advice_requests", verbose_name=_("unit"))
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="advice_to_give",
        verbose_name=_("innovation coach"),
    )
    subject = models.CharField(_("subject"), max_length=200)
    question = models.TextField(_("question"))
    status = models.CharField(
        _("status"), max_length=20, choices=AdviceStatus.choices, default=AdviceStatus.OPEN, db_index=True
    )
    answer_due_at = models.DateTimeField(_("answer due"))
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    #: The answer suggests sending the question in as an idea (the asker completes and sends it).
    idea_suggested = models.BooleanField(_("suggested as an idea"), default=False)
    #: Good examples the answer points to.
    examples = models.ManyToManyField("spread.Example", blank=True, related_name="+", verbose_name=_("examples"))
    #: The idea it became.
    idea = models.ForeignKey(
        "ideas.Idea", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("idea")
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["unit", "status", "answer_due_at"], name="spread_advice_queue")]
        verbose_name = _("request for advice")
        verbose_name_plural = _("requests for advice")

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("spread:advice", args=[self.pk])

    @property
    def is_overdue(self) -> bool:
        """Still waiting for an answer after its answer date (as an idea's first answer)."""
        from django.utils import timezone

        return self.status == AdviceStatus.OPEN and self.answer_due_at < timezone.now()
