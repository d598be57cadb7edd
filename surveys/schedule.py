"""The surveys app's scheduled jobs: open rounds past their last day close (at any hour: their results are worked
out then), and those who have not answered are reminded on the round's reminder days (by day only).
``manage.py surveys_tick`` runs the same two from cron where the worker does not run the schedule."""

from __future__ import annotations

from datetime import datetime

from core.scheduling import job
from surveys.rounds.services import reminders_send, rounds_close_due


@job("surveys.close_rounds", daytime_only=False, position=60)
def close_rounds(now: datetime) -> int:
    return rounds_close_due(now=now)


@job("surveys.reminders", position=61)
def reminders(now: datetime) -> int:
    return reminders_send(now=now)
