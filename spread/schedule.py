"""The spread app's scheduled job: everyone with a place at an event starting within a day is reminded, once.
``manage.py send_event_reminders`` runs the same from cron where the worker does not run the schedule."""

from __future__ import annotations

from datetime import datetime

from core.scheduling import job
from spread.events.services import reminders_send


@job("spread.event_reminders", position=55)
def event_reminders(now: datetime) -> int:
    return reminders_send(now=now)
