"""Jobs that run on the clock: reminders of what waits for a person, parked ideas returning, the email digests.

Each app declares its jobs in its own ``schedule.py`` with ``@job("key")``; ``core`` finds the modules itself
(``autodiscover_modules``), as it finds ``todo.py`` and ``personal_data.py``. ``manage.py run_scheduled`` (from
cron every 15 minutes, see docs/deploy.md) runs every job; a job takes the moment ``now`` and does what is due
by then, so a run that comes late or twice does no harm:

- **Once**: a reminder goes through ``remind(key=..., ...)``, which records a ``SentReminder`` per person and key
  and skips whoever already has one, in the same transaction as the notification it creates.
- **One runner at a time**: a job runs inside a transaction holding its ``ScheduledRun`` row
  (``select_for_update(skip_locked=True)`` on PostgreSQL); a second run started meanwhile skips the job
  instead of waiting for it. A job that fails is rolled back whole and the others still run.
- **Never at night**: a job that reaches people (``daytime_only``, the default) runs only between
  ``DAY_STARTS`` and ``DAY_ENDS``, city time (``core.city.CITY_TIME_ZONE``); a run at night defers it to the
  first run of the morning, which finds the same things due.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, time
from typing import Any

from django.db import transaction
from django.utils import timezone

from core.city import CITY_TIME_ZONE
from core.models import ScheduledRun, SentReminder
from core.registry import Registry
from core.services import notify

logger = logging.getLogger(__name__)

#: The day in which people are reminded or sent digests, city time: from 07:00 up to 20:00.
DAY_STARTS = time(7)
DAY_ENDS = time(20)

Runner = Callable[[datetime], int]


@dataclass(frozen=True)
class Job:
    key: str
    run: Runner
    daytime_only: bool
    position: int


@dataclass(frozen=True)
class JobResult:
    key: str
    #: "ran", "deferred" (night), "busy" (another run holds it) or "failed".
    outcome: str
    sent: int = 0


_jobs: Registry[Job] = Registry("schedule", "scheduled jobs", same=lambda a, b: a.run is b.run)


def job(key: str, *, daytime_only: bool = True, position: int = 50) -> Callable[[Runner], Runner]:
    """Declare a scheduled job: a function of ``now`` that does what is due and returns how many it reached."""

    def register(run: Runner) -> Runner:
        _jobs.declare(key, Job(key=key, run=run, daytime_only=daytime_only, position=position), position)
        return run

    return register


def jobs() -> list[Job]:
    """Every declared job, each app's ``schedule`` module imported once."""
    return list(_jobs.values())


def is_daytime(now: datetime) -> bool:
    """Whether ``now`` is in the city's day, when people may be reminded."""
    local = now.astimezone(CITY_TIME_ZONE).time()
    return DAY_STARTS <= local < DAY_ENDS


def remind(*, key: str, recipients: Iterable[Any], message_factory: Callable[[], Any], url: str, now: datetime) -> int:
    """Notify each active recipient not yet reminded under ``key``, and record that they were. Returns how many.

    The notification follows each person's choice of email (at once or in their digest), in their language.
    """
    people = {p.pk: p for p in recipients if p is not None and p.is_active}
    if not people:
        return 0
    already = set(
        SentReminder.objects.filter(key=key, recipient__in=list(people)).values_list("recipient_id", flat=True)
    )
    fresh = [p for pk, p in people.items() if pk not in already]
    if not fresh:
        return 0
    SentReminder.objects.bulk_create([SentReminder(key=key, recipient=p, sent_at=now) for p in fresh])
    notify(recipients=fresh, message_factory=message_factory, url=url)
    return len(fresh)


def run_due(*, now: datetime | None = None, only: Iterable[str] = ()) -> list[JobResult]:
    """Run every job (or those named in ``only``) for the moment ``now``; see the module's text."""
    now = now or timezone.now()
    wanted = set(only)
    results = []
    for declared in jobs():
        if wanted and declared.key not in wanted:
            continue
        if declared.daytime_only and not is_daytime(now):
            results.append(JobResult(declared.key, "deferred"))
            continue
        ScheduledRun.objects.get_or_create(job=declared.key)
        try:
            with transaction.atomic():
                row = ScheduledRun.objects.select_for_update(skip_locked=True).filter(job=declared.key).first()
                if row is None:
                    results.append(JobResult(declared.key, "busy"))
                    continue
                row.last_started_at = now
                sent = declared.run(now)
                row.last_finished_at = timezone.now()
                row.last_sent = sent
                row.save(update_fields=["last_started_at", "last_finished_at", "last_sent"])
        except Exception:
            logger.exception("The scheduled job %s failed; nothing it did was kept.", declared.key)
            results.append(JobResult(declared.key, "failed"))
            continue
        results.append(JobResult(declared.key, "ran", sent))
    return results
