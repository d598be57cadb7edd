"""What a person has done: completions of courses (from attendance, a passed check, the learning platform's import or
recorded by the organiser), the imports themselves, and development talks that covered innovation."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel

from .courses import Course, Session


class CompletionSource(models.TextChoices):
    ATTENDANCE = "attendance", _("Attended a session")
    CHECK = "check", _("Passed the check")
    IMPORT = "import", _("The learning platform")


class CompletionImport(TimeStampedModel):
    """One batch of completions from the city's learning platform (a CSV file or a call to the API): all or nothing."""

    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("imported by")
    )
    #: The file's name, or ``api`` for records sent through the API.
    file_name = models.CharField(_("file"), max_length=200)
    rows = models.PositiveIntegerField(_("rows"))
    #: Rows that were already recorded (the same person, course and day).
    already_recorded = models.PositiveIntegerField(_("already recorded"), default=0)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("completion import")
        verbose_name_plural = _("completion imports")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.rows})"


class Completion(models.Model):
    """A person completed a course on a day. Completing it again another day is another row (courses are retaken)."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="completions", verbose_name=_("person")
    )
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="completions", verbose_name=_("course"))
    completed_on = models.DateField(_("completed"))
    source = models.CharField(_("how"), max_length=20, choices=CompletionSource.choices)
    session = models.ForeignKey(
        Session,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="completions",
        verbose_name=_("session"),
    )
    imported = models.ForeignKey(
        CompletionImport,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="completions",
        verbose_name=_("completion import"),
    )
    #: The unit the person belonged to when they completed it (the indicators count it there).
    unit = models.ForeignKey(
        "organisation.Unit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit"),
    )

    class Meta:
        ordering = ["-completed_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["person", "course", "completed_on"], name="learning_complete_once_a_day")
        ]
        indexes = [models.Index(fields=["course", "completed_on"], name="learning_completion_course")]
        verbose_name = _("completion")
        verbose_name_plural = _("completions")

    def __str__(self) -> str:
        return f"{self.person} – {self.course} ({self.completed_on})"


class DevelopmentTalk(TimeStampedModel):
    """That a manager's development talk with an employee in a year covered innovation, and how many ideas came of
    it. Nothing of what was said is stored."""

    employee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="development_talks", verbose_name=_("employee")
    )
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="development_talks_held",
        verbose_name=_("manager"),
    )
    #: The employee's unit at the time of the talk (the indicators count it there).
    unit = models.ForeignKey("organisation.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    year = models.PositiveSmallIntegerField(_("year"))
    held_on = models.DateField(_("held on"))
    innovation_discussed = models.BooleanField(_("innovation was discussed"))
    ideas_count = models.PositiveSmallIntegerField(_("ideas that came of it"), default=0)
    lock_version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        ordering = ["-year", "employee__name", "pk"]
        constraints = [models.UniqueConstraint(fields=["employee", "year"], name="learning_one_talk_a_year")]
        indexes = [models.Index(fields=["year", "unit"], name="learning_talk_year_unit")]
        verbose_name = _("development talk")
        verbose_name_plural = _("development talks")

    def __str__(self) -> str:
        return f"{self.employee} {self.year}"


class TalkIdea(models.Model):
    """An idea the employee sent in from what they raised in a development talk."""

    talk = models.ForeignKey(
        DevelopmentTalk, on_delete=models.CASCADE, related_name="ideas", verbose_name=_("development talk")
    )
    idea = models.OneToOneField(
        "ideas.Idea", on_delete=models.CASCADE, related_name="from_talk", verbose_name=_("idea")
    )

    class Meta:
        verbose_name = _("idea from a development talk")
        verbose_name_plural = _("ideas from development talks")

    def __str__(self) -> str:
        return f"{self.talk} → {self.idea_id}"
