from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    name = "opendata"
    verbose_name = _("Open data")
    urls = ("opendata/", "opendata.urls")
    api_routers = (("/opendata", "opendata.api.router"),)
    position = 30  # see core/plugins.py

    def ready(self) -> None:
        checks.register(check_organisation_number, checks.Tags.compatibility)


def check_organisation_number(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """A publisher organisation number that is set must be one (ten digits, a dash allowed)."""
    from django.conf import settings

    from opendata.catalog import organisation_number

    if settings.SPRANG_PUBLISHER_ORGANISATION_NUMBER and organisation_number() is None:
        return [
            checks.Error(
                "SPRANG_PUBLISHER_ORGANISATION_NUMBER is not an organisation number.",
                hint="Write the ten digits, for example 212000-0142, or leave it empty.",
                id="opendata.E001",
            )
        ]
    return []
