"""Times the idea list's search SQL, with the count of matches from the kept word weights and counted as before,
interleaved, on the database in DATABASE_URL (PostgreSQL; see docs/adr/0027-search-ranked-from-kept-word-weights.md).

    ALLOWED_HOSTS=testserver DATABASE_URL=postgres://postgres@127.0.0.1:5432/sprang_bench_city \\
        .venv/bin/python bench/search_count.py 30 cykel skolan äldreboende

For the director and a resident, each query N times each way: the median and p95 of all the page's SQL and of
its count, and the number of queries. A measurement, not a test: nothing here asserts a time.
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
from django.test import Client  # noqa: E402

from ideas import selectors  # noqa: E402
from organisation.models import PersonKind, Role, User  # noqa: E402

KEPT = selectors.search_counting


def as_before(**kwargs):
    """No counter: the paginator counts the search's own rows."""
    return None


def is_count(sql: str) -> bool:
    return sql.startswith("WITH query AS") or sql.rstrip().endswith("LIMIT 1001")


def measure(client: Client, q: str, way: str) -> tuple[float, float, int]:
    selectors.search_counting = KEPT if way == "after" else as_before
    spent = {"all": 0.0, "count": 0.0, "n": 0}

    def timed(execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            took = time.perf_counter() - start
            spent["all"] += took
            spent["n"] += 1
            if is_count(sql):
                spent["count"] += took

    with connection.execute_wrapper(timed):
        response = client.get("/ideas/", {"q": q})
    assert response.status_code == 200, response.status_code  # noqa: S101
    return spent["all"] * 1000, spent["count"] * 1000, int(spent["n"])


def summary(values: list[float]) -> str:
    ordered = sorted(values)
    return f"{statistics.median(ordered):6.1f} / {ordered[round(0.95 * (len(ordered) - 1))]:6.1f}"


def people() -> dict[str, User | None]:
    """The two people the search benchmarks sign in as: one who sees every idea, one who sees the public ones."""
    return {
        "director": User.objects.filter(role_assignments__role=Role.DIRECTOR).first(),
        "resident": User.objects.filter(kind=PersonKind.RESIDENT).order_by("pk").first(),
    }


def main() -> None:
    runs, queries = int(sys.argv[1]), sys.argv[2:]
    print("who       query         way     SQL median / p95 ms   count median / p95 ms   queries")
    for who, user in people().items():
        assert user is not None, who  # noqa: S101
        client = Client()
        client.force_login(user)
        for q in queries:
            results: dict[str, list[tuple[float, float, int]]] = {"before": [], "after": []}
            for i in range(runs + 1):
                for way in ("before", "after") if i % 2 == 0 else ("after", "before"):
                    results[way].append(measure(client, q, way))
            for way, rows in results.items():
                rows = rows[1:]  # the first warms the caches
                print(
                    f"{who:9} {q:13} {way:6}  {summary([r[0] for r in rows])}       "
                    f"{summary([r[1] for r in rows])}         {rows[0][2]}"
                )
    print("load average", os.getloadavg())


if __name__ == "__main__":
    main()
