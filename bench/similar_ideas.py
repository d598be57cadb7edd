"""Times similar-ideas lookups (median of N runs) and counts their queries on the database in DATABASE_URL.

    DATABASE_URL=sqlite:///var/bench-small.sqlite3 .venv/bin/python bench/similar_ideas.py

A measurement, not a test: nothing here asserts a time. See docs/adr/0017-similar-ideas-ranking.md.
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

from ideas import selectors  # noqa: E402
from organisation.models import PersonKind, User  # noqa: E402

TEXTS = [
    ("cyklar i hemtjänsten", ""),
    (
        "Nattfasta på äldreboendet",
        "Många boende får sin sista måltid tidigt på kvällen och sedan inget förrän frukosten.",
    ),
    (
        "Digitala lås i hemtjänsten i Farsta",
        "Vi lägger mycket tid på att hämta och lämna nycklar till brukarnas lägenheter.",
    ),
    ("Mindre matsvinn i skolans matsal", "Eleverna slänger mycket mat. Vi vill väga det som slängs varje dag."),
]
RUNS = int(os.environ.get("RUNS", "30"))


def main() -> None:
    people = {
        "employee": User.objects.filter(kind=PersonKind.EMPLOYEE).first(),
        "resident": User.objects.exclude(kind=PersonKind.EMPLOYEE).first(),
    }
    for who, user in people.items():
        if user is None:
            continue
        for title, text in TEXTS:
            times = []
            for _ in range(RUNS):
                start = time.perf_counter()
                with CaptureQueriesContext(connection) as queries:
                    found = selectors.similar_ideas(user=user, title=title, text=text)
                times.append((time.perf_counter() - start) * 1000)
            print(  # noqa: T201
                f"{connection.vendor} {who:8} {title[:36]:36} median {statistics.median(times):6.1f} ms, "
                f"{len(queries)} queries, {len(found)} shown"
            )


if __name__ == "__main__":
    main()
