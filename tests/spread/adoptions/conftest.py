import datetime

import pytest
from django.utils import timezone

from organisation.models import Role
from spread.models import Example
from tests import factories


def make_example(*, unit, owner=None, title="Digitala lås i hemtjänsten", **extra) -> Example:
    """A published good example (the library's own services publish them; here only its row matters)."""
    return Example.objects.create(
        title=title,
        unit=unit,
        owner=owner,
        problem="Personalen hämtade nycklar flera gånger om dagen.",
        what_was_done="Digitala lås som öppnas med mobilen.",
        effect="En timme mindre nyckelhantering per dag och grupp.",
        status="published",
        published_at=timezone.now(),
        **extra,
    )


@pytest.fixture
def example(tree, people):
    """An example of Björkens äldreboende (in Norra), owned by Anna; Norra's office is Olle."""
    return make_example(unit=tree["SDF-N-ALD-1"], owner=people["employee"])


@pytest.fixture
def south_manager(tree):
    """The manager of Skola Södra (another administration than the example's)."""
    return factories.person(unit=tree["SDF-S-SKO"], role=Role.MANAGER, name="Stina Skolchef")


@pytest.fixture
def day():
    return timezone.localdate()


def days_ago(n: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=n)


@pytest.fixture(autouse=True)
def _in_english(client, settings):
    """These tests read the English texts (the Swedish ones are checked in the browser journey)."""
    from django.utils import translation

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield
