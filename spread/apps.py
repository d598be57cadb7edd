from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpreadConfig(AppConfig):
    name = "spread"
    verbose_name = _("Spreading what works")
    urls = ("spread/", "spread.urls")
    api_routers = (
        ("/examples", "spread.examples.api.router"),
        ("/adoptions", "spread.adoptions.api.router"),
        ("/events", "spread.events.api.router"),
    )
    position = 45  # see core/plugins.py

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from spread import models

        # Who published, adopted, accepted, registered, moderated and answered what, and when.
        for model in (
            models.Example,
            models.ExampleFile,
            models.Adoption,
            models.AdoptionStep,
            models.Event,
            models.Exhibitor,
            models.Registration,
            models.Lead,
            models.Network,
            models.Membership,
            models.NetworkInvitation,
            models.Post,
            models.NetworkFile,
            models.AdviceRequest,
        ):
            auditlog.register(model, exclude_fields=["version", "search_stems"])

        from spread.parts import load

        # What the parts do when other apps tell them something (``spread/<part>/receivers.py``).
        load("receivers")

        from core.public_cache import watch

        # Public examples and public events show on public pages; the networks and advice never do.
        watch(
            self, ignore=("Network", "Membership", "NetworkInvitation", "Post", "NetworkFile", "AdviceRequest", "Lead")
        )
