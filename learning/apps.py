from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "learning"
    verbose_name = _("Learning")
    urls = ("learning/", "learning.urls")
    api_routers = (
        ("/courses", "learning.catalogue.api.router"),
        ("/learning", "learning.records.api.router"),
    )
    position = 55  # see core/plugins.py

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from learning import models

        # Who published, changed and withdrew what in the catalogue, who imported which completions, and every step of
        # the policy review. Development talks are in the trail too: only that innovation was discussed is stored.
        for model in (models.Course, models.CheckQuestion, models.CompletionImport, models.PolicyDocument):
            auditlog.register(model, exclude_fields=["lock_version"])
        auditlog.register(models.DevelopmentTalk, exclude_fields=["lock_version"])

        from learning import rules
        from spread.events import access
        from spread.models import EventKind

        access.own(EventKind.COURSE, may_view=rules.may_view_session_event)

        from learning.parts import parts

        parts.load("receivers")

        from core.public_cache import watch

        # Public courses are on the public site and in the open API; nothing else of learning is public.
        watch(self, ignore=("Completion", "CompletionImport", "DevelopmentTalk", "TalkIdea", "PolicyDocument"))
