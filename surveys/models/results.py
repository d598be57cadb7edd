"""Results kept per round, group and question, worked out when a round closes (``surveys.results.compute``).

A group is the city, a kind of organisation or a unit's subtree, over every version of the questionnaire the round
used or over one of them. Only what the anonymity rules allow is kept with figures (``surveys.anonymity``): every
other group's row says why it shows nothing, and holds no figure at all.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from organisation.models import Unit

from .questionnaires import QuestionnaireVersion
from .rounds import Round


class Scope(models.TextChoices):
    CITY = "city", _("The city")
    KIND = "kind", _("Kind of organisation")
    UNIT = "unit", _("Unit")


class ResultStatus(models.TextChoices):
    SHOWN = "shown", _("Shown")
    #: Fewer people answered than results need.
    TOO_FEW = "too_few", _("Too few answers")
    #: Enough answered, but showing it would let someone work out the answers of a smaller group from other results.
    PROTECTED = "protected", _("Not shown, to protect a smaller group")


class GroupResult(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="results", verbose_name=_("round"))
    scope = models.CharField(_("group"), max_length=10, choices=Scope.choices)
    #: For ``Scope.KIND``: the kind of organisation.
    kind = models.CharField(_("kind of organisation"), max_length=40, blank=True)
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    #: One version's answers only; empty: the answers to every version with this question.
    version = models.ForeignKey(
        QuestionnaireVersion, on_delete=models.CASCADE, null=True, blank=True, related_name="+", db_index=False
    )
    question_key = models.SlugField(max_length=40)
    status = models.CharField(_("status"), max_length=10, choices=ResultStatus.choices)
    #: Everyone who answered the question, "don't know" included (only where shown).
    respondents = models.PositiveIntegerField(null=True, blank=True)
    #: Those who gave a score of 1–5 (only where shown).
    scored = models.PositiveIntegerField(null=True, blank=True)
    mean = models.FloatField(null=True, blank=True)
    #: How many answered "don't know", 1, 2, 3, 4 and 5, where the distribution may be shown.
    distribution = models.JSONField(null=True, blank=True)
    #: A free-text question: whether its answers may be shown for this group, and how many there are.
    texts_shown = models.BooleanField(default=False)
    text_count = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["round", "scope", "kind", "unit", "version"], name="surveys_result_group"),
            models.Index(fields=["round", "question_key"], name="surveys_result_question"),
        ]
        verbose_name = _("result")
        verbose_name_plural = _("results")

    def __str__(self) -> str:
        return f"{self.round_id} {self.scope} {self.kind or self.unit_id or ''} {self.question_key}"


class ResultText(models.Model):
    """A free-text answer as the results list it, written when the round closes in a random order (its key), with
    what its groups are chosen by. Shown only for a group whose text row says so (``GroupResult.texts_shown``)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="+")
    question_key = models.SlugField(max_length=40)
    unit_path = models.CharField(max_length=255)
    kind = models.CharField(max_length=40, blank=True)
    version = models.ForeignKey(QuestionnaireVersion, on_delete=models.CASCADE, related_name="+")
    text = models.TextField()

    class Meta:
        indexes = [
            models.Index(fields=["round", "question_key", "id"], name="surveys_text_order"),
            models.Index(fields=["round", "question_key", "unit_path"], name="surveys_text_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.round_id} {self.question_key}"
