from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SampleDataConfig(AppConfig):
    """The demo city and the city-scale test data: each domain app's part in a module of its own."""

    name = "sample_data"
    verbose_name = _("Sample data")
