from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationConfig(AppConfig):
    name = "organisation"
    verbose_name = _("Organisation")
    urls = (
        ("people/", "organisation.urls"),
        # The city's identity system keeps staff in step with HR (SCIM 2.0, ``organisation/scim/``).
        ("scim/v2/", "organisation.scim.urls"),
    )
    api_routers = (("/units", "organisation.api.router"),)
    position = 25  # see core/plugins.py

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from organisation import models

        auditlog.register(models.Unit)
        # A person's identity number is kept only as a keyed hash, and not even that reaches the log.
        auditlog.register(models.User, exclude_fields=["password", "last_login", "identity_hash"])
        auditlog.register(models.RoleAssignment)
        auditlog.register(models.SupplierOrganisation)
        auditlog.register(models.ErasureRequest)
        # Created and revoked, by whom; never the secret's hash, nor each use.
        auditlog.register(models.ApiToken, exclude_fields=["key_hash", "last_used_at"])

        from core.public_cache import watch

        # Units' and people's names show on public pages; signing in, passwords, languages and tokens do not.
        watch(
            self,
            ignore=(
                "ApiToken",
                "ErasureRequest",
                "User.last_login",
                "User.password",
                "User.language",
                "User.identity_hash",
                "User.birth_date",
            ),
        )
