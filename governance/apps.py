from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = _("Governance follow-up")
    urls = ("governance/", "governance.urls")
    position = 40  # see core/plugins.py

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from governance import models

        auditlog.register(models.Goal, exclude_fields=["version"], m2m_fields={"indicators"})
        for model in (
            models.Indicator,
            models.Activity,
            models.Target,
            models.ReportingPeriod,
            models.Report,
            models.Outcome,
            models.GoalAssessment,
            models.ReportEvent,
            models.GoalLink,
        ):
            auditlog.register(model, exclude_fields=["version"])

        from core.public_cache import watch

        # Indicators and their kept values feed the open data; reports being written, and the goals work serves
        # (shown to the staff only), show on no public page.
        # The values are written and deleted in bulk: indicator_values_compute tells the cache itself.
        watch(
            self,
            ignore=("Report", "Outcome", "GoalAssessment", "ReportEvent", "GoalLink"),
            written_in_bulk=("IndicatorValue",),
        )
