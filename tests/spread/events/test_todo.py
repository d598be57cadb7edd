"""What waits: the office's applications to exhibit, and a person's events to come."""

from __future__ import annotations

import pytest

from core.tasks_registry import task_groups
from spread.events import services

pytestmark = pytest.mark.django_db


def _lines(user, heading: str) -> list[str]:
    return [line.text for group in task_groups(user) if group.heading == heading for line in group.lines]


def test_the_office_sees_applications_to_exhibit_until_decided(people, fair, example):
    exhibitor = services.exhibitor_apply(event=fair, example=example, by=people["employee"])
    assert _lines(people["office"], "Exhibitors") == [f"{fair.title}: 1 application to exhibit to decide"]
    assert _lines(people["employee"], "Exhibitors") == []
    services.exhibitor_decide(exhibitor=exhibitor, by=people["office"], accept=True)
    assert _lines(people["office"], "Exhibitors") == []


def test_a_person_sees_the_events_they_registered_for(people):
    from tests.spread.events.conftest import make_event

    event = make_event(by=people["office"], capacity=1)
    services.registration_create(event=event, by=people["employee"])
    services.registration_create(event=event, by=people["colleague"])
    assert _lines(people["employee"], "Your events")[0].endswith("you have a place")
    assert _lines(people["colleague"], "Your events")[0].endswith("on the waiting list")
    assert _lines(people["manager"], "Your events") == []
