"""Django's admin app with Språng's admin site (``core/admin_site.py``); kept apart because app configs load before models."""

from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig


class AdminConfig(DjangoAdminConfig):
    default_site = "core.admin_site.AdminSite"
