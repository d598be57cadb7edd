"""Disclosure control: which figures of a table may be published without revealing a small count.

Every figure Språng publishes without sign-in is a count of people's ideas, or rests on one (a rate
is a count divided by something public, a share one count divided by another). A count from one to
four may point at a person, so it is never published exactly (*primary suppression*: shown as
``<5``). That alone is not enough: a suppressed count can often be worked out from the figures
published around it – the total of a row minus its other cells, a parent unit minus its children,
T2 minus T1 (the periods are cumulative), a rate times its public denominator. So the figures
around it are withheld too (*complementary suppression*) until no count from one to four can be
worked out from what is published.

The model. A table is the product of a few dimensions (for example unit × source × period). Each
dimension is a set of nodes and the *relations* between them: a parent is the sum of its
children. A child can be *virtual*: the part of the parent that is published nowhere (a
committee's ideas outside its administrations, the ideas of May–August as T2 minus T1). Every
cell of the product – published, unpublished or virtual – is a count of real ideas, so each one
that holds one to four must stay out of reach.

The attacker knows every published figure, that a suppressed cell holds 1–4, that a withheld
one is not zero (a zero gives nothing away and is always published), and that every other cell
is at least 0; they combine every relation of the table (interval propagation to a fixed point,
which is exact for a single relation and finds every chain of them). A cell is *recovered* when
its lower and upper bound meet. ``protect`` withholds cells until no cell holding 1–4 is
recovered: first the smallest published figure along the chain of relations that gave it away;
where there is none, a suppressed figure there loses its "<5" (four suppressed sources under a
suppressed total of "<5" are each 1); then further out. Cells are decided in *rounds* (a period's figures are
published when the period ends, earlier rounds are already out): a later round never withholds
what an earlier one published.

So each round looks ahead. A later round publishes its zeros, and a zero of a later period is a
zero of every period before it (the periods are cumulative): a zero the year publishes tells that
the same figure was zero in T1, where it may have been the last unknown beside a small count. A
round is therefore decided as if every real count that is zero were known already (a virtual one
only where that follows from the real ones). That a count is *not* zero no later period can
tell: the ideas that came in between may be all there is. With that, withholding every figure a
later round offers tells the attacker nothing they were not already assumed to know about the
periods before it, and nothing that bounds its own figures from above, so every round can be
protected with its own figures and ``protect`` never gives up. A round is decided from its own
period and the ones before, so it is decided the same when it ends and when later periods are
added to the table.

This module knows no domain: open data, public dashboards and survey results build their tables
and ask it which cells to publish. It is tested against an exact attacker (integer programming
over every relation) on random tables.
"""

from __future__ import annotations

import enum
import itertools
import math
from collections import deque
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

#: The smallest count published exactly. A count from 1 to ``MIN_COUNT - 1`` is never published.
MIN_COUNT = 5

Node = Hashable
Cell = tuple[Node, ...]


class Status(enum.StrEnum):
    PUBLISHED = "published"
    #: Holds 1–4: shown as "<5".
    SUPPRESSED = "suppressed"
    #: Not zero, and left out so that no count of 1–4 can be worked out from the others.
    WITHHELD = "withheld"


@dataclass(frozen=True)
class Dimension:
    """One dimension of a table: its nodes and the relations between them (a parent is the sum of its children).

    ``virtual`` nodes are never published; each is a child in exactly one relation, and its value
    is the parent minus the other children.
    """

    relations: tuple[tuple[Node, tuple[Node, ...]], ...] = ()
    nodes: tuple[Node, ...] = ()
    virtual: frozenset[Node] = field(default_factory=frozenset)

    @classmethod
    def flat(cls, nodes: Iterable[Node]) -> Dimension:
        """A dimension without relations (categories that do not add up to anything published)."""
        return cls(nodes=tuple(nodes))

    @classmethod
    def tree(cls, children: Mapping[Any, Sequence[Any]], *, virtual: Iterable[Node] = ()) -> Dimension:
        nodes: list[Node] = []
        for parent, kids in children.items():
            for node in (parent, *kids):
                if node not in nodes:
                    nodes.append(node)
        relations = tuple((parent, tuple(kids)) for parent, kids in children.items() if kids)
        return cls(relations=relations, nodes=tuple(nodes), virtual=frozenset(virtual))

    @classmethod
    def cumulative(cls, periods: Sequence[Node]) -> Dimension:
        """Periods that each include the one before (T1 ⊂ T2 ⊂ the whole year): every step is a virtual node."""
        children: dict[Node, tuple[Node, ...]] = {periods[0]: ()}
        virtual = []
        for before, after in itertools.pairwise(periods):
            step = ("since", before, after)
            children[after] = (before, step)
            virtual.append(step)
        return cls.tree(children, virtual=virtual)


class Table:
    """The counts of a table over the product of its dimensions.

    ``values`` gives every cell whose coordinates are all real nodes; cells with a virtual
    coordinate are worked out from their relation.
    """

    def __init__(self, dimensions: Sequence[Dimension], values: Mapping[Cell, int]):
        self.dimensions = tuple(dimensions)
        self.cells: list[Cell] = list(itertools.product(*(d.nodes for d in self.dimensions)))
        self.index = {cell: i for i, cell in enumerate(self.cells)}
        self.values = [0] * len(self.cells)
        #: Whether each cell is real (no virtual coordinate): only real cells are ever offered for publication.
        self.real = [not any(cell[d] in dim.virtual for d, dim in enumerate(self.dimensions)) for cell in self.cells]
        for cell, i in self.index.items():
            if self.real[i]:
                self.values[i] = int(values.get(cell, 0))
        self.relations: list[tuple[int, tuple[int, ...]]] = []
        for d, dim in enumerate(self.dimensions):
            others = [o.nodes for k, o in enumerate(self.dimensions) if k != d]
            for parent, children in dim.relations:
                for rest in itertools.product(*others):

                    def at(node: Node, rest: tuple = rest, d: int = d) -> int:
                        return self.index[(*rest[:d], node, *rest[d:])]

                    self.relations.append((at(parent), tuple(at(c) for c in children)))
        # Virtual cells, dimension by dimension: a cell virtual in an earlier dimension is known by then.
        for d, dim in enumerate(self.dimensions):
            others = [o.nodes for k, o in enumerate(self.dimensions) if k != d]
            for parent, children in dim.relations:
                for child in children:
                    if child not in dim.virtual:
                        continue
                    for rest in itertools.product(*others):

                        def at(node: Node, rest: tuple = rest, d: int = d) -> int:
                            return self.index[(*rest[:d], node, *rest[d:])]

                        self.values[at(child)] = self.values[at(parent)] - sum(
                            self.values[at(c)] for c in children if c != child
                        )
        self.by_cell: list[list[int]] = [[] for _ in self.cells]
        for r, (parent, children) in enumerate(self.relations):
            for i in (parent, *children):
                self.by_cell[i].append(r)

    def value(self, cell: Cell) -> int:
        return self.values[self.index[cell]]


@dataclass
class _Bounds:
    lo: list[float]
    hi: list[float]
    #: The relation that pinned each cell to one value (for finding what to withhold).
    pinned_by: dict[int, int]


def _propagate(table: Table, lo: list[float], hi: list[float]) -> _Bounds:
    """Tighten every cell's bounds through every relation until nothing changes (bounds only narrow)."""
    inf = math.inf
    pinned_by: dict[int, int] = {}
    pending = deque(range(len(table.relations)))
    queued = [True] * len(table.relations)
    # A consistent table narrows to a fixed point; the budget only guards against a slow crawl of
    # bounds moving by one at a time around a cycle of relations.
    budget = 50 * len(table.relations) + 1000
    relations, by_cell = table.relations, table.by_cell
    while pending and budget:
        budget -= 1
        r = pending.popleft()
        queued[r] = False
        parent, children = relations[r]
        # parent = Σ children. Lower bounds are never unbounded; upper bounds may be, so the
        # children's finite upper bounds are summed apart from the number that are unbounded.
        kids_lo = 0.0
        finite_sum = 0.0
        unbounded = 0
        for c in children:
            kids_lo += lo[c]
            h = hi[c]
            if h == inf:
                unbounded += 1
            else:
                finite_sum += h
        changed: list[int] = []
        if kids_lo > lo[parent]:
            lo[parent] = kids_lo
            changed.append(parent)
        if not unbounded and finite_sum < hi[parent]:
            hi[parent] = finite_sum
            changed.append(parent)
        p_lo, p_hi = lo[parent], hi[parent]
        for c in children:
            h, low = hi[c], lo[c]
            if h == inf:
                others_hi = finite_sum if unbounded == 1 else inf
            else:
                others_hi = finite_sum - h if not unbounded else inf
            new_lo = p_lo - others_hi
            if new_lo > low:
                lo[c] = new_lo
                changed.append(c)
            new_hi = p_hi - (kids_lo - low)
            if new_hi < h:
                hi[c] = new_hi
                changed.append(c)
        for i in changed:
            if lo[i] == hi[i] and i not in pinned_by:
                pinned_by[i] = r
            for other in by_cell[i]:
                if not queued[other]:
                    queued[other] = True
                    pending.append(other)
    return _Bounds(lo, hi, pinned_by)


def protect(table: Table, rounds: Sequence[Iterable[Cell]], *, minimum: int = MIN_COUNT) -> dict[Cell, Status]:
    """Decide, round by round, which of the cells offered for publication are published, suppressed or withheld.

    ``rounds`` are the cells offered for publication, in the order they are published (each
    round's decisions are final before the next is looked at). A round after the first offers the
    figures of a later period of a cumulative dimension, so that each of them may hold ideas no
    earlier figure counts: those that came in between (see the module's docstring). Returns the status of every cell offered;
    every other cell of the table is unpublished.
    """
    inf = math.inf
    values = table.values
    status: dict[int, Status] = {}
    small = [0 < v < minimum for v in values]
    # Counts are at least zero. A remainder of a table whose parts overlap (an application counted
    # for two units) can be below zero; its true value is then its lower bound, so the bounds hold.
    # Every real count that is zero is taken as known: a later round publishes its zeros, and a zero
    # of a later period is a zero of every period before it (see the module's docstring).
    lo_before: list[float] = [float(min(0, v)) for v in values]
    hi_before: list[float] = [0.0 if real and v == 0 else inf for v, real in zip(values, table.real, strict=True)]

    def known_bounds() -> tuple[list[float], list[float]]:
        lo, hi = lo_before.copy(), hi_before.copy()
        for i, s in status.items():
            if s is Status.PUBLISHED:
                lo[i] = hi[i] = values[i]
            elif s is Status.SUPPRESSED:
                lo[i], hi[i] = 1, minimum - 1
            else:
                lo[i] = 1
        return lo, hi

    for offered in rounds:
        now = [table.index[c] for c in offered]
        for i in now:
            status[i] = Status.SUPPRESSED if small[i] else Status.PUBLISHED
        current = set(now)
        while True:
            bounds = _propagate(table, *known_bounds())
            recovered = [i for i, r in bounds.pinned_by.items() if small[i] and status.get(i) is not Status.PUBLISHED]
            if not recovered:
                break
            withheld = set()
            for i in recovered:
                victim = _victim(table, bounds, status, current, i, minimum)
                if victim is None:
                    raise AssertionError(
                        f"cannot protect {table.cells[i]}: every figure around it is already published"
                    )
                withheld.add(victim)
            for v in withheld:
                status[v] = Status.WITHHELD
    return {table.cells[i]: s for i, s in status.items()}


def _victim(
    table: Table, bounds: _Bounds, status: dict[int, Status], current: set[int], start: int, minimum: int
) -> int | None:
    """A cell of this round to withhold so that ``start`` is no longer pinned, losing as little as possible.

    First the smallest published figure of this round along the chain of relations that pinned
    it (each relation, then the ones that pinned the cells it was worked out from); else a
    suppressed figure of this round in the relation that pinned it, which loses only its "<5";
    else either, in the relations around, breadth first.
    """

    def usable(i: int, kinds: tuple[Status, ...]) -> bool:
        if i not in current or status.get(i) not in kinds:
            return False
        return status[i] is Status.SUPPRESSED or table.values[i] >= minimum

    def smallest(cells: Iterable[int]) -> int | None:
        return min(cells, key=lambda i: (table.values[i], i), default=None)

    first = bounds.pinned_by.get(start)
    # Along the chain of relations that pinned it.
    chain, seen, level = [], {start}, [start]
    while level:
        following = []
        for cell in level:
            r = bounds.pinned_by.get(cell)
            if r is None or r in chain:
                continue
            chain.append(r)
            parent, children = table.relations[r]
            for i in (parent, *children):
                if i not in seen:
                    seen.add(i)
                    following.append(i)
        found = smallest(i for i in following if usable(i, (Status.PUBLISHED,)))
        if found is not None:
            return found
        level = [i for i in following if bounds.lo[i] == bounds.hi[i]]
    if first is not None:
        parent, children = table.relations[first]
        found = smallest(i for i in (parent, *children) if usable(i, (Status.SUPPRESSED,)))
        if found is not None:
            return found
    # Around it, breadth first.
    seen_relations: set[int] = set()
    seen_cells: set[int] = set()
    relations = list(table.by_cell[start])
    while relations:
        reached: list[int] = []
        for r in relations:
            if r in seen_relations:
                continue
            seen_relations.add(r)
            parent, children = table.relations[r]
            for i in (parent, *children):
                if i not in seen_cells:
                    seen_cells.add(i)
                    reached.append(i)
        for kinds in ((Status.PUBLISHED,), (Status.SUPPRESSED,)):
            found = smallest(i for i in reached if usable(i, kinds))
            if found is not None:
                return found
        relations = [r for i in reached for r in table.by_cell[i]]
    return None
