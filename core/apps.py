from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from core.checks import check_shared_cache

        checks.register(check_shared_cache, checks.Tags.caches)

        from auditlog.models import LogEntry
        from django.db.models.signals import pre_save

        from core.audit import stamp_actor

        # Connected before any request's own receiver, so the person a service names comes first.
        pre_save.connect(stamp_actor, sender=LogEntry, dispatch_uid="sprang-audit-actor")
