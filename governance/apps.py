from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = _("Governance follow-up")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from governance import models

        for model in (
            models.Indicator,
            models.Goal,
            models.Activity,
            models.Target,
            models.ReportingPeriod,
            models.Report,
            models.Outcome,
            models.GoalAssessment,
            models.ReportEvent,
        ):
            auditlog.register(model, exclude_fields=["version"])
