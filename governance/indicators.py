"""Indicators computed from Språng's own data, for every unit of the city at once: the registry.

Each computation answers, for one period [start, end), a figure per unit that counts the
unit and everything below it. Every figure depends only on what happened before ``end``,
so a past period always gives the same value (a decision or an assessment made later does
not change it). Each figure also has a *basis*: how many ideas it rests on, so that open
data can suppress figures too small to publish.

An app declares the computations over its own data in its ``indicators.py``, decorated
``@computation("key", label=..., description=..., measure=..., direction=...)`` (the ideas'
in ``ideas/indicators.py``, the calls' in ``calls/indicators.py``, the adoptions of good examples in
``spread/adoptions/indicators.py``); ``COMPUTATIONS`` finds the
modules itself (``autodiscover_modules``), as Django's admin finds ``admin.py``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.utils.functional import Promise

from core.registry import Registry
from organisation.models import Unit


@dataclass(frozen=True)
class Figure:
    value: Decimal | None
    basis: int


#: unit id → figure
Figures = dict[int, Figure]
Compute = Callable[[datetime, datetime], Figures]


@dataclass(frozen=True)
class Computation:
    key: str
    label: Promise
    description: Promise
    measure: str
    direction: str
    compute: Compute


class Tree:
    """Rolls figures kept per unit up to every unit above it, by materialised path."""

    def __init__(self) -> None:
        self.units = list(Unit.objects.values_list("pk", "path", "headcount"))
        self.by_path = {path: pk for pk, path, _ in self.units}
        self.path_of = {pk: path for pk, path, _ in self.units}
        self.headcount = {pk: headcount for pk, _, headcount in self.units}

    def ancestors(self, unit_id: int) -> Iterable[int]:
        path = self.path_of.get(unit_id, "")
        for end in range(Unit.steplen, len(path) + 1, Unit.steplen):
            pk = self.by_path.get(path[:end])
            if pk is not None:
                yield pk

    def sum_up(self, per_unit: Iterable[tuple[int, int]]) -> dict[int, int]:
        totals: dict[int, int] = defaultdict(int)
        for unit_id, n in per_unit:
            for pk in self.ancestors(unit_id):
                totals[pk] += n
        return totals

    def sum_up_once(self, per_units: Iterable[tuple[Iterable[int | None], int | Decimal]]) -> dict[int, Decimal]:
        """Like ``sum_up``, for rows that belong to several units: each unit above any of them counts a row once."""
        totals: dict[int, Decimal] = defaultdict(Decimal)
        for unit_ids, n in per_units:
            for pk in {a for unit_id in unit_ids if unit_id is not None for a in self.ancestors(unit_id)}:
                totals[pk] += n
        return totals

    def collect_up(self, per_unit: Iterable[tuple[int, float]]) -> dict[int, list[float]]:
        values: dict[int, list[float]] = defaultdict(list)
        for unit_id, v in per_unit:
            for pk in self.ancestors(unit_id):
                values[pk].append(v)
        return values


#: Every declared computation by key, in ``position`` order; each app's ``indicators`` module is imported at the
#: first look.
COMPUTATIONS: Registry[Computation] = Registry(
    "indicators", "indicator computations", same=lambda a, b: a.compute is b.compute
)


def computation(
    key: str, *, label: Promise, description: Promise, measure: str, direction: str, position: int = 50
) -> Callable[[Compute], Compute]:
    """Declare a computed indicator: the function takes [start, end) and returns a figure per unit."""

    def register(compute: Compute) -> Compute:
        COMPUTATIONS.declare(key, Computation(key, label, description, measure, direction, compute), position)
        return compute

    return register


def computation_choices() -> list[tuple[str, str]]:
    return [(key, str(c.label)) for key, c in COMPUTATIONS.items()]
