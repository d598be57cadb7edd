"""The innovation items of the city's employee survey, which is run elsewhere: imported as aggregated results per unit
and year, and shown under the same anonymity rules as the capability survey."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from organisation.models import Unit

from .results import ResultStatus


class EmployeeSurveyItem(models.Model):
    """One of the employee survey's innovation items, by the survey vendor's code. The vendor's file has the Swedish
    wording; the executive office may write the English one (``services.item_translate``). Until then the English
    pages show the Swedish wording, marked as Swedish (``text_language``)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    text_sv = models.CharField(_("item in Swedish"), max_length=400)
    text_en = models.CharField(_("item in English"), max_length=400, blank=True)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        ordering = ["code"]
        verbose_name = _("employee survey item")
        verbose_name_plural = _("employee survey items")

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        """The wording in the reader's language, or in Swedish where no English one has been written."""
        return self.text_en if self.text_language == "en" else self.text_sv

    @property
    def text_language(self) -> str:
        """The language ``text`` is in: for the ``lang`` attribute of where it is shown."""
        return "en" if self.text_en and (get_language() or "sv").startswith("en") else "sv"


class EmployeeSurveyImport(TimeStampedModel):
    """One file imported: a year's results replace the ones imported for that year before."""

    year = models.PositiveSmallIntegerField(_("year"))
    file_name = models.CharField(_("file name"), max_length=200)
    rows = models.PositiveIntegerField(_("rows"))
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("imported by"),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("employee survey import")
        verbose_name_plural = _("employee survey imports")

    def __str__(self) -> str:
        return f"{self.year}: {self.file_name}"


class EmployeeSurveyResult(models.Model):
    """An item's aggregated result for a unit (and the units below it) in a year, as the vendor counted it."""

    imported = models.ForeignKey(EmployeeSurveyImport, on_delete=models.CASCADE, related_name="results")
    year = models.PositiveSmallIntegerField(_("year"))
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    item = models.ForeignKey(EmployeeSurveyItem, on_delete=models.PROTECT, related_name="results")
    respondents = models.PositiveIntegerField(_("respondents"))
    mean = models.DecimalField(_("mean"), max_digits=3, decimal_places=2)
    #: Decided when imported, by the same rules as the capability survey's results (``surveys.anonymity``).
    status = models.CharField(_("status"), max_length=10, choices=ResultStatus.choices)

    class Meta:
        ordering = ["year", "item", "unit__path"]
        constraints = [models.UniqueConstraint(fields=["year", "unit", "item"], name="surveys_employee_result")]
        verbose_name = _("employee survey result")
        verbose_name_plural = _("employee survey results")

    def __str__(self) -> str:
        return f"{self.year} {self.unit_id} {self.item_id}"
