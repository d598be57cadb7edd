"""The catalogue: courses on innovation (self-paced modules, workshops and seminars, the leadership programmes'
innovation modules), a self-paced module's check of understanding, and a course's sessions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel


class CourseKind(models.TextChoices):
    #: Taken at one's own pace: on the city's learning platform (a link) or here (text, a video link, a check).
    MODULE = "module", _("Self-paced module")
    WORKSHOP = "workshop", _("Workshop")
    SEMINAR = "seminar", _("Seminar")
    #: An innovation module of the city's leadership programmes: for managers only.
    LEADERSHIP = "leadership", _("Leadership programme module")


class Audience(models.TextChoices):
    EVERYONE = "everyone", _("Everyone")
    MANAGERS = "managers", _("Managers")
    COACHES = "coaches", _("Innovation coaches")


class CourseLanguage(models.TextChoices):
    SV = "sv", _("Swedish")
    EN = "en", _("English")
    BOTH = "sv,en", _("Swedish and English")


class CourseState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Course(TimeStampedModel):
    """Something to learn about innovation, published by the executive office or an administration."""

    #: The learning platform's code, used when completions are imported (``INNO-INTRO``).
    code = models.SlugField(_("code"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=CourseKind.choices)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=500)
    #: Content kept in Språng (a self-paced module), as plain text in paragraphs.
    body = models.TextField(_("content"), blank=True)
    video_url = models.URLField(_("link to a video"), max_length=500, blank=True)
    #: The module on the city's learning platform.
    external_url = models.URLField(_("link to the learning platform"), max_length=500, blank=True)
    audience = models.CharField(_("for"), max_length=20, choices=Audience.choices, default=Audience.EVERYONE)
    length_minutes = models.PositiveIntegerField(_("length in minutes"))
    language = models.CharField(_("language"), max_length=5, choices=CourseLanguage.choices, default=CourseLanguage.SV)
    #: The introductory module every employee is asked to take (its completions are an indicator).
    is_introduction = models.BooleanField(_("the introductory module"), default=False)
    #: Shown without sign-in, on the public site and in the open API.
    is_public = models.BooleanField(_("public"), default=False)
    #: How many of the check's questions must be answered right to complete the module.
    pass_mark = models.PositiveSmallIntegerField(_("right answers needed"), default=0)
    state = models.CharField(_("state"), max_length=20, choices=CourseState.choices, default=CourseState.DRAFT)
    #: The unit that publishes it: the executive office's unit, or an administration.
    unit = models.ForeignKey(
        "organisation.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("published by")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    lock_version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        ordering = ["title", "pk"]
        indexes = [models.Index(fields=["state", "audience", "kind"], name="learning_course_find")]
        constraints = [
            # Only a self-paced module is the introductory module.
            models.CheckConstraint(
                condition=~models.Q(is_introduction=True) | models.Q(kind="module"), name="learning_intro_is_module"
            ),
            # A leadership module is for managers.
            models.CheckConstraint(
                condition=~models.Q(kind="leadership") | models.Q(audience="managers"),
                name="learning_leadership_for_managers",
            ),
        ]
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("learning:course", args=[self.pk])

    @property
    def is_self_paced(self) -> bool:
        return self.kind == CourseKind.MODULE

    @property
    def has_sessions(self) -> bool:
        return self.kind != CourseKind.MODULE


class CheckQuestion(models.Model):
    """One question of a self-paced module's check of understanding: a few choices, one of them right."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="questions", verbose_name=_("course"))
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    text = models.CharField(_("question"), max_length=400)
    #: The choices, in order (two to six).
    choices = models.JSONField(_("choices"), default=list)
    #: The index in ``choices`` of the right answer.
    correct = models.PositiveSmallIntegerField(_("right answer"))

    class Meta:
        ordering = ["course", "position", "pk"]
        verbose_name = _("question of the check")
        verbose_name_plural = _("questions of the check")

    def __str__(self) -> str:
        return self.text


class Session(TimeStampedModel):
    """A time a workshop, seminar or leadership module is given: an event of the spread app (date, place or link,
    places, registration, the waiting list, reminders and attendance all work as for other events)."""

    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("course"))
    event = models.OneToOneField(
        "spread.Event", on_delete=models.CASCADE, related_name="learning_session", verbose_name=_("event")
    )
    #: When attendance was turned into completions (once; marking again adds those newly marked present).
    completions_recorded_at = models.DateTimeField(_("completions recorded"), null=True, blank=True)

    class Meta:
        ordering = ["course", "pk"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self) -> str:
        return f"{self.course} – {self.event.starts_at:%Y-%m-%d}"
