"""The reminder the day before: sent once to everyone with a place, whenever and however often the command runs."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from io import StringIO

import pytest
from django.core.management import call_command

from spread.events import services
from tests.spread.events.conftest import make_event

pytestmark = pytest.mark.django_db(transaction=True)


def test_everyone_with_a_place_is_reminded_once_the_day_before(people, mailoutbox):
    soon = make_event(by=people["office"], capacity=1, starts_in=timedelta(hours=20))
    later = make_event(by=people["office"], capacity=5, starts_in=timedelta(days=3))
    placed = services.registration_create(event=soon, by=people["employee"])
    services.registration_create(event=soon, by=people["colleague"])  # waiting: no reminder
    services.registration_create(event=later, by=people["manager"])  # not tomorrow yet
    mailoutbox.clear()

    call_command("send_event_reminders", stdout=StringIO())
    call_command("send_event_reminders", stdout=StringIO())

    assert [m.to for m in mailoutbox] == [[people["employee"].email]]
    assert mailoutbox[0].attachments[0][0] == "event.ics"
    placed.refresh_from_db()
    assert placed.reminded_at is not None


def test_no_reminder_for_a_cancelled_registration_or_event(people, mailoutbox):
    event = make_event(by=people["office"], capacity=5, starts_in=timedelta(hours=10))
    gone = services.registration_create(event=event, by=people["employee"])
    services.registration_cancel(registration=gone, by=people["employee"])
    cancelled = make_event(by=people["office"], capacity=5, starts_in=timedelta(hours=10))
    services.registration_create(event=cancelled, by=people["colleague"])
    services.event_cancel(event=cancelled, by=people["office"], expected_version=cancelled.version)
    mailoutbox.clear()
    assert services.reminders_send() == 0
    assert mailoutbox == []


def test_the_worker_s_schedule_sends_the_reminders_by_day(people, mailoutbox):
    """Without a cron line: the scheduled job reminds as ``send_event_reminders`` does, never at night."""
    from zoneinfo import ZoneInfo

    from django.utils import timezone

    from core.scheduling import run_due

    day = timezone.localdate() + timedelta(days=2)
    night, morning, evening = (datetime.combine(day, time(h), tzinfo=ZoneInfo("Europe/Stockholm")) for h in (2, 9, 18))
    event = make_event(by=people["office"], capacity=5, starts_in=evening - timezone.now())
    services.registration_create(event=event, by=people["employee"])
    mailoutbox.clear()
    run_due(now=night, only=["spread.event_reminders"])
    assert mailoutbox == []  # within a day of the event, but at night
    run_due(now=morning, only=["spread.event_reminders"])
    assert [m.to for m in mailoutbox] == [[people["employee"].email]]
