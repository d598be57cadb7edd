"""``manage.py surveys_tick``: closes the rounds past their last day and sends the reminders due, once each."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from surveys.models import Round, RoundState
from tests.surveys.conftest import make_round, open_round

pytestmark = pytest.mark.django_db


def _tick() -> str:
    out = StringIO()
    call_command("surveys_tick", stdout=out)
    return out.getvalue()


def test_the_tick_closes_due_rounds_and_sends_reminders_once(director, version, staff, monkeypatch):
    due = open_round(director, make_round(director, version, reminder_days="1", days=3))
    later = open_round(director, make_round(director, version, year=2027, reminder_days="1", days=10))
    mail.outbox.clear()
    # Two days on: both rounds' first reminder is due; neither has passed its last day.
    soon = timezone.now() + timedelta(days=2)
    monkeypatch.setattr(timezone, "now", lambda: soon)
    out = _tick()
    assert "Survey rounds closed: 0" in out
    reminded = due.invited_count + later.invited_count
    assert f"Survey reminders sent: {reminded}" in out and len(mail.outbox) == reminded
    assert "Survey reminders sent: 0" in _tick()  # once each
    # Five days on: the first round's last day has passed.
    monkeypatch.setattr(timezone, "now", lambda: soon + timedelta(days=3))
    out = _tick()
    assert "Survey rounds closed: 1" in out
    assert Round.objects.get(pk=due.pk).state == RoundState.CLOSED
    assert Round.objects.get(pk=later.pk).state == RoundState.OPEN
    assert "Survey rounds closed: 0" in _tick()


def test_the_worker_s_schedule_closes_due_rounds_at_any_hour_and_reminds_by_day_only(director, version, staff):
    """Without a cron line: the scheduled jobs do what ``surveys_tick`` does, reminders never at night."""
    from zoneinfo import ZoneInfo

    from core.scheduling import run_due

    due = open_round(director, make_round(director, version, reminder_days="1", days=3))
    mail.outbox.clear()
    stockholm = ZoneInfo("Europe/Stockholm")
    night = (timezone.now() + timedelta(days=2)).astimezone(stockholm).replace(hour=23, minute=30)
    run_due(now=night, only=["surveys.close_rounds", "surveys.reminders"])
    assert mail.outbox == []  # the reminder waits for the day
    run_due(now=night + timedelta(hours=9), only=["surveys.close_rounds", "surveys.reminders"])
    assert len(mail.outbox) == due.invited_count
    run_due(now=night + timedelta(days=3), only=["surveys.close_rounds"])
    assert Round.objects.get(pk=due.pk).state == RoundState.CLOSED
