"""Compute and keep the computed indicators' values; run it from cron, for example every night.

Periods that have ended get their final values once (open data publishes only those); the
period in progress is refreshed. ``--year`` and ``--period`` compute one period only.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from governance import services
from governance.models import Period, period_bounds


class Command(BaseCommand):
    help = "Compute the computed indicators for every unit, for periods that have ended and the one in progress."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--year", type=int, help="Only this year.")
        parser.add_argument("--period", choices=Period.values, help="Only this period (with --year).")
        parser.add_argument("--years", type=int, default=2, help="How many years back to look (default 2).")

    def handle(self, *args, year=None, period=None, years=2, **options) -> None:
        now = timezone.now()
        if period and not year:
            raise CommandError("--period needs --year.")
        if year:
            periods = [(year, p) for p in ([period] if period else Period.values)]
        else:
            this_year = timezone.localdate().year
            periods = [(y, p) for y in range(this_year - years + 1, this_year + 1) for p in Period.values]
        for y, p in periods:
            start, _end = period_bounds(y, p)
            if start > now:
                continue
            if services.indicator_values_ensure(year=y, period=p, now=now):
                self.stdout.write(f"{y} {p}: computed")
            else:
                self.stdout.write(f"{y} {p}: already up to date")
