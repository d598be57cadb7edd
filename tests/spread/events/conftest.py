from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from spread.events import services
from spread.models import EventKind, Example, ExampleStatus


def make_event(*, by, capacity=2, starts_in=timedelta(days=30), is_public=False, kind=EventKind.FAIR, **fields):
    starts = timezone.now() + starts_in
    return services.event_create(
        by=by,
        kind=kind,
        title=fields.pop("title", "Goda exempelmässan"),
        description=fields.pop("description", "Enheter visar vad som fungerar."),
        starts_at=starts,
        ends_at=starts + timedelta(hours=3),
        capacity=capacity,
        place=fields.pop("place", "Stadshuset, Blå hallen"),
        is_public=is_public,
        **fields,
    )


def started(event, *, ago=timedelta(hours=1)) -> datetime:
    """Moves the event so it began ``ago``, as if time had passed (bypasses the rule that it starts later)."""
    from spread.models import Event

    starts = timezone.now() - ago
    Event.objects.filter(pk=event.pk).update(starts_at=starts, ends_at=starts + timedelta(hours=3))
    event.refresh_from_db()
    return starts


@pytest.fixture
def fair(people):
    return make_event(by=people["office"], capacity=2)


@pytest.fixture
def public_fair(people):
    return make_event(by=people["office"], capacity=2, is_public=True, title="Öppen mässa")


@pytest.fixture
def example(people):
    return Example.objects.create(
        title="Digitala lås i hemtjänsten",
        unit=people["employee"].unit,
        owner=people["employee"],
        problem="Nycklar.",
        what_was_done="Digitala lås.",
        effect="Mindre tid på nycklar.",
        status=ExampleStatus.PUBLISHED,
        published_at=timezone.now(),
    )


@pytest.fixture(autouse=True)
def _in_english(client, settings):
    """The tests read the English texts: services' refusals in English, and pages asked for in English."""
    from django.utils import translation

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield
