"""Run the scheduled jobs that are due (reminders, parked ideas returning, digests): from cron every 15 minutes."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from core.scheduling import jobs, run_due


class Command(BaseCommand):
    help = (
        "Run the scheduled jobs: each does what is due by now and sends each reminder once. "
        "Safe to run often and twice at once; at night (city time) the jobs that reach people wait for the morning."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--job", action="append", default=[], help="Run only this job (may be repeated).")

    def handle(self, *args, job: list[str], verbosity: int = 1, **options) -> None:
        known = {j.key for j in jobs()}
        unknown = sorted(set(job) - known)
        if unknown:
            raise CommandError(
                f"No scheduled job is called {', '.join(unknown)}. The jobs: {', '.join(sorted(known))}."
            )
        results = run_due(only=job)
        for result in results:
            if verbosity >= 1:
                self.stdout.write(f"{result.key}: {result.outcome}" + (f", {result.sent} sent" if result.sent else ""))
        failed = [r.key for r in results if r.outcome == "failed"]
        if failed:
            raise CommandError(f"These jobs failed and were rolled back: {', '.join(failed)}. See the log.")
