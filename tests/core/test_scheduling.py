"""The scheduled jobs: found in each app, run by day only, each reminder once, one runner at a time."""

from __future__ import annotations

import threading
from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from core import scheduling
from core.models import Notification, ScheduledRun, SentReminder
from core.scheduling import Job, is_daytime, remind, run_due

STHLM = ZoneInfo("Europe/Stockholm")


def test_each_app_declares_its_jobs_in_its_own_schedule_module():
    keys = [j.key for j in scheduling.jobs()]
    assert keys == [
        "ideas.overdue",
        "ideas.parked",
        "governance.report_deadlines",
        "calls.drafts",
        "calls.jury",
        "spread.event_reminders",
        "surveys.close_rounds",
        "surveys.reminders",
        "digests",
    ]


@pytest.mark.parametrize(
    ("moment", "daytime"),
    [
        (datetime(2026, 3, 10, 6, 59, tzinfo=STHLM), False),
        (datetime(2026, 3, 10, 7, 0, tzinfo=STHLM), True),
        (datetime(2026, 3, 10, 19, 59, tzinfo=STHLM), True),
        (datetime(2026, 3, 10, 20, 0, tzinfo=STHLM), False),
        (datetime(2026, 3, 10, 2, 0, tzinfo=STHLM), False),
        # Summer time: 05:30 UTC is 07:30 in Stockholm.
        (datetime(2026, 7, 1, 5, 30, tzinfo=ZoneInfo("UTC")), True),
        (datetime(2026, 7, 1, 18, 30, tzinfo=ZoneInfo("UTC")), False),
    ],
)
def test_the_day_is_the_citys(moment, daytime):
    assert is_daytime(moment) is daytime


def test_a_reminder_goes_once_to_each_person(people):
    now = datetime(2026, 3, 10, 9, tzinfo=STHLM)
    office, manager = people["office"], people["manager"]
    assert remind(key="test:1", recipients=[office, office, manager], message_factory=lambda: "Hej", url="", now=now)
    assert remind(key="test:1", recipients=[office, manager], message_factory=lambda: "Hej", url="", now=now) == 0
    assert Notification.objects.filter(message="Hej").count() == 2
    assert SentReminder.objects.filter(key="test:1").count() == 2
    # Another key is another reminder.
    assert remind(key="test:2", recipients=[office], message_factory=lambda: "Hej", url="", now=now) == 1


def test_an_inactive_person_is_not_reminded(people):
    office = people["office"]
    office.is_active = False
    office.save(update_fields=["is_active"])
    now = datetime(2026, 3, 10, 9, tzinfo=STHLM)
    assert remind(key="test:1", recipients=[office], message_factory=lambda: "Hej", url="", now=now) == 0


@pytest.fixture
def test_jobs():
    """Two jobs of the test's own: one that reminds the office, one that fails after writing."""
    ran: list[datetime] = []

    def reminding(now):
        from organisation.models import User

        ran.append(now)
        office = User.objects.get(name="Olle Kontor")
        return remind(key="test:job", recipients=[office], message_factory=lambda: "Påminnelse", url="", now=now)

    def failing(now):
        from organisation.models import User

        remind(key="test:failing", recipients=User.objects.all(), message_factory=lambda: "Halv", url="", now=now)
        raise RuntimeError("broken")

    scheduling.jobs()  # the apps' modules first
    scheduling._jobs.declare("test.reminding", Job("test.reminding", reminding, True, 1), 1)
    scheduling._jobs.declare("test.failing", Job("test.failing", failing, True, 2), 2)
    yield ran
    scheduling._jobs.withdraw("test.reminding")
    scheduling._jobs.withdraw("test.failing")


def test_a_run_at_night_defers_and_the_morning_sends(people, test_jobs):
    night = datetime(2026, 3, 10, 3, 15, tzinfo=STHLM)
    results = {r.key: r.outcome for r in run_due(now=night, only=["test.reminding"])}
    assert results == {"test.reminding": "deferred"}
    assert test_jobs == []
    assert not Notification.objects.filter(message="Påminnelse").exists()

    morning = datetime(2026, 3, 10, 7, 0, tzinfo=STHLM)
    [result] = run_due(now=morning, only=["test.reminding"])
    assert (result.outcome, result.sent) == ("ran", 1)
    row = ScheduledRun.objects.get(job="test.reminding")
    assert (row.last_started_at, row.last_sent) == (morning, 1)
    # Run again at once, or every 15 minutes: sent once.
    for minute in (0, 15, 30):
        [again] = run_due(now=morning.replace(minute=minute), only=["test.reminding"])
        assert (again.outcome, again.sent) == ("ran", 0)
    assert Notification.objects.filter(message="Påminnelse").count() == 1


def test_a_failing_job_keeps_nothing_and_the_others_still_run(people, test_jobs):
    now = datetime(2026, 3, 10, 9, tzinfo=STHLM)
    results = {r.key: r.outcome for r in run_due(now=now, only=["test.failing", "test.reminding"])}
    assert results == {"test.reminding": "ran", "test.failing": "failed"}
    assert not Notification.objects.filter(message="Halv").exists()
    assert not SentReminder.objects.filter(key="test:failing").exists()
    assert Notification.objects.filter(message="Påminnelse").count() == 1


def test_the_command_names_an_unknown_job_and_the_known_ones(db):
    with pytest.raises(CommandError, match="No scheduled job is called nonsense. The jobs: calls.drafts"):
        call_command("run_scheduled", "--job", "nonsense")


def test_the_command_runs_the_jobs_and_says_what_each_did(people):
    out = StringIO()
    call_command("run_scheduled", stdout=out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 9
    assert all(line.endswith(("ran", "deferred")) or " sent" in line for line in lines)


@pytest.mark.django_db(transaction=True)
def test_a_second_runner_skips_the_job_the_first_one_holds(people, test_jobs):
    if connection.vendor != "postgresql":
        pytest.skip("Row locks are PostgreSQL's; SQLite runs one writer at a time anyway.")
    ScheduledRun.objects.get_or_create(job="test.reminding")
    held, release = threading.Event(), threading.Event()

    def first_runner():
        from django.db import connections

        try:
            with transaction.atomic():
                ScheduledRun.objects.select_for_update().get(job="test.reminding")
                held.set()
                release.wait(10)
        finally:
            connections.close_all()

    thread = threading.Thread(target=first_runner)
    thread.start()
    try:
        assert held.wait(10)
        [result] = run_due(now=datetime(2026, 3, 10, 9, tzinfo=STHLM), only=["test.reminding"])
    finally:
        release.set()
        thread.join()
    assert result.outcome == "busy"
    assert test_jobs == []
    [after] = run_due(now=datetime(2026, 3, 10, 9, tzinfo=STHLM), only=["test.reminding"])
    assert (after.outcome, after.sent) == ("ran", 1)
