from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChallengesConfig(AppConfig):
    name = "challenges"
    verbose_name = _("Needs and challenges")
    urls = ("challenges/", "challenges.urls")
    api_routers = (
        ("/needs", "challenges.needs.api.router"),
        ("/challenges", "challenges.challenges.api.router"),
        ("/openlab", "challenges.openlab.api.router"),
    )
    position = 47  # see core/plugins.py

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from challenges import models

        # Who wrote, validated, routed, published, answered, responded, assigned and accepted what, and when.
        for model in (
            models.Need,
            models.NeedDecision,
            models.NeedLink,
            models.NeedFile,
            models.SameNeed,
            models.Challenge,
            models.Answer,
            models.University,
            models.Affiliation,
            models.Assignment,
            models.Project,
            models.Milestone,
            models.Deliverable,
            models.ProjectIdea,
            models.UniversityInvitation,
        ):
            auditlog.register(model, exclude_fields=["version", "search_stems"])

        from challenges.parts import parts

        # What the parts do when other apps tell them something (``challenges/<part>/receivers.py``).
        parts.load("receivers")

        from core.public_cache import watch

        # Public challenges (and their answers' counts) show on public pages; needs, OpenLab's work never do.
        watch(
            self,
            ignore=(
                "NeedDecision",
                "NeedLink",
                "NeedFile",
                "NeedFollow",
                "SameNeed",
                "University",
                "Affiliation",
                "Assignment",
                "Project",
                "Milestone",
                "Deliverable",
                "ProjectIdea",
                "UniversityInvitation",
            ),
        )
