from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcurementConfig(AppConfig):
    name = "procurement"
    verbose_name = _("Procurement")
    urls = ("procurement/", "procurement.urls")
    api_routers = (("/procurement", "procurement.api.router"),)
    position = 48  # see core/plugins.py

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from procurement import models

        # Who set, published, asked, answered, booked, responded, decided and proposed what, and when.
        for model in (
            models.Threshold,
            models.ProcurementCase,
            models.ProcuredValue,
            models.Rfi,
            models.RfiDocument,
            models.SupplierInterest,
            models.Question,
            models.MeetingSlot,
            models.ResponseFile,
            models.Contract,
            models.SupplierProposal,
        ):
            auditlog.register(model, exclude_fields=["version", "search_stems"])
        # A response's texts may be business secrets: the trail keeps who sent what when, never the texts.
        auditlog.register(models.WrittenResponse, exclude_fields=["version", "solution", "price_indication", "other"])

        from procurement.parts import parts

        parts.load("receivers")

        from core.public_cache import watch

        # Published requests for information and their answers show on public pages; the rest never does.
        watch(
            self,
            ignore=(
                "Threshold",
                "CaseLogEntry",
                "ProcuredValue",
                "WrittenResponse",
                "ResponseFile",
                "Contract",
                "SupplierProposal",
            ),
        )
