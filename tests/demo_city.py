"""The demo city built once for a test module, for the tests of what each app puts in it."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from sample_data.demo import DemoBuilder

#: The moment the demo city is built at.
NOW = datetime(2026, 11, 27, 10, tzinfo=ZoneInfo("Europe/Stockholm"))


@pytest.fixture(scope="module")
def built_once(django_db_setup, django_db_blocker):
    """The demo city (40 ideas, one year of governance) for the whole module; emptied after it."""
    with django_db_blocker.unblock():
        DemoBuilder(ideas=40, governance_years=1, now=NOW).build()
        yield
        call_command("flush", "--no-input", verbosity=0)
