from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = _("Surveys")
    urls = ("surveys/", "surveys.urls")
    api_routers = (("/surveys", "surveys.api.router"),)
    position = 50  # see core/plugins.py

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from surveys import models

        # Who made which questionnaire version and who set up, opened and closed which round. Invitations, drafts and
        # answers are never in the trail: the trail's actor and time would join a person to an answer. Nor is what a
        # round counts of its answers.
        for model in (models.Questionnaire, models.QuestionnaireVersion, models.Question):
            auditlog.register(model, exclude_fields=["lock_version"])
        auditlog.register(
            models.Round,
            exclude_fields=["lock_version", "updated_at", "answered_count", "response_counts", "results_at"],
        )
        auditlog.register(models.EmployeeSurveyImport)
        auditlog.register(models.EmployeeSurveyItem, exclude_fields=["updated_at"])  # who worded an item in English

        from surveys import checks  # noqa: F401  (registers the thresholds' check)
        from surveys.parts import parts

        parts.load("receivers")

        from core.public_cache import watch

        # A closed round's results for the city and the kinds of organisation are open data; nothing else of a survey
        # is public, and answering moves no public page.
        watch(
            self,
            ignore=("Invitation", "Response", "Questionnaire", "QuestionnaireVersion", "Question"),
            written_in_bulk=("GroupResult",),
        )
