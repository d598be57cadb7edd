from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdeasConfig(AppConfig):
    name = "ideas"
    verbose_name = _("Ideas and the innovation lock")
    urls = ("ideas/", "ideas.urls")
    api_routers = (("/ideas", "ideas.api.router"),)
    position = 20  # see core/plugins.py

    def ready(self) -> None:
        from auditlog.registry import auditlog
        from django.db.models.signals import post_migrate

        post_migrate.connect(_ensure_search_schema, sender=self)

        from core.backup import restore_loaded, restore_starting

        # A restore loads ideas' rows with search's table and triggers in place, then rebuilds its index.
        restore_starting.connect(_ensure_search_schema, dispatch_uid="ideas-search-before-restore")
        restore_loaded.connect(_rebuild_search_index, dispatch_uid="ideas-search-after-restore")

        from ideas import models

        auditlog.register(models.Idea, exclude_fields=["search_stems", "version"], m2m_fields={"co_authors"})
        auditlog.register(models.GateDecision)
        auditlog.register(models.Assessment)
        auditlog.register(models.Comment)
        auditlog.register(models.Support)
        auditlog.register(models.Follow)
        auditlog.register(models.Attachment)
        auditlog.register(models.PublicationEvent)

        from core.public_cache import watch

        # Public ideas, their decisions, comments and supports, and the figures over ideas show on public pages.
        watch(self)


def _ensure_search_schema(sender, using="default", **kwargs) -> None:
    from ideas.search import ensure_schema

    ensure_schema(using)


def _rebuild_search_index(sender, using="default", **kwargs) -> None:
    from ideas.search import rebuild_index

    rebuild_index(using)
