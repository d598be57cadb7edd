"""Times the idea list's search SQL statement by statement, on the database in DATABASE_URL (PostgreSQL; see
docs/adr/0042-search-reads-each-words-best-weights-first.md).

    ALLOWED_HOSTS=testserver DATABASE_URL=postgres://postgres@127.0.0.1:5432/sprang_bench_city \\
        .venv/bin/python bench/search_sql.py 30 cykel skolan äldreboende cyckel

For the director and a resident, each query N times after one that warms the caches: the median and p95 of the
page's SQL, of its three search statements (the capped count, the page's ids in relevance order, the page's rows)
and of the rest, and the number of statements. Each time includes planning, the round trip and reading the rows.
A measurement, not a test: nothing here asserts a time.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from search_count import people, summary  # noqa: E402  (beside this file)

logging.getLogger("core.requests").setLevel(logging.WARNING)  # one line per request would drown the table

PARTS = ("all", "count", "ids", "rows", "rest")


def part(sql: str) -> str:
    """Which of the search's statements ``sql`` is."""
    if sql.startswith("WITH query AS") or sql.rstrip().endswith("LIMIT 1001"):
        return "count"
    if sql.startswith('SELECT "ideas_idea"."id" AS "pk" FROM "ideas_idea"') and "ts_rank" in sql:
        return "ids"
    if sql.startswith('SELECT "ideas_idea"."id", ') and "ts_rank" in sql:
        return "rows"
    return "rest"


def measure(client: Client, q: str) -> dict[str, float]:
    spent = dict.fromkeys(PARTS, 0.0)
    spent["n"] = 0

    def timed(execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            took = (time.perf_counter() - start) * 1000
            spent["all"] += took
            spent[part(sql)] += took
            spent["n"] += 1

    with connection.execute_wrapper(timed):
        response = client.get("/ideas/", {"q": q})
    assert response.status_code == 200, response.status_code  # noqa: S101
    return spent


def main() -> None:
    runs, queries = int(sys.argv[1]), sys.argv[2:]
    print("median / p95 ms of the page's SQL, by statement")
    print(f"{'who':9} {'query':13} " + " ".join(f"{p:>13}" for p in PARTS) + "  statements")
    for who, user in people().items():
        assert user is not None, who  # noqa: S101
        client = Client()
        client.force_login(user)
        for q in queries:
            rows = [measure(client, q) for _ in range(runs + 1)][1:]  # the first warms the caches
            cells = " ".join(f"{summary([r[p] for r in rows]):>13}" for p in PARTS)
            print(f"{who:9} {q:13} {cells}  {int(rows[0]['n'])}")
    print("load average", os.getloadavg())


if __name__ == "__main__":
    main()
