"""``manage.py worker``: the worker for the configured task backend.

The database backend (one machine): django-tasks' database worker, run here batch by batch so the old task
results are pruned when it starts and then at most once an hour (``core.background.prune``). RQ on Redis (``TASKS_REDIS_URL``): django-rq's
``rqworker`` with its scheduler, so work deferred with ``run_after`` (an attempt tried again) runs when due.

Either way the worker also runs the scheduled jobs (``core.scheduling``: reminders, parked ideas returning,
digests) every ``SPRANG_SCHEDULE_EVERY_MINUTES``, in a thread of its own, so a city needs no cron line; several
workers may run them at once (each job's row is locked while it runs, each reminder is sent once).
``--no-schedule`` leaves them to ``manage.py run_scheduled`` from cron.
"""

from __future__ import annotations

import logging
import threading
from argparse import ArgumentParser
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks.utils import get_random_id

from core.background.prune import PRUNE_EVERY, prune_task_results
from core.scheduling import run_due

logger = logging.getLogger(__name__)


def run_scheduled_jobs() -> int:
    """Run the scheduled jobs that are due; a failure is logged, never ends the worker. Returns how many ran."""
    from django.db import close_old_connections

    try:
        return len(run_due())
    except Exception:
        logger.exception("The scheduled jobs could not run.")
        return 0
    finally:
        close_old_connections()


class Schedule(threading.Thread):
    """Runs the scheduled jobs every ``every``, beside the worker, until the process ends."""

    def __init__(self, every: timedelta) -> None:
        super().__init__(name="scheduled-jobs", daemon=True)
        self.every = every
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.is_set():
            run_scheduled_jobs()
            self.stopped.wait(self.every.total_seconds())


class Command(BaseCommand):
    help = "Run the background worker for the configured task backend (database or RQ)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--burst",
            action="store_true",
            help="Run the work that is due, then stop (the database worker's --batch, RQ's --burst).",
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=1.0,
            help="Seconds to wait between looks for work when there is none (database backend; default 1).",
        )
        parser.add_argument(
            "--no-schedule",
            action="store_true",
            help="Leave the scheduled jobs (reminders, digests) to `manage.py run_scheduled` from cron.",
        )

    def handle(
        self, *args: Any, burst: bool, interval: float, no_schedule: bool, verbosity: int, **options: Any
    ) -> None:
        backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
        kind = type(backend).__name__
        pruned = prune_task_results()
        if verbosity and pruned:
            self.stdout.write(f"Pruned {pruned} old task result(s).")
        if not no_schedule and kind in ("DatabaseBackend", "RQBackend"):
            if burst:
                run_scheduled_jobs()
            else:
                Schedule(timedelta(minutes=settings.SPRANG_SCHEDULE_EVERY_MINUTES)).start()
        if kind == "DatabaseBackend":
            self._database(queues=sorted(backend.queues), burst=burst, interval=interval, verbosity=verbosity)
        elif kind == "RQBackend":
            call_command(
                "rqworker",
                *sorted(backend.queues),
                with_scheduler=True,
                burst=burst,
                job_class="django_tasks_rq.backend.Job",
                verbosity=verbosity,
            )
        else:
            raise CommandError(
                f"The task backend {kind} runs its work where it is enqueued and needs no worker; set TASKS to the "
                "database backend (the default) or TASKS_REDIS_URL for RQ."
            )

    def _database(self, *, queues: list[str], burst: bool, interval: float, verbosity: int) -> None:
        from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand
        from django_tasks_db.management.commands.db_worker import Worker

        class PruningWorker(Worker):
            """django-tasks' database worker that also prunes the old results, at most once an hour."""

            pruned_at = timezone.now()

            def run_task(self, db_task_result: Any) -> None:
                super().run_task(db_task_result)
                if timezone.now() - self.pruned_at >= PRUNE_EVERY:
                    prune_task_results()
                    self.pruned_at = timezone.now()

        DatabaseWorkerCommand().configure_logging(verbosity)
        worker = PruningWorker(
            queue_names=queues,
            interval=interval,
            batch=burst,
            backend_name=DEFAULT_TASK_BACKEND_ALIAS,
            startup_delay=not burst,
            max_tasks=None,
            worker_id=get_random_id(),
        )
        if not burst:
            worker.configure_signals()
        worker.run()
