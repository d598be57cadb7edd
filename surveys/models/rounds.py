"""Survey rounds, the invitations to them and the answers.

An answer (``Response``) is stored with no link to the person who gave it. The invitation records only *that* its
person answered (for the reminders), never which answer, and nothing stored lets anyone join the two: a response has
no timestamp, its key is drawn at random (so neither its key nor the table's own row order follows the order answers
came in), and the unit and kind of organisation it counts for hold at least as many people invited as results need
(``Invitation.reporting_unit``), so no response is stored against a unit of one. A draft saved to come back to is
kept encrypted with a key made from the personal link (``surveys.answering.drafts``), and is gone once sent or when
the round closes.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from organisation.models import Unit

from .questionnaires import Questionnaire, QuestionnaireVersion


def random_key() -> int:
    """A positive 62-bit key drawn at random: rows keyed by it are stored and listed in no order that means anything."""
    return secrets.randbits(62) + 1


class TargetGroup(models.TextChoices):
    #: Everyone with the manager role: the heads and managers of administrations and companies.
    MANAGERS = "managers", _("Heads and managers")
    #: Every city employee in a unit and the units below it.
    EMPLOYEES = "employees", _("Every employee of a unit")


class RoundState(models.TextChoices):
    DRAFT = "draft", _("Being prepared")
    OPEN = "open", _("Open for answers")
    CLOSED = "closed", _("Closed")


class Round(TimeStampedModel):
    """One survey round: a questionnaire version put to a target group within a window."""

    name_sv = models.CharField(_("name in Swedish"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200)
    #: The year the round measures: trends and indicators are by year.
    year = models.PositiveSmallIntegerField(_("year"))
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="rounds", verbose_name=_("questionnaire")
    )
    #: The version new answers are given to. Answers already given keep the version they were given to.
    version = models.ForeignKey(
        QuestionnaireVersion, on_delete=models.PROTECT, related_name="rounds", verbose_name=_("questionnaire version")
    )
    target_group = models.CharField(_("who is asked"), max_length=20, choices=TargetGroup.choices)
    #: Whose people are asked: the whole city for the managers' survey, a unit's subtree for an employee survey.
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    opens_on = models.DateField(_("opens"))
    closes_on = models.DateField(_("closes"), help_text=_("Answers are taken until the end of this day."))
    #: Days after opening on which those who have not answered are reminded, e.g. [7, 14].
    reminder_days = models.JSONField(_("reminder days"), default=list, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=RoundState.choices, default=RoundState.DRAFT)
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    #: When the results (``GroupResult``) were last worked out: when the round closed.
    results_at = models.DateTimeField(_("results worked out"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("set up by"),
    )
    invited_count = models.PositiveIntegerField(_("invited"), default=0)
    #: How many have answered (counted up as they send, so the overview never counts invitations).
    answered_count = models.PositiveIntegerField(_("answered"), default=0)
    #: Once closed: invited and answered per unit, {unit path: [invited, answered]}, people counted at their own unit.
    response_counts = models.JSONField(null=True, blank=True, editable=False)
    lock_version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-year", "-opens_on", "name_sv"]
        verbose_name = _("survey round")
        verbose_name_plural = _("survey rounds")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "sv").startswith("en") else self.name_sv


class Invitation(models.Model):
    """A person's invitation to a round. It records that they answered, never what: it has no time of answering and
    no key to the answer."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("round"))
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="survey_invitations",
        verbose_name=_("person"),
    )
    #: The person's unit when invited: the response rate per unit counts by it.
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    #: What the answer counts for, a unit and a kind of organisation holding at least as many people invited as results
    #: need (``surveys.rounds.services.reporting_cells``).
    reporting_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    reporting_kind = models.CharField(max_length=40, blank=True)
    #: The personal link is made from this and the site's secret key; only its hash is kept, to find the invitation.
    salt = models.CharField(max_length=32)
    token_hash = models.CharField(max_length=64, unique=True)
    answered = models.BooleanField(_("answered"), default=False)
    reminders_sent = models.PositiveSmallIntegerField(_("reminders sent"), default=0)
    #: Unsent answers, encrypted with a key made from the personal link (``surveys.answering.drafts``).
    draft = models.BinaryField(null=True, blank=True, editable=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "person"], name="surveys_one_invitation")]
        indexes = [models.Index(fields=["round", "answered"], name="surveys_inv_round_answered")]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.round} – {self.person_id}"


class Response(models.Model):
    """One person's answers to a round, with no link to the person: no timestamp, a key drawn at random, and the unit
    counted for (``Invitation.reporting_unit``), never finer."""

    id = models.BigIntegerField(primary_key=True, default=random_key, editable=False)
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="responses", verbose_name=_("round"))
    version = models.ForeignKey(QuestionnaireVersion, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    #: The kind of organisation the unit belongs to (a company, a specialist or a district administration), or "".
    organisation_kind = models.CharField(max_length=40, blank=True)
    #: The scale questions' answers by question key: 1–5, or 0 for "don't know".
    scores = models.JSONField(default=dict)
    #: The free-text answers by question key.
    texts = models.JSONField(default=dict)

    class Meta:
        indexes = [models.Index(fields=["round", "unit"], name="surveys_response_round_unit")]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self) -> str:
        return f"{self.round_id}:{self.pk}"
