"""Challenges: a validated need put as a time-boxed question to staff, residents, suppliers or researchers.

Answers are ideas (``ideas.Idea``), each tied to its challenge by an ``Answer``.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.city import CITY_TIME_ZONE
from core.models import TimeStampedModel
from organisation.models import Unit


class Audience(models.TextChoices):
    """Who a challenge asks."""

    UNIT_STAFF = "unit_staff", _("Staff of one part of the city")
    ALL_STAFF = "all_staff", _("All city staff")
    RESIDENTS = "residents", _("Residents")
    SUPPLIERS = "suppliers", _("Suppliers")
    ACADEMIA = "academia", _("Students and researchers")
    ANYONE = "anyone", _("Anyone")


#: The audiences whose challenges are on the public site.
PUBLIC_AUDIENCES = (Audience.RESIDENTS, Audience.SUPPLIERS, Audience.ACADEMIA, Audience.ANYONE)


class ChallengeStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    #: Published: open for answers between ``opens_at`` and ``closes_at``, then closed.
    PUBLISHED = "published", _("Published")
    #: Closed, every answer responded to and the summary published.
    SUMMARISED = "summarised", _("Summary published")
    CANCELLED = "cancelled", _("Cancelled")


class Challenge(TimeStampedModel):
    """A question from a validated need, to an audience, between two dates, with the criteria answers are judged by."""

    need = models.ForeignKey(
        "challenges.Need", on_delete=models.PROTECT, related_name="challenges", verbose_name=_("need")
    )
    #: The unit that owns the challenge (the need's unit).
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="challenges", verbose_name=_("unit"))
    title = models.CharField(_("title"), max_length=200)
    question = models.TextField(_("the question"))
    background = models.TextField(_("background"))
    audience = models.CharField(_("who is asked"), max_length=20, choices=Audience.choices)
    #: For ``UNIT_STAFF``: the unit whose staff (with every unit below it) are asked.
    audience_unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("part of the city asked"),
    )
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    criteria = models.TextField(_("what answers are judged by"))
    prizes = models.TextField(_("prizes or next steps"), blank=True)
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="challenges_contact",
        verbose_name=_("contact person"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ChallengeStatus.choices, default=ChallengeStatus.DRAFT, db_index=True
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    #: What came in and what happens next, published when every answer has a response.
    summary = models.TextField(_("summary"), blank=True)
    summarised_at = models.DateTimeField(_("summary published"), null=True, blank=True)
    #: Answers given while it was open (kept with ``Answer`` in one transaction).
    answer_count = models.PositiveIntegerField(_("answers"), default=0)
    #: The jury that scores the shortlisted answers (a call of the programme ``challenge``), once set up.
    jury_call = models.OneToOneField(
        "calls.Call",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="challenge",
        verbose_name=_("jury"),
    )
    #: Closed for answers before its last day (``challenge_close``): when and by whom; ``closes_at`` is then that moment.
    closed_early_at = models.DateTimeField(_("closed early"), null=True, blank=True)
    closed_early_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    search_stems = models.TextField(blank=True, editable=False)

    class Meta:
        ordering = ["-opens_at", "-pk"]
        indexes = [models.Index(fields=["status", "closes_at"]), models.Index(fields=["audience", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")), name="challenge_closes_after_it_opens"
            ),
        ]
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("challenges:challenge", args=[self.pk])

    @property
    def last_day(self) -> date:
        """The last day answers are taken, in the city's time: the day before the closing midnight (``closes_at``
        is the start of the next day), or the day it was closed early."""
        return (self.closes_at - timedelta(microseconds=1)).astimezone(CITY_TIME_ZONE).date()

    @property
    def is_public(self) -> bool:
        return self.audience in PUBLIC_AUDIENCES and self.status in (
            ChallengeStatus.PUBLISHED,
            ChallengeStatus.SUMMARISED,
        )


class Response(models.TextChoices):
    """What the city does with an answer; every answer gets one, with why."""

    PENDING = "pending", _("Not yet responded to")
    TAKEN_FORWARD = "taken_forward", _("Taken forward into the innovation lock")
    MERGED = "merged", _("Merged with another answer")
    NOT_TAKEN = "not_taken", _("Not taken forward")


class Answer(TimeStampedModel):
    """An idea sent in answer to a challenge while it was open."""

    challenge = models.ForeignKey(Challenge, on_delete=models.PROTECT, related_name="answers")
    idea = models.OneToOneField(
        "ideas.Idea", on_delete=models.CASCADE, related_name="challenge_answer", verbose_name=_("idea")
    )
    shortlisted = models.BooleanField(_("on the shortlist"), default=False)
    response = models.CharField(_("response"), max_length=20, choices=Response.choices, default=Response.PENDING)
    response_reason = models.TextField(_("why"), blank=True)
    #: For ``MERGED``: the answer it was merged with.
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("merged with")
    )
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    responded_at = models.DateTimeField(_("responded"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["challenge", "response"]),
            # A challenge's page lists its answers oldest first: with this the page reads its 25 rows in order
            # instead of sorting every answer (2,000 for the largest).
            models.Index(fields=["challenge", "created_at", "id"], name="answer_in_order"),
        ]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self) -> str:
        return f"{self.challenge}: {self.idea}"
