"""City-scale test data: ten years of a city of Stockholm's size, written in bulk.

This is **test data** for benchmarks and for trying the product at size, not a way
to put real data in. Unlike the demo city (``sample_data/demo/``), it does not go through
the services: one service call per row (permission checks, notifications, a
transaction each) would take hours for a million rows. Rows are written with
``bulk_create`` in batches instead, and the services' invariants are kept by
construction:

- every idea's decisions follow the innovation lock (``ideas.lock.GATES``, and a
  parked idea goes back only to the stage it was parked in), in time order, and its
  ``stage``, ``stage_changed_at``, ``answered_at``, ``parked_*``, ``closed_reason``
  and ``version`` are those its last decision leaves;
- ``answer_due_at`` is the creation time plus ``SPRANG_FIRST_ANSWER_DAYS``;
  ``search_stems`` comes from ``ideas.search.idea_stems``;
- public ideas have their author's consent; supports never come from the author;
  authors, coaches and supporters follow their ideas; deciders hold the office or
  manager role for the idea's unit; a coach's active ideas stay within capacity;
- assessments exist only for ideas that reached implementation, and for every idea
  that reached spread, before that gate.

Each app's part is a module of this package named after the app's label, found by
``sample_data.parts`` and given the ``ScaleBuilder`` (seed, sizes, reference date, and
the units and people written first): the units and people (``organisation.py``), the
ideas (``ideas.py``), ten years of calls (the innovation fund, the stipend and the three
awards, about 20,000 applications with their scores, recusals, decisions and payments,
``calls.py``), then governance follow-up (ten years of goals, targets, indicator values
and reports, ``governance.py``), which computes the indicator values through
``governance.services`` and keeps the reports as the services leave them.

Everything follows from the seed (``random.Random(seed)``); times are counted back
from a fixed reference date, so two runs with the same seed give the same data.
No notifications and no audit-log entries are written (``bulk_create`` sends no
signals; the unit import, which does, runs with the audit log disabled).
"""

from __future__ import annotations

import contextlib
import random
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TypeVar

from auditlog.context import disable_auditlog
from django.db import connection, models, transaction

from core.city import CITY_TIME_ZONE
from ideas.models import Idea
from organisation.models import Unit, User
from sample_data.parts import parts

T = TypeVar("T")

#: The data ends here; everything before it is spread over ``YEARS`` years.
REFERENCE = datetime(2026, 11, 1, tzinfo=CITY_TIME_ZONE)
YEARS = 10
#: Rows per INSERT, and ideas generated per round.
BATCH = 5_000
DAY = 86_400


@dataclass(frozen=True)
class Sizes:
    employees: int
    residents: int
    suppliers: int
    ideas: int
    comments: int
    supports: int
    coaches: int
    applications: int
    managers: int


#: Stockholm over ten years. Gate decisions (about three per idea) and assessments
#: (a few thousand) follow from the ideas' journeys.
CITY = Sizes(
    employees=45_000,
    residents=70_000,
    suppliers=1_500,
    ideas=100_000,
    comments=400_000,
    supports=600_000,
    coaches=300,
    applications=20_000,
    managers=2_000,
)
SCALES = {"small": 0.1, "city": 1.0}


def sizes_for(factor: float) -> Sizes:
    """CITY times ``factor`` (units stay the same); at least a handful of each."""

    def part(n: int, least: int) -> int:
        return max(least, round(n * factor))

    return Sizes(
        employees=part(CITY.employees, 40),
        residents=part(CITY.residents, 20),
        suppliers=part(CITY.suppliers, 5),
        ideas=part(CITY.ideas, 20),
        comments=part(CITY.comments, 40),
        supports=part(CITY.supports, 60),
        coaches=part(CITY.coaches, 5),
        applications=part(CITY.applications, 60),
        managers=part(CITY.managers, 5),
    )


@contextlib.contextmanager
def timestamps_as_given(*model_classes: type[models.Model]) -> Iterator[None]:
    """Let ``bulk_create`` keep the ``created_at``/``updated_at`` set on each row (no ``auto_now``)."""
    fields = [
        f
        for model in model_classes
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]  # type: ignore[attr-defined]
    for f in fields:
        setattr(f, "auto_now", False)  # noqa: B010 - Field stubs do not declare these
        setattr(f, "auto_now_add", False)  # noqa: B010
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            setattr(f, "auto_now", auto_now)  # noqa: B010
            setattr(f, "auto_now_add", auto_now_add)  # noqa: B010


@contextlib.contextmanager
def sqlite_bulk_pragmas() -> Iterator[None]:
    """On SQLite, skip fsync and keep a larger cache while loading; restored afterwards."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous")
        synchronous = cursor.fetchone()[0]
        cursor.execute("PRAGMA cache_size")
        cache_size = cursor.fetchone()[0]
        cursor.execute("PRAGMA synchronous = OFF")
        cursor.execute("PRAGMA cache_size = -262144")  # 256 MB
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA synchronous = {int(synchronous)}")
            cursor.execute(f"PRAGMA cache_size = {int(cache_size)}")
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def pick(rng: random.Random, options: Sequence[tuple[T, int]]) -> T:
    """One of the options, by weight."""
    return rng.choices([o for o, _w in options], [w for _o, w in options])[0]


@dataclass
class UnitInfo:
    id: int
    path: str
    kind: str
    code: str
    name: str
    org: int | None  # the administration or company it belongs to
    sectors: list[str]


@dataclass
class People:
    employees: list[int] = field(default_factory=list)
    residents: list[int] = field(default_factory=list)
    suppliers: list[int] = field(default_factory=list)
    by_org: dict[int, list[int]] = field(default_factory=dict)
    office: dict[int, int] = field(default_factory=dict)  # org id -> office person
    managers_by_org: dict[int, list[int]] = field(default_factory=dict)
    manager_of_unit: dict[int, int] = field(default_factory=dict)  # unit id -> nearest manager
    coaches_by_org: dict[int, list[int]] = field(default_factory=dict)
    capacity: dict[int, int] = field(default_factory=dict)
    director: int = 0


class ScaleBuilder:
    """Writes the city-scale data set. ``factor`` scales everything but the units (1.0 = the city).

    What each app's part gets: the seed, the sizes, the random generator of the units, people
    and ideas, the reference date, and the ``units`` and ``people`` the organisation part writes.
    """

    def __init__(
        self,
        *,
        seed: int = 2015,
        factor: float = 1.0,
        governance_years: int = YEARS,
        out: Callable[[str], None] | None = None,
    ) -> None:
        self.rng = random.Random(seed)  # noqa: S311 - test data, not secrets
        self.seed = seed
        self.governance_years = governance_years
        self.sizes = sizes_for(factor)
        self.out = out or (lambda msg: None)
        self.reference = REFERENCE.astimezone(UTC)  # UTC from here on: the database stores UTC
        self.start = self.reference - timedelta(days=round(YEARS * 365.25))
        self.started = time.monotonic()
        self.units: dict[int, UnitInfo] = {}
        self.people = People()

    def say(self, message: str) -> None:
        self.out(f"{message} ({time.monotonic() - self.started:.1f} s)")

    # -- the whole load ------------------------------------------------------
    def build(self) -> dict[str, int]:
        with disable_auditlog(), sqlite_bulk_pragmas():
            for part in parts("scale"):
                with transaction.atomic():
                    part.build(self)
            if connection.vendor == "postgresql":
                # After a bulk load: statistics for the planner, and the visibility map that lets
                # index-only scans (deep pages, counts) skip the table.
                # VACUUM cannot run inside a transaction (a caller's, such as a test's): then
                # statistics alone.
                command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
                with connection.cursor() as cursor:
                    cursor.execute(command)
                self.say(f"{command} done")
        return counts()


def counts() -> dict[str, int]:
    """Rows per table of the data set, each app's part in turn."""
    rows: dict[str, int] = {}
    for part in parts("scale"):
        if hasattr(part, "counts"):
            rows.update(part.counts())
    return rows


def has_data() -> bool:
    return Idea.objects.exists() or User.objects.exists() or Unit.objects.exists()


def build(
    *, seed: int, factor: float, governance_years: int = YEARS, out: Callable[[str], None] | None = None
) -> dict[str, int]:
    return ScaleBuilder(seed=seed, factor=factor, governance_years=governance_years, out=out).build()
