import argparse
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from core.public_cache import everything_changed
from sample_data import scale as scale_data
from sample_data.demo import DEMO_DOMAIN, DEMO_PASSWORD


class Command(BaseCommand):
    help = (
        "Fill an empty database with city-scale test data (bulk inserts, not the services; indicator values "
        "are computed as the product computes them): "
        "'city' is ten years of Stockholm (45,000 employees, 70,000 residents, 100,000 ideas, "
        "about a million comments and supports, about 300,000 gate decisions, ten years of calls with about 20,000 "
        "applications, and ten years of innovation goals, indicator values and reports); 'small' is a tenth of it."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--scale", choices=sorted(scale_data.SCALES), required=True)
        parser.add_argument("--seed", type=int, default=2015)
        parser.add_argument("--reset", action="store_true", help="Delete everything in the database first.")
        # For the tests: an even smaller city than 'small'.
        parser.add_argument("--factor", type=float, default=None, help=argparse.SUPPRESS)
        # For the tests: fewer years of goals, indicator values and reports than of ideas.
        parser.add_argument("--governance-years", type=int, default=scale_data.YEARS, help=argparse.SUPPRESS)

    def handle(
        self, *args, scale: str, seed: int, reset: bool, factor: float | None, governance_years: int, **options
    ) -> None:
        started = time.monotonic()
        if scale_data.has_data():
            if not reset:
                raise CommandError(
                    "The database already has data (units, people or ideas). "
                    "Run with --reset to delete it and load the test data."
                )
            call_command("flush", "--no-input", verbosity=0)
            self.stdout.write(f"  flushed the database ({time.monotonic() - started:.1f} s)")
        factor = scale_data.SCALES[scale] if factor is None else factor
        counts = scale_data.build(
            seed=seed, factor=factor, governance_years=governance_years, out=lambda m: self.stdout.write(f"  {m}")
        )
        everything_changed()  # loaded in bulk, past the signals: no public page kept before holds
        self.stdout.write(self.style.SUCCESS(f"Loaded in {time.monotonic() - started:.1f} s:"))
        for table, n in counts.items():
            self.stdout.write(f"  {table:<24} {n:>10,}")
        self.stdout.write(f"Every account's password is {DEMO_PASSWORD}; e.g. direktor@{DEMO_DOMAIN}.")
