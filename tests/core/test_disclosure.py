"""Disclosure control: no count from one to four can be worked out from what is published.

Each published table is attacked by an exact attacker: integer programming over every relation
of the table, knowing every published figure, that a suppressed one holds 1–4, that a withheld
one is not zero, and that every count is at least 0. For every cell holding 1–4 – published
or not, a unit's remainder outside its children, the ideas of May–August – the attacker's
smallest and largest possible value must differ.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import Bounds, LinearConstraint, milp

from core.disclosure import MIN_COUNT, Dimension, Status, Table, protect

PERIODS = ("T1", "T2", "VB")


def recovered(table: Table, decided: dict, *, minimum: int = MIN_COUNT) -> list[tuple]:
    """The cells holding 1–4 whose value an exact attacker can pin down from what is published."""
    n = len(table.cells)
    lo = np.zeros(n)
    hi = np.full(n, np.inf)
    for cell, status in decided.items():
        i = table.index[cell]
        if status is Status.PUBLISHED:
            lo[i] = hi[i] = table.values[i]
        elif status is Status.SUPPRESSED:
            lo[i], hi[i] = 1, minimum - 1
        else:
            lo[i] = 1  # withheld: not zero, perhaps small
    hi = np.minimum(hi, 10**6)  # a bound far above any count keeps every problem bounded
    rows = np.zeros((len(table.relations), n))
    for r, (parent, children) in enumerate(table.relations):
        rows[r, parent] = 1
        for c in children:
            rows[r, c] -= 1
    constraints = [LinearConstraint(rows, 0, 0)] if table.relations else []
    found = []
    for i, value in enumerate(table.values):
        if not 0 < value < minimum or decided.get(table.cells[i]) is Status.PUBLISHED:
            continue
        extremes = []
        for sign in (1, -1):
            objective = np.zeros(n)
            objective[i] = sign
            result = milp(objective, constraints=constraints, integrality=np.ones(n), bounds=Bounds(lo, hi))
            assert result.success, result.message
            extremes.append(round(result.x[i]))
        if extremes[0] == extremes[1]:
            found.append((table.cells[i], value))
    return found


def _one_row(total_and_parts: dict[str, int]) -> Table:
    categories = Dimension.tree({"total": [k for k in total_and_parts if k != "total"]})
    return Table([categories], {(k,): v for k, v in total_and_parts.items()})


def _until(table: Table, k: int) -> Table:
    """The table as it stood when its ``k``-th period ended: the periods after it are not known yet."""
    units, categories, _periods = table.dimensions
    values = {cell: table.value(cell) for cell in table.cells if cell[2] in PERIODS[:k]}
    return Table([units, categories, Dimension.cumulative(PERIODS[:k])], values)


def test_a_small_part_of_a_row_is_not_recovered_from_the_total():
    """6 ideas = 5 from employees + 1 from another unit: publishing the 5 and the total gives the 1 away."""
    table = _one_row({"total": 6, "employee": 5, "city_unit": 1, "resident": 0})
    decided = protect(table, [[("total",), ("employee",), ("city_unit",), ("resident",)]])
    assert decided[("city_unit",)] is Status.SUPPRESSED
    assert Status.WITHHELD in {decided[("total",)], decided[("employee",)]}
    assert decided[("resident",)] is Status.PUBLISHED  # a zero gives nothing away
    assert recovered(table, decided) == []


def test_small_parts_under_a_small_total_are_not_pinned_by_their_bounds():
    """External 4 (“<5”) = resident 1 + university 1 + city unit 1 + feedback 1 (each “<5”, so at least 1) + supplier 0:
    the bounds alone give every part away, with no published figure to withhold. The total loses its “<5”."""
    parts = {"resident": 1, "university": 1, "city_unit": 1, "feedback": 1, "supplier": 0}
    table = _one_row({"total": 4, **parts})
    decided = protect(table, [[(k,) for k in ("total", *parts)]])
    assert decided[("total",)] is Status.WITHHELD
    assert decided[("supplier",)] is Status.PUBLISHED
    assert recovered(table, decided) == []


def test_a_parent_minus_its_children_is_protected():
    units = Dimension.tree({"city": ["north", "south", ("rest", "city")]}, virtual=[("rest", "city")])
    # The city's own units hold 2 ideas outside the two administrations.
    table = Table([units], {("city",): 30, ("north",): 12, ("south",): 16})
    assert table.value((("rest", "city"),)) == 2
    decided = protect(table, [[("city",), ("north",), ("south",)]])
    assert list(decided.values()).count(Status.WITHHELD) == 1
    assert recovered(table, decided) == []


def test_cumulative_periods_do_not_give_away_what_came_in_between():
    periods = Dimension.cumulative(PERIODS)
    table = Table([periods], {("T1",): 10, ("T2",): 12, ("VB",): 20})
    assert table.value((("since", "T1", "T2"),)) == 2
    decided = protect(table, [[(p,)] for p in PERIODS])
    # T1 went out when the first tertial ended and stays; T2 is withheld so that May–August's 2 stay hidden.
    assert decided == {("T1",): Status.PUBLISHED, ("T2",): Status.WITHHELD, ("VB",): Status.PUBLISHED}
    assert recovered(table, decided) == []


def test_a_later_round_never_withdraws_what_an_earlier_one_published():
    periods = Dimension.cumulative(PERIODS)
    table = Table([periods], {("T1",): 10, ("T2",): 12, ("VB",): 13})
    decided = protect(table, [[(p,)] for p in PERIODS])
    # T2 must hide May–August (2), and then the year's 13 would give away T2 (13 − 1 … 4 ≥ 9 … 12): withheld too.
    assert decided[("T1",)] is Status.PUBLISHED
    assert recovered(table, decided) == []


def test_a_zero_published_in_a_later_period_does_not_give_away_an_earlier_one():
    """No idea from c0 all year; c1 has 3 by T2. T1 offers the total (12) and c2 (9), T2 the total (12), the
    year its total and c0. The year's 0 for c0 is published (a zero gives nothing away) and says c0 had none
    in T1 or T2 either, so c1 = 12 − 9 − 0 = 3 in T1, and in T2 since the total did not move. By then T1 and
    T2 are out: T1 must have seen it coming."""
    units = Dimension.flat(["city"])
    sources = Dimension.tree({"total": ["c0", "c1", "c2"]})
    counts = {"c0": (0, 0, 0), "c1": (3, 3, 8), "c2": (9, 9, 12)}
    values = {("city", c, p): n for c, row in counts.items() for p, n in zip(PERIODS, row, strict=True)}
    for k, p in enumerate(PERIODS):
        values["city", "total", p] = sum(row[k] for row in counts.values())
    table = Table([units, sources, Dimension.cumulative(PERIODS)], values)
    rounds = [
        [("city", "total", "T1"), ("city", "c2", "T1")],
        [("city", "total", "T2")],
        [("city", "total", "VB"), ("city", "c0", "VB")],
    ]
    decided = protect(table, rounds)
    assert decided[("city", "c0", "VB")] is Status.PUBLISHED
    assert Status.WITHHELD in {decided[("city", "total", "T1")], decided[("city", "c2", "T1")]}
    assert recovered(table, decided) == []
    # T1 saw it coming from its own figures, not from the year's: decided when T1 ended, it is the same.
    assert protect(_until(table, 1), rounds[:1]) == {c: s for c, s in decided.items() if c[2] == "T1"}


def test_zero_is_published_and_large_tables_are_left_alone():
    units = Dimension.tree({"city": ["a", "b", ("rest", "city")]}, virtual=[("rest", "city")])
    periods = Dimension.cumulative(PERIODS)
    values = {}
    for p, scale in zip(PERIODS, (1, 2, 3), strict=True):
        values["city", p] = 100 * scale
        values["a", p] = 40 * scale
        values["b", p] = 60 * scale
    table = Table([units, periods], values)
    decided = protect(table, [[(u, p) for u in ("city", "a", "b")] for p in PERIODS])
    assert set(decided.values()) == {Status.PUBLISHED}


# --- random tables, attacked exactly ------------------------------------------------


@st.composite
def tables(draw):
    """A small unit tree with remainders, a breakdown with its total, cumulative periods; counts mostly small."""
    n_children = draw(st.integers(1, 3))
    tree: dict = {"city": []}
    leaves = []
    for k in range(n_children):
        child = f"u{k}"
        tree["city"].append(child)
        grandchildren = draw(st.integers(0, 2))
        if grandchildren:
            tree[child] = [f"u{k}.{g}" for g in range(grandchildren)] + [("rest", child)]
            leaves += [*tree[child][:-1], ("rest", child)]
        else:
            leaves.append(child)
    tree["city"].append(("rest", "city"))
    leaves.append(("rest", "city"))
    virtual = [n for kids in tree.values() for n in kids if isinstance(n, tuple)]
    units = Dimension.tree(tree, virtual=virtual)
    n_parts = draw(st.integers(1, 3))
    parts = [f"c{k}" for k in range(n_parts)]
    categories = Dimension.tree({"total": parts}) if n_parts > 1 else Dimension.flat(["total"])
    periods = Dimension.cumulative(PERIODS)
    steps = ["T1", ("since", "T1", "T2"), ("since", "T2", "VB")]
    small_counts = st.integers(0, 9) | st.integers(0, 2)
    # The finest counts: a leaf or remainder, a part, the ideas of one step of the year.
    atoms = {(leaf, part, step): draw(small_counts) for leaf in leaves for part in parts for step in steps}

    def under(node):
        if node in leaves:
            return [node]
        return [leaf for kid in tree[node] for leaf in under(kid)]

    real_units = [u for u in units.nodes if u not in units.virtual]
    values = {}
    for unit in real_units:
        for k, period in enumerate(PERIODS):
            for part in parts:
                values[unit, part, period] = sum(atoms[leaf, part, s] for leaf in under(unit) for s in steps[: k + 1])
            values[unit, "total", period] = sum(values[unit, part, period] for part in parts)
    table = Table([units, categories, periods], values)
    offered_units = draw(st.lists(st.sampled_from(real_units), min_size=1, unique=True))
    rounds = [
        [(u, c, p) for u in offered_units for c in categories.nodes if draw(st.booleans()) or c == "total"]
        for p in PERIODS
    ]
    return table, rounds


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables())
def test_no_small_count_can_be_recovered_from_a_random_table(drawn):
    table, rounds = drawn
    decided = protect(table, rounds)
    assert recovered(table, decided) == []
    # "<5" is true wherever it is shown; every small figure offered is "<5" or withheld; a zero is always published.
    for cell, status in decided.items():
        value = table.value(cell)
        if status is Status.SUPPRESSED:
            assert 0 < value < MIN_COUNT
        elif status is Status.PUBLISHED:
            assert not 0 < value < MIN_COUNT
        assert value != 0 or status is Status.PUBLISHED


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables())
def test_a_period_decided_stays_decided_when_the_next_one_ends(drawn):
    """Open data is published when each period ends, from the periods ended so far: what T1 published stays
    published, the same, when T2 and the year are added to the table."""
    table, rounds = drawn
    decided = protect(table, rounds)
    for k in (1, 2):
        assert protect(_until(table, k), rounds[:k]) == {c: s for c, s in decided.items() if c[2] in PERIODS[:k]}


def test_the_attacker_finds_what_primary_suppression_alone_leaves_open():
    """The attacker is real: with only the small cells suppressed, it recovers them."""
    table = _one_row({"total": 6, "employee": 5, "city_unit": 1})
    only_primary = {
        ("total",): Status.PUBLISHED,
        ("employee",): Status.PUBLISHED,
        ("city_unit",): Status.SUPPRESSED,
    }
    assert recovered(table, only_primary) == [(("city_unit",), 1)]


@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_small_counts_are_never_published(n):
    table = _one_row({"total": n + 10, "a": n, "b": 10})
    decided = protect(table, [list(itertools.product(["total", "a", "b"]))])
    assert decided[("a",)] is Status.SUPPRESSED
    assert not math.isnan(n)
