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

        from django.db.backends.signals import connection_created

        from core.metrics import instrument_connection

        # Every query counted for /metrics (core.metrics).
        connection_created.connect(instrument_connection, dispatch_uid="sprang-metrics-queries")

        from core.tables import everything_written, watch_connection

        # Every write moves its table's version on: what is kept under them (core.tables) is never stale.
        connection_created.connect(watch_connection, dispatch_uid="sprang-table-versions")

        from django.db.models.signals import post_migrate

        from core.backup import restore_loaded
        from core.public_cache import everything_changed

        # A migration or a restore may change anything public pages show (docs/adr/0028-public-pages-cached.md).
        post_migrate.connect(everything_changed, dispatch_uid="sprang-public-content-migrate")
        restore_loaded.connect(everything_changed, dispatch_uid="sprang-public-content-restore")
        post_migrate.connect(everything_written, dispatch_uid="sprang-table-versions-migrate")
        restore_loaded.connect(everything_written, dispatch_uid="sprang-table-versions-restore")
