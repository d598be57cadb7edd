"""Times the indicators of knowledge and leadership (``learning/followup/indicators.py``) for every unit of the city
at once, on the database in DATABASE_URL, the way governance computes them when a period's values are kept:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sprang_bench_city .venv/bin/python bench/learning_indicators.py 10

For the last ended year and its first tertial, each computation N times (default 10): the median and p95 in ms, the
number of queries, and how many units got a figure (the others are suppressed by the survey's anonymity rule). A
measurement, not a test: nothing here asserts a time.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from governance.indicators import COMPUTATIONS  # noqa: E402
from governance.models import Period, period_bounds  # noqa: E402
from learning.models import Completion, DevelopmentTalk  # noqa: E402
from organisation.models import Unit  # noqa: E402

KEYS = [k for k, c in COMPUTATIONS.items() if c.compute.__module__ == "learning.followup.indicators"]


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    last = DevelopmentTalk.objects.order_by("-year").values_list("year", flat=True).first()
    if last is None:
        raise SystemExit("No development talks: generate the scale data first.")
    year = last - 1
    print(
        f"{connection.vendor}: {Unit.objects.count()} units, {Completion.objects.count():,} completions, "
        f"{DevelopmentTalk.objects.count():,} development talks; year {year}"
    )
    for period in (Period.ANNUAL, Period.T1):
        start, end = period_bounds(year, period)
        for key in KEYS:
            compute = COMPUTATIONS[key].compute
            with CaptureQueriesContext(connection) as queries:
                figures = compute(start, end)
            times = []
            for _ in range(n):
                t = time.perf_counter()
                compute(start, end)
                times.append((time.perf_counter() - t) * 1000)
            times.sort()
            p95 = times[int(0.95 * (len(times) - 1))]
            print(
                f"{period:3} {key:26} median {statistics.median(times):8.1f} ms  p95 {p95:8.1f} ms  "
                f"{len(queries.captured_queries)} queries  {len(figures)} units with a figure"
            )


if __name__ == "__main__":
    main()
