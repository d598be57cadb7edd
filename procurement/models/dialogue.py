"""The open market dialogue of a case: the request for information (RFI), the suppliers registered for it, their
questions and the answers published to all at once, meetings offered on equal terms, and written responses.

Equal treatment is kept by the data: an answer exists only as published to every registered supplier
(``Question.published_at``), a slot is booked by at most one supplier and a supplier books at most one slot, and
the parts of a response marked as business secrets are read by the case's officers only.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import StoredFile, TimeStampedModel
from core.uploads import stored_name


class RfiStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CANCELLED = "cancelled", _("Cancelled")


class Rfi(TimeStampedModel):
    """A case's request for information: public once published, open for questions and responses until its
    deadlines."""

    case = models.OneToOneField(
        "procurement.ProcurementCase", on_delete=models.PROTECT, related_name="rfi", verbose_name=_("case")
    )
    title = models.CharField(_("title"), max_length=200)
    #: What the city wants to learn from the market, written for suppliers (public).
    description = models.TextField(_("what the city wants to know"))
    #: What the city will and will not do with what suppliers send (public).
    terms = models.TextField(_("how the dialogue is held"), blank=True)
    questions_close_at = models.DateTimeField(_("last time for questions"))
    responses_close_at = models.DateTimeField(_("last time for written responses"))
    status = models.CharField(_("status"), max_length=20, choices=RfiStatus.choices, default=RfiStatus.DRAFT)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    #: Kept with ``SupplierInterest`` and ``Question`` in the same transactions.
    supplier_count = models.PositiveIntegerField(_("registered suppliers"), default=0)
    published_question_count = models.PositiveIntegerField(_("published answers"), default=0)
    version = models.PositiveIntegerField(default=1)
    search_stems = models.TextField(blank=True, editable=False)

    class Meta:
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["status", "responses_close_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(responses_close_at__gte=models.F("questions_close_at")),
                name="rfi_responses_close_after_questions",
            ),
        ]
        verbose_name = _("request for information")
        verbose_name_plural = _("requests for information")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("procurement:rfi", args=[self.pk])


def rfi_file_path(instance: RfiDocument, filename: str) -> str:
    return stored_name("procurement")


class RfiDocument(StoredFile):
    """A document of a request for information (public with it)."""

    rfi = models.ForeignKey(Rfi, on_delete=models.CASCADE, related_name="documents", verbose_name=_("request"))
    file = models.FileField(_("file"), upload_to=rfi_file_path, max_length=300)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")


class SupplierInterest(TimeStampedModel):
    """A supplier organisation registered for a request for information: it is sent every published answer and
    minutes, may book a meeting and send a written response."""

    rfi = models.ForeignKey(Rfi, on_delete=models.CASCADE, related_name="interests", verbose_name=_("request"))
    supplier = models.ForeignKey(
        "organisation.SupplierOrganisation",
        on_delete=models.PROTECT,
        related_name="rfi_interests",
        verbose_name=_("supplier"),
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("registered by")
    )

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["rfi", "supplier"], name="rfi_interest_once")]
        verbose_name = _("registered supplier")
        verbose_name_plural = _("registered suppliers")

    def __str__(self) -> str:
        return f"{self.supplier} → {self.rfi}"


class Question(TimeStampedModel):
    """A supplier's question. The officer writes the answer and an anonymised wording of the question; both are
    published to every registered supplier at once and never to one alone."""

    rfi = models.ForeignKey(Rfi, on_delete=models.CASCADE, related_name="questions", verbose_name=_("request"))
    supplier = models.ForeignKey(
        "organisation.SupplierOrganisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("supplier")
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="rfi_questions", verbose_name=_("asked by")
    )
    text = models.TextField(_("question"))
    #: The question as published: without anything that names or points to the supplier.
    public_text = models.TextField(_("question as published"), blank=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    #: Set only when published, in one update for every answer published together.
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    #: Its number among the request's published questions (1, 2, …), given when published.
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["rfi", "number"], name="question_in_order")]
        constraints = [
            models.UniqueConstraint(fields=["rfi", "number"], name="question_number_once"),
            models.CheckConstraint(
                condition=models.Q(published_at__isnull=True) | ~models.Q(answer="") & ~models.Q(public_text=""),
                name="question_published_with_answer",
            ),
        ]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return f"{self.rfi}: {self.pk}"


class MeetingSlot(TimeStampedModel):
    """A time for a one-to-one meeting, offered to every registered supplier on the same terms."""

    rfi = models.ForeignKey(Rfi, on_delete=models.CASCADE, related_name="slots", verbose_name=_("request"))
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place or link"), max_length=300)
    booked_by_supplier = models.ForeignKey(
        "organisation.SupplierOrganisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("booked by"),
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    booked_at = models.DateTimeField(_("booked"), null=True, blank=True)
    #: What was said, written by the officer and published to every registered supplier.
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_published_at = models.DateTimeField(_("minutes published"), null=True, blank=True)
    minutes_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")), name="slot_ends_after_start"),
            # Equal terms: one meeting per supplier and request.
            models.UniqueConstraint(
                fields=["rfi", "booked_by_supplier"],
                condition=models.Q(booked_by_supplier__isnull=False),
                name="slot_one_per_supplier",
            ),
        ]
        verbose_name = _("meeting time")
        verbose_name_plural = _("meeting times")

    def __str__(self) -> str:
        return f"{self.rfi}: {self.starts_at:%Y-%m-%d %H:%M}"


class Maturity(models.TextChoices):
    """How far a supplier's solution has come."""

    IDEA = "idea", _("An idea or concept")
    PROTOTYPE = "prototype", _("A prototype")
    PILOTED = "piloted", _("Tested in a pilot")
    ON_MARKET = "on_market", _("On the market")
    WIDELY_USED = "widely_used", _("In wide use")


class ResponseStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Sent")


class WrittenResponse(TimeStampedModel):
    """A supplier's written response to a request for information. Each part may be marked as a business
    secret: it is then read by the case's officers only and is in no public page, export, API or search."""

    rfi = models.ForeignKey(Rfi, on_delete=models.CASCADE, related_name="responses", verbose_name=_("request"))
    supplier = models.ForeignKey(
        "organisation.SupplierOrganisation",
        on_delete=models.PROTECT,
        related_name="rfi_responses",
        verbose_name=_("supplier"),
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="rfi_responses", verbose_name=_("written by")
    )
    solution = models.TextField(_("the solution"))
    solution_secret = models.BooleanField(_("the solution is a business secret"), default=False)
    maturity = models.CharField(_("how far it has come"), max_length=20, choices=Maturity.choices)
    price_indication = models.TextField(_("price indication"), blank=True)
    price_secret = models.BooleanField(_("the price indication is a business secret"), default=True)
    other = models.TextField(_("anything else"), blank=True)
    other_secret = models.BooleanField(_("this is a business secret"), default=False)
    status = models.CharField(_("status"), max_length=20, choices=ResponseStatus.choices, default=ResponseStatus.DRAFT)
    submitted_at = models.DateTimeField(_("sent"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["rfi", "supplier"], name="rfi_response_once")]
        verbose_name = _("written response")
        verbose_name_plural = _("written responses")

    def __str__(self) -> str:
        return f"{self.supplier} → {self.rfi}"


def response_file_path(instance: ResponseFile, filename: str) -> str:
    return stored_name("procurement")


class ResponseFile(StoredFile):
    """A file of a written response; a business secret unless the supplier says otherwise."""

    response = models.ForeignKey(
        WrittenResponse, on_delete=models.CASCADE, related_name="files", verbose_name=_("response")
    )
    file = models.FileField(_("file"), upload_to=response_file_path, max_length=300)
    secret = models.BooleanField(_("business secret"), default=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("file")
        verbose_name_plural = _("files")
