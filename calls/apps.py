from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CallsConfig(AppConfig):
    name = "calls"
    verbose_name = _("Calls, applications and juries")
    urls = ("calls/", "calls.urls")
    api_routers = (("/calls", "calls.api.calls_router"), ("/applications", "calls.api.applications_router"))
    position = 50  # see core/plugins.py

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from calls import models

        # Scores, recusals and decisions are kept in the audit trail (who, what, when).
        for model in (
            models.Call,
            models.Criterion,
            models.Category,
            models.Application,
            models.BudgetLine,
            models.ApplicationFile,
            models.Juror,
            models.Conflict,
            models.Assignment,
            models.Score,
            models.Decision,
            models.Payment,
            models.FinalReport,
        ):
            auditlog.register(model, exclude_fields=["version"])

        from calls.services.application import DRAFT_FIELDS
        from core.public_cache import watch

        # Calls, decisions and published results show on public pages. What an applicant writes in a draft
        # (saved every few seconds while they type), budget rows, files and the scores of single criteria do
        # not: the public record has each juror's total.
        watch(
            self, ignore=("BudgetLine", "ApplicationFile", "Score", *(f"Application.{name}" for name in DRAFT_FIELDS))
        )
