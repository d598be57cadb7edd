"""Where a page's time goes, in one process: drawing (Django's templates) against SQL against the rest.

Run with the production settings on a benchmark database (see bench/README.md), for example::

    DATABASE_URL=sqlite:///var/bench-small.sqlite3 DJANGO_SETTINGS_MODULE=config.settings.production \
        SECRET_KEY=... ALLOWED_HOSTS=testserver CACHE_URL=redis://127.0.0.1:6379/0 \
        .venv/bin/python bench/render.py --rounds 40

Every page is requested with Django's test client, signed in as the innovation director, after a
warm-up, ``--rounds`` times, the pages interleaved (page 1, page 2, ..., page 1, ...) so that a
burst of other work on the machine falls on all of them alike. Per page it prints the median and
p95 of the wall time, the median of the process's CPU time, the queries, the median wall time spent
in SQL and the median CPU time spent drawing templates (the outermost template render, less the SQL
run inside it), and the wall and CPU medians as ratios to the signed-in floor (``/health/signed-in/``)
measured in the same rounds. On a shared machine the CPU time is the steadier figure.
``--json PATH`` writes the figures. It measures; it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Count, Q  # noqa: E402
from django.template.backends.django import Template as BackendTemplate  # noqa: E402
from django.template.base import Template as EngineTemplate  # noqa: E402
from django.test import Client  # noqa: E402


class Clock:
    """Time in SQL and in the outermost template render of one request."""

    def __init__(self) -> None:
        self.reset()
        self._depth = 0

    def reset(self) -> None:
        self.sql = self.drawing = self.sql_cpu_while_drawing = 0.0
        self.queries = 0

    def execute(self, execute, sql, params, many, context):
        start, cpu = time.perf_counter(), time.process_time()
        try:
            return execute(sql, params, many, context)
        finally:
            self.sql += time.perf_counter() - start
            self.queries += 1
            if self._depth:
                self.sql_cpu_while_drawing += time.process_time() - cpu

    def wrap(self, render):
        clock = self

        def timed(template, *args, **kwargs):
            if clock._depth:
                return render(template, *args, **kwargs)
            clock._depth += 1
            start = time.process_time()
            try:
                return render(template, *args, **kwargs)
            finally:
                clock.drawing += time.process_time() - start
                clock._depth -= 1

        return timed


def targets() -> dict[str, Any]:
    from calls.models import Call
    from ideas.models import Idea
    from organisation.models import Role, Unit, UnitKind, User

    director = User.objects.filter(role_assignments__role=Role.DIRECTOR).order_by("pk").first()
    big = (
        Unit.objects.filter(kind__in=(UnitKind.DISTRICT_ADMINISTRATION, UnitKind.SPECIALIST_ADMINISTRATION))
        .order_by("-headcount", "pk")
        .first()
    )
    with_comments = Idea.objects.annotate(n=Count("comments"))
    detail = with_comments.filter(n__gte=50).order_by("n", "pk").first() or with_comments.order_by("-n", "pk").first()
    ranked = Count("applications", filter=Q(applications__status__in=("in_review", "granted", "rejected")))
    call = Call.objects.annotate(n=ranked).order_by("-n", "pk").first()
    decided = Count("applications", filter=Q(applications__status__in=("granted", "rejected")))
    published = Call.objects.filter(results_published_at__isnull=False).annotate(n=decided).order_by("-n", "pk").first()
    assert director is not None and big is not None and detail is not None, "no benchmark data: run generate_scale_data"
    pages = {
        "signed-in floor": "/health/signed-in/",
        "start page (the director's tasks and figures)": "/",
        "idea list, first page": "/ideas/",
        "idea list, search": "/ideas/?q=cykel",
        f"idea page ({detail.n} comments)": f"/ideas/{detail.pk}/",  # type: ignore[attr-defined]
        "pipeline board, large administration": f"/ideas/pipeline/?unit={big.pk}",
        "follow-up dashboard, whole city": "/governance/",
    }
    if call:
        pages[f"chair's ranking ({call.n} applications)"] = f"/calls/{call.pk}/ranking/"
    if published:
        pages[f"call results, public record ({published.n} decided)"] = f"/calls/{published.pk}/results/"
    return {"user": director, "pages": pages}


def quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--only", help="measure only pages whose name contains this")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    found = targets()
    pages = {
        name: path
        for name, path in found["pages"].items()
        if not args.only or args.only in name or name == "signed-in floor"
    }
    logging.disable(logging.INFO)  # the request log would be measured too
    client = Client(HTTP_ACCEPT_LANGUAGE="sv")
    client.force_login(found["user"])

    clock = Clock()
    BackendTemplate.render = clock.wrap(BackendTemplate.render)  # type: ignore[method-assign]
    EngineTemplate.render = clock.wrap(EngineTemplate.render)  # type: ignore[method-assign]

    samples: dict[str, dict[str, list[float]]] = {
        name: {"wall": [], "cpu": [], "sql": [], "drawing": [], "queries": []} for name in pages
    }
    status: dict[str, int] = {}
    with connection.execute_wrapper(clock.execute):
        for round_ in range(args.warmup + args.rounds):
            for name, path in pages.items():
                clock.reset()
                wall, cpu = time.perf_counter(), time.process_time()
                response = client.get(path)
                wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
                status[name] = response.status_code
                if round_ < args.warmup:
                    continue
                sample = samples[name]
                sample["wall"].append(wall * 1000)
                sample["cpu"].append(cpu * 1000)
                sample["sql"].append(clock.sql * 1000)
                sample["drawing"].append((clock.drawing - clock.sql_cpu_while_drawing) * 1000)
                sample["queries"].append(clock.queries)

    floor = statistics.median(samples["signed-in floor"]["wall"])
    cpu_floor = statistics.median(samples["signed-in floor"]["cpu"])
    load = os.getloadavg()
    results: dict[str, Any] = {"rounds": args.rounds, "load_average": load, "pages": {}}
    print(f"{args.rounds} rounds, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; ms, medians unless p95")
    print(
        f"{'page':52} {'status':>6} {'wall':>7} {'p95':>7} {'cpu':>7} {'sql':>6} {'draw':>6} {'q':>3} {'×floor':>7} {'cpu×fl':>7}"
    )
    for name, sample in samples.items():
        wall = statistics.median(sample["wall"])
        row = {
            "path": pages[name],
            "status": status[name],
            "median_ms": wall,
            "p95_ms": quantile(sample["wall"], 0.95),
            "cpu_median_ms": statistics.median(sample["cpu"]),
            "sql_median_ms": statistics.median(sample["sql"]),
            "drawing_median_ms": statistics.median(sample["drawing"]),
            "queries": statistics.median(sample["queries"]),
            "ratio_to_signed_in_floor": wall / floor,
            "cpu_ratio_to_signed_in_floor": statistics.median(sample["cpu"]) / cpu_floor,
        }
        results["pages"][name] = row
        print(
            f"{name:52} {row['status']:>6} {wall:7.2f} {row['p95_ms']:7.2f} {row['cpu_median_ms']:7.2f} "
            f"{row['sql_median_ms']:6.2f} {row['drawing_median_ms']:6.2f} "
            f"{row['queries']:3.0f} {row['ratio_to_signed_in_floor']:7.1f} {row['cpu_ratio_to_signed_in_floor']:7.1f}"
        )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, default=str))


if __name__ == "__main__":
    main()
