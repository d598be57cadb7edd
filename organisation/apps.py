from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationConfig(AppConfig):
    name = "organisation"
    verbose_name = _("Organisation")
    urls = ("people/", "organisation.urls")
    api_routers = (("/units", "organisation.api.router"),)
    position = 25  # see core/plugins.py

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from organisation import models

        auditlog.register(models.Unit)
        auditlog.register(models.User, exclude_fields=["password", "last_login"])
        auditlog.register(models.RoleAssignment)
        auditlog.register(models.SupplierOrganisation)
        auditlog.register(models.ErasureRequest)
        # Created and revoked, by whom; never the secret's hash, nor each use.
        auditlog.register(models.ApiToken, exclude_fields=["key_hash", "last_used_at"])

        from core.public_cache import watch

        # Units' and people's names show on public pages; signing in, passwords, languages and tokens do not.
        watch(self, ignore=("ApiToken", "ErasureRequest", "User.last_login", "User.password", "User.language"))
