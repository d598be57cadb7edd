"""Calls, applications and juries: the innovation fund, the stipend and the city's awards (M4, M5).

One mechanism serves every programme: a call that people apply or nominate to, screening
of eligibility, assessment by a jury on a weighted rubric, a decision, and follow-up.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.models import TimeStampedModel
from core.uploads import stored_name
from ideas.models import Idea
from organisation.models import Unit


class Programme(models.TextChoices):
    FUND = "fund", _("Innovation fund")
    STIPEND = "stipend", _("Innovation stipend")
    QUALITY_AWARD = "quality_award", _("Quality award")
    RENEWAL_PRIZE = "renewal_prize", _("Renewal prize")
    OPEN_DATA_AWARD = "open_data_award", _("Open data award")
    #: A jury that scores the shortlisted answers to a challenge (``challenges.Challenge.jury_call``).
    CHALLENGE = "challenge", _("Scoring of a challenge's answers")


#: Programmes that give money against a budget, with payments and a final report.
FUNDING_PROGRAMMES = (Programme.FUND, Programme.STIPEND)
#: Programmes whose entries are made by a unit (through its committee) rather than by a person.
UNIT_PROGRAMMES = (Programme.FUND, Programme.QUALITY_AWARD, Programme.RENEWAL_PRIZE)
#: Programmes whose calls are another app's jury: never published, applied to, decided or listed as calls.
#: Their entries are made by that app (``calls.services.call.jury_call_open``) and only scored here.
JURY_ONLY_PROGRAMMES = (Programme.CHALLENGE,)


class Call(TimeStampedModel):
    """A call for applications or nominations, with its rules, rubric and jury."""

    programme = models.CharField(_("programme"), max_length=20, choices=Programme.choices)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=300)
    description = models.TextField(_("description"))
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"), help_text=_("The deadline, in Stockholm time."))
    published = models.BooleanField(_("published"), default=False)
    budget = models.DecimalField(_("budget (kronor)"), max_digits=12, decimal_places=0, null=True, blank=True)
    blind_review = models.BooleanField(
        _("blind review"), default=False, help_text=_("Jurors do not see who applied or from which unit.")
    )
    scale_min = models.PositiveSmallIntegerField(_("lowest score"), default=1)
    scale_max = models.PositiveSmallIntegerField(_("highest score"), default=5)
    # Eligibility rules the office sets (empty: not checked).
    min_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    no_city_employment_months = models.PositiveSmallIntegerField(
        _("no employment by the city within (months)"), null=True, blank=True
    )
    exclude_last_year_winners = models.BooleanField(_("last year's winners may not apply"), default=False)
    min_staff = models.PositiveSmallIntegerField(_("minimum staff of an entering unit"), null=True, blank=True)
    results_published_at = models.DateTimeField(_("results published"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-closes_at"]
        indexes = [models.Index(fields=["published", "closes_at"])]
        verbose_name = _("call")
        verbose_name_plural = _("calls")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("calls:call", args=[self.pk])

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.published and self.opens_at <= now < self.closes_at

    @property
    def is_funding(self) -> bool:
        return self.programme in FUNDING_PROGRAMMES

    @property
    def is_by_unit(self) -> bool:
        return self.programme in UNIT_PROGRAMMES

    @property
    def is_jury_only(self) -> bool:
        """Another app's jury (the scoring of a challenge's answers): not a call anyone applies to."""
        return self.programme in JURY_ONLY_PROGRAMMES

    @property
    def is_award(self) -> bool:
        """An award (the quality award, the renewal prize, the open data award): entries are awarded, not granted."""
        return not self.is_funding


class Category(models.Model):
    """A class of an award (the quality award's five) or a kind of nomination, with its entry rule."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="categories")
    name = models.CharField(_("name"), max_length=120)
    entry_rule = models.TextField(_("entry rule"), blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("class")
        verbose_name_plural = _("classes")

    def __str__(self) -> str:
        return self.name


class Criterion(models.Model):
    """One criterion of the call's rubric; scores are weighted by ``weight``."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("criterion"), max_length=120)
    description = models.TextField(_("what a high score means"), blank=True)
    weight = models.DecimalField(
        _("weight"), max_digits=5, decimal_places=2, default=Decimal(1), validators=[MinValueValidator(Decimal("0.01"))]
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def __str__(self) -> str:
        return self.name


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    INELIGIBLE = "ineligible", _("Not eligible")
    IN_REVIEW = "in_review", _("With the jury")
    GRANTED = "granted", _("Granted")
    REJECTED = "rejected", _("Not granted")


#: Statuses after a decision.
DECIDED = (Status.GRANTED, Status.REJECTED)

#: An award's entries are awarded, not granted: the decided statuses as an award names them.
AWARD_STATUS_LABELS = {
    Status.GRANTED: pgettext_lazy("status of an award entry", "Awarded"),
    Status.REJECTED: pgettext_lazy("status of an award entry", "Not awarded"),
}


class Residence(models.TextChoices):
    LIVES = "lives", _("I live in the city")
    WORKS = "works", _("I work in the city")
    STUDIES = "studies", _("I study in the city")
    NONE = "none", _("None of these")


class Application(TimeStampedModel):
    """An application or a nomination to a call, by a person (for themselves or a unit)."""

    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="applications", verbose_name=_("call"))
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="applications", verbose_name=_("applicant")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    title = models.CharField(_("title"), max_length=200, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    description = models.TextField(_("description"), blank=True)
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, null=True, blank=True, related_name="applications", verbose_name=_("class")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="applications", verbose_name=_("unit")
    )
    idea = models.ForeignKey(
        Idea, on_delete=models.PROTECT, null=True, blank=True, related_name="applications", verbose_name=_("idea")
    )
    requested_amount = models.DecimalField(
        _("amount applied for (kronor)"), max_digits=12, decimal_places=0, null=True, blank=True
    )
    co_financing = models.DecimalField(
        _("co-financing (kronor)"), max_digits=12, decimal_places=0, null=True, blank=True
    )
    # What eligibility is checked against (stipend, quality award).
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    residence = models.CharField(_("connection to the city"), max_length=10, choices=Residence.choices, blank=True)
    city_employment_ended_on = models.DateField(
        _("last day of employment by the city"),
        null=True,
        blank=True,
        help_text=_("If you have been employed by the city: your last day. Leave empty if you never were."),
    )
    staff_count = models.PositiveIntegerField(_("staff"), null=True, blank=True)
    open_data_used = models.TextField(
        _("the city's open data it builds on"),
        blank=True,
        help_text=_("The city's data sets the entry uses, with links if you have them."),
    )
    has_budget_responsibility = models.BooleanField(_("has its own budget and staff responsibility"), null=True)
    private_provider = models.BooleanField(_("a private provider"), default=False)
    serves_mainly_city_residents = models.BooleanField(_("serves mainly the city's residents"), null=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    screening_note = models.TextField(_("screening note"), blank=True)
    screened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    screened_at = models.DateTimeField(_("screened"), null=True, blank=True)
    granted_amount = models.DecimalField(
        _("granted amount (kronor)"), max_digits=12, decimal_places=0, null=True, blank=True
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["call", "status"]), models.Index(fields=["applicant", "-created_at"])]
        verbose_name = _("application")
        verbose_name_plural = _("applications")

    def __str__(self) -> str:
        return self.title or str(_("Untitled application"))

    def get_absolute_url(self) -> str:
        return reverse("calls:application", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status == Status.DRAFT

    @property
    def status_label(self) -> str:
        """The status as the programme names it: a grant is granted, an award's entry is awarded."""
        if self.status in AWARD_STATUS_LABELS and not self.call.is_funding:
            return str(AWARD_STATUS_LABELS[Status(self.status)])
        return str(self.get_status_display())

    @property
    def budget_total(self) -> Decimal:
        return sum((line.amount for line in self.budget_lines.all()), Decimal(0))


class BudgetLine(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="budget_lines")
    description = models.CharField(_("cost"), max_length=200)
    amount = models.DecimalField(
        _("amount (kronor)"), max_digits=12, decimal_places=0, validators=[MinValueValidator(Decimal(0))]
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("cost line")
        verbose_name_plural = _("cost lines")

    def __str__(self) -> str:
        return f"{self.description}: {self.amount}"


def application_file_path(instance: ApplicationFile, filename: str) -> str:
    """A generated name (``applications/2026/12/<uuid>``): the uploader's name is kept in ``original_name``."""
    return stored_name("applications")


class ApplicationFile(TimeStampedModel):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("file"), upload_to=application_file_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("attached file")
        verbose_name_plural = _("attached files")

    def __str__(self) -> str:
        return self.original_name


class Juror(TimeStampedModel):
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="jurors")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="jury_seats", verbose_name=_("juror")
    )
    is_chair = models.BooleanField(_("chair"), default=False)

    class Meta:
        ordering = ["-is_chair", "user__name"]
        constraints = [models.UniqueConstraint(fields=["call", "user"], name="one_seat_per_call")]
        verbose_name = _("juror")
        verbose_name_plural = _("jurors")

    def __str__(self) -> str:
        return str(self.user)


class Conflict(TimeStampedModel):
    """A juror's declared conflict of interest with one application: they are recused from it."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="conflicts")
    juror = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("reason"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["application", "juror"], name="one_conflict_per_juror")]
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")

    def __str__(self) -> str:
        return f"{self.juror} – {self.application}"


class Assignment(TimeStampedModel):
    """An application given to a juror to score."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="assignments")
    juror = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assignments")
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(_("scores submitted"), null=True, blank=True)
    #: The juror's weighted total (mean of the scores weighted by the criteria), kept once submitted so
    #: that a call of hundreds of applications is ranked by one ordered query.
    total = models.DecimalField(_("weighted total"), max_digits=6, decimal_places=2, null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["application", "juror"], name="one_assignment_per_juror")]
        indexes = [models.Index(fields=["application", "total"], name="assignment_total")]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")

    def __str__(self) -> str:
        return f"{self.juror} – {self.application}"


class Score(models.Model):
    """One juror's score on one criterion, with the required comment."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores")
    value = models.PositiveSmallIntegerField(_("score"))
    comment = models.TextField(_("comment"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assignment", "criterion"], name="one_score_per_criterion")]
        verbose_name = _("score")
        verbose_name_plural = _("scores")

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"


class Decision(models.Model):
    """The decision on an application: a public record of who decided, when and why. Never changed."""

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="decision")
    granted = models.BooleanField(_("granted"))
    amount = models.DecimalField(_("amount (kronor)"), max_digits=12, decimal_places=0, null=True, blank=True)
    justification = models.TextField(_("justification"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("decided"))

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return f"{self.application}: {'granted' if self.granted else 'not granted'}"


class Payment(models.Model):
    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="payments")
    amount = models.DecimalField(_("amount (kronor)"), max_digits=12, decimal_places=0)
    paid_on = models.DateField(_("paid on"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["paid_on", "pk"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")

    def __str__(self) -> str:
        return f"{self.amount} ({self.paid_on})"


class FinalReport(models.Model):
    """What a funded project achieved: shown on its idea's timeline."""

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="final_report")
    results = models.TextField(_("results"))
    lessons = models.TextField(_("lessons"))
    recommend_spread = models.BooleanField(_("worth spreading to other units"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(_("submitted"))

    class Meta:
        verbose_name = _("final report")
        verbose_name_plural = _("final reports")

    def __str__(self) -> str:
        return str(self.application)
