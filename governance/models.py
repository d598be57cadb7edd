"""Innovation goals, indicators and the tertial reports of every administration and company (M7)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.city import CITY_TIME_ZONE
from core.models import TimeStampedModel
from organisation.models import Unit

#: The former name of the city's time zone, still read by the sample data.


class Period(models.TextChoices):
    """The city's reporting periods. Each covers the year from 1 January to its end."""

    T1 = "T1", _("Tertial report 1 (January–April)")
    T2 = "T2", _("Tertial report 2 (January–August)")
    ANNUAL = "VB", _("Annual report (January–December)")

    @classmethod
    def short(cls, value: str) -> str:
        return {"T1": "T1", "T2": "T2", "VB": str(_("Annual"))}[value]


#: The month after each period's last month (the period ends at its start, exclusive).
PERIOD_END_MONTH = {Period.T1: 5, Period.T2: 9}


def period_bounds(year: int, period: str) -> tuple[datetime, datetime]:
    """[start, end) of a period as aware datetimes in Stockholm time."""
    start = datetime(year, 1, 1, tzinfo=CITY_TIME_ZONE)
    month = PERIOD_END_MONTH.get(Period(period))
    end = datetime(year, month, 1, tzinfo=CITY_TIME_ZONE) if month else datetime(year + 1, 1, 1, tzinfo=CITY_TIME_ZONE)
    return start, end


def default_deadline(year: int, period: str) -> date:
    """The customary deadline: mid-May for T1, mid-September for T2, mid-February the next year for the annual report."""
    if period == Period.T1:
        return date(year, 5, 15)
    if period == Period.T2:
        return date(year, 9, 15)
    return date(year + 1, 2, 15)


class Measure(models.TextChoices):
    COUNT = "count", _("number")
    PER_THOUSAND = "per_thousand", _("per 1,000 employees")
    PERCENT = "percent", _("per cent")
    DAYS = "days", _("days")
    SEK = "sek", _("kronor")
    #: A mean score on a survey's scale of 1–5.
    MEAN = "mean", _("mean score")


class Direction(models.TextChoices):
    HIGHER = "higher", _("higher is better")
    LOWER = "lower", _("lower is better")


class Indicator(TimeStampedModel):
    """What is measured. Computed ones come from Språng's own data; the others are entered with their source."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    computation = models.CharField(
        _("computed from"),
        max_length=40,
        blank=True,
        help_text=_("Empty for an indicator whose values are entered by hand."),
    )
    measure = models.CharField(_("unit of measure"), max_length=20, choices=Measure.choices)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices, default=Direction.HIGHER)
    source = models.CharField(
        _("source"), max_length=300, blank=True, help_text=_("Where the figures come from, for entered indicators.")
    )
    active = models.BooleanField(_("in use"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["computation", "name"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.label

    @property
    def is_computed(self) -> bool:
        return bool(self.computation)

    @property
    def label(self) -> str:
        """Computed indicators carry their name in the reader's language; entered ones as written."""
        if self.computation:
            from governance.indicators import COMPUTATIONS

            computation = COMPUTATIONS.get(self.computation)
            if computation is not None:
                return str(computation.label)
        return self.name


class Goal(TimeStampedModel):
    """An innovation goal for a year: the city's, or a committee's or company board's under one of the city's."""

    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="goals", verbose_name=_("set by"))
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("city goal it serves"),
    )
    title = models.CharField(_("goal"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    indicators = models.ManyToManyField(Indicator, blank=True, related_name="goals", verbose_name=_("indicators"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["year", "unit__path", "pk"]
        indexes = [models.Index(fields=["year", "unit"])]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return self.title

    @property
    def is_city_goal(self) -> bool:
        return self.parent_id is None


class GoalLink(TimeStampedModel):
    """A piece of work (an idea, a call, a need, a challenge …) tagged as serving a goal.

    The work is named by its content type and key (ADR 0031): governance does not know the apps whose work
    serves its goals; each declares its kinds in its own ``goal_work.py`` (``governance.goal_work``).
    """

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="links", verbose_name=_("goal"))
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    tagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("tagged by")
    )

    class Meta:
        ordering = ["goal", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["goal", "content_type", "object_id"], name="one_link_per_goal_and_work")
        ]
        indexes = [models.Index(fields=["content_type", "object_id"], name="goal_link_work")]
        verbose_name = _("goal the work serves")
        verbose_name_plural = _("goals the work serves")

    def __str__(self) -> str:
        return f"{self.goal_id} ← {self.content_type_id}:{self.object_id}"


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class Activity(TimeStampedModel):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="activities", verbose_name=_("goal"))
    title = models.CharField(_("activity"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("responsible")
    )
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    status = models.CharField(
        _("status"), max_length=20, choices=ActivityStatus.choices, default=ActivityStatus.PLANNED
    )

    class Meta:
        ordering = ["starts_on", "pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self) -> str:
        return self.title


class Target(TimeStampedModel):
    """What a unit aims for on one indicator in one year."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("target"), max_digits=14, decimal_places=2)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["year", "indicator"]
        constraints = [models.UniqueConstraint(fields=["indicator", "unit", "year"], name="one_target_per_year")]
        verbose_name = _("target")
        verbose_name_plural = _("targets")

    def __str__(self) -> str:
        return f"{self.indicator} {self.year}: {self.value}"


class IndicatorValue(models.Model):
    """A computed indicator's value for one unit and period, kept so that a period always shows the same figure.

    ``basis`` is the number of ideas (or people) the value rests on: open data publishes a
    value only when its basis is at least five.
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    period = models.CharField(max_length=2, choices=Period.choices)
    value = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    basis = models.PositiveIntegerField(default=0)
    computed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["indicator", "unit", "year", "period"], name="one_value_per_period")
        ]
        indexes = [models.Index(fields=["year", "period", "unit"])]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.unit_id} {self.year} {self.period}: {self.value}"


class ReportingPeriod(TimeStampedModel):
    """A period the executive office has opened for reports, with its deadline."""

    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    period = models.CharField(_("period"), max_length=2, choices=Period.choices)
    deadline = models.DateField(_("deadline"))
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-year", "-period"]
        constraints = [models.UniqueConstraint(fields=["year", "period"], name="one_reporting_period")]
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")

    def __str__(self) -> str:
        return f"{self.get_period_display()} {self.year}"

    @property
    def bounds(self) -> tuple[datetime, datetime]:
        return period_bounds(self.year, self.period)


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for changes")
    APPROVED = "approved", _("Approved")


class Report(TimeStampedModel):
    """An administration's or company's report on its innovation work for one period."""

    reporting_period = models.ForeignKey(
        ReportingPeriod, on_delete=models.PROTECT, related_name="reports", verbose_name=_("period")
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="reports", verbose_name=_("reported by"))
    status = models.CharField(_("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    narrative = models.TextField(_("the period's innovation work"), blank=True)
    deadline = models.DateField(_("deadline"))
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    decided_at = models.DateTimeField(_("approved"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["reporting_period", "unit__path"]
        constraints = [models.UniqueConstraint(fields=["reporting_period", "unit"], name="one_report_per_period")]
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self) -> str:
        return f"{self.unit} – {self.reporting_period}"

    def get_absolute_url(self) -> str:
        return reverse("governance:report", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status in (ReportStatus.DRAFT, ReportStatus.RETURNED)

    @property
    def is_locked(self) -> bool:
        return self.status == ReportStatus.APPROVED


class Outcome(models.Model):
    """A report's figure for one indicator: computed (frozen at submission) or entered with its source."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="outcomes")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="outcomes")
    value = models.DecimalField(_("outcome"), max_digits=14, decimal_places=2, null=True, blank=True)
    basis = models.PositiveIntegerField(default=0)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        ordering = ["indicator"]
        constraints = [models.UniqueConstraint(fields=["report", "indicator"], name="one_outcome_per_indicator")]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value}"


class Fulfilment(models.TextChoices):
    MET = "met", _("Met")
    PARTLY = "partly", _("Partly met")
    NOT_MET = "not_met", _("Not met")


class GoalAssessment(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="assessments")
    goal = models.ForeignKey(Goal, on_delete=models.PROTECT, related_name="assessments")
    fulfilment = models.CharField(_("assessment"), max_length=10, choices=Fulfilment.choices, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["goal"]
        constraints = [models.UniqueConstraint(fields=["report", "goal"], name="one_assessment_per_goal")]

    def __str__(self) -> str:
        return f"{self.goal}: {self.fulfilment}"


class ReportAction(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for changes")
    APPROVED = "approved", _("Approved")
    DEADLINE_EXTENDED = "extended", _("Deadline extended")


class ReportEvent(models.Model):
    """The report's record: who submitted, returned or approved it, when and why. Never changed."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=20, choices=ReportAction.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by"))
    at = models.DateTimeField(_("when"))
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("report event")
        verbose_name_plural = _("report events")

    def __str__(self) -> str:
        return f"{self.report_id} {self.action} {self.at:%Y-%m-%d}"


def quantize(value: Decimal | float | int | None) -> Decimal | None:
    return None if value is None else Decimal(value).quantize(Decimal("0.01"))
