"""A questionnaire and its versions. A version's questions never change once a round has answers to it: a new version
is made instead. A question keeps its ``key`` from version to version while it asks the same thing, and results are
compared across versions on the keys they share."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel


class Theme(models.TextChoices):
    #: One of the five success factors of the strategy (2.3).
    FACTOR = "factor", _("Success factor")
    #: One of the capability areas of 2.3: where ideas come from, user feedback, procurement, digitalisation, leadership.
    CAPABILITY = "capability", _("Capability area")
    #: A free-text question.
    OPEN = "open", _("Free text")


class QuestionKind(models.TextChoices):
    #: A statement rated 1 (disagree entirely) to 5 (agree entirely), or "don't know".
    SCALE = "scale", _("Statement on a scale of 1–5")
    TEXT = "text", _("Free text")


class Questionnaire(TimeStampedModel):
    #: ``innovation-capability`` for the questionnaire that ships with Språng (``surveys.rounds.default``).
    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    name_sv = models.CharField(_("name in Swedish"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200)
    description_sv = models.TextField(_("description in Swedish"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)

    class Meta:
        ordering = ["name_sv"]
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "sv").startswith("en") else self.name_sv

    @property
    def description(self) -> str:
        return self.description_en if (get_language() or "sv").startswith("en") else self.description_sv


class QuestionnaireVersion(TimeStampedModel):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="versions", verbose_name=_("questionnaire")
    )
    number = models.PositiveSmallIntegerField(_("version"))
    note = models.TextField(_("what changed"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("made by"),
    )
    lock_version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["questionnaire", "-number"]
        constraints = [models.UniqueConstraint(fields=["questionnaire", "number"], name="surveys_version_number")]
        verbose_name = _("questionnaire version")
        verbose_name_plural = _("questionnaire versions")

    def __str__(self) -> str:
        return f"{self.questionnaire} v{self.number}"


class Question(models.Model):
    version = models.ForeignKey(
        QuestionnaireVersion, on_delete=models.CASCADE, related_name="questions", verbose_name=_("version")
    )
    position = models.PositiveSmallIntegerField(_("position"))
    #: The same key in two versions means the same question: their results are compared.
    key = models.SlugField(_("key"), max_length=40)
    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices)
    kind = models.CharField(_("kind of question"), max_length=10, choices=QuestionKind.choices)
    text_sv = models.CharField(_("question in Swedish"), max_length=400)
    text_en = models.CharField(_("question in English"), max_length=400)

    class Meta:
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="surveys_question_key"),
            models.UniqueConstraint(fields=["version", "position"], name="surveys_question_position"),
        ]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return self.text_en if (get_language() or "sv").startswith("en") else self.text_sv

    @property
    def is_scale(self) -> bool:
        return self.kind == QuestionKind.SCALE
