"""The anonymity rule on its own: every attack a curious reader of the results could make by combining groups finds
no group of fewer than the minimum, whatever the groups and counts."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from surveys.anonymity import Decision, Group, atoms, decide, decide_split


def g(key, *cells):
    return Group(key, frozenset(cells))


def shown(decisions):
    return {k for k, d in decisions.items() if d is Decision.SHOWN}


def test_a_group_under_the_minimum_is_too_few():
    decisions = decide([g("a", 1)], {1: 4}, minimum=5)
    assert decisions == {"a": Decision.TOO_FEW}


def test_parent_minus_its_shown_children_finds_nobody():
    # The administration has 20 answers: 10 and 7 in two departments and 3 at its own office.
    parent = g("adm", "d1", "d2", "own")
    d1, d2 = g("d1", "d1"), g("d2", "d2")
    decisions = decide([parent, d1, d2], {"d1": 10, "d2": 7, "own": 3}, minimum=5)
    assert decisions == {"adm": Decision.SHOWN, "d1": Decision.SHOWN, "d2": Decision.PROTECTED}
    # With both departments shown, the administration minus them would be the 3 at the office.


def test_two_overlapping_filters_give_away_no_overlap_or_difference():
    # Districts (12) and the north committee (north district 9 + committee staff 3): the committee minus the north
    # district is 3 people.
    districts = g("kind", "north", "south")
    committee = g("committee", "north", "committee_staff")
    north = g("north", "north")
    counts = {"north": 9, "south": 6, "committee_staff": 3}
    decisions = decide([districts, committee, north], counts, minimum=5)
    assert decisions["kind"] is Decision.SHOWN
    # The committee splits the districts into north (9) and south (6), and adds the 3 staff as an atom of their own.
    assert decisions["committee"] is Decision.PROTECTED
    assert decisions["north"] is Decision.SHOWN


def test_the_same_group_in_two_versions_gives_away_neither_version():
    # 12 answers over both versions: 10 to version 2, 2 to version 1.
    both = g(("unit", None), ("u", 1), ("u", 2))
    v2 = g(("unit", 2), ("u", 2))
    v1 = g(("unit", 1), ("u", 1))
    decisions = decide([both, v1, v2], {("u", 1): 2, ("u", 2): 10}, minimum=5)
    assert decisions[("unit", None)] is Decision.SHOWN
    assert decisions[("unit", 1)] is Decision.TOO_FEW
    assert decisions[("unit", 2)] is Decision.PROTECTED


def test_a_shown_group_is_never_put_at_risk_by_a_later_one():
    a, b = g("a", 1, 2), g("b", 2, 3)
    decisions = decide([a, b], {1: 5, 2: 5, 3: 1}, minimum=5)
    assert decisions == {"a": Decision.SHOWN, "b": Decision.PROTECTED}


def _solvable_small_sets(groups, counts, minimum):
    """The exact attacker: the answers' sums the shown groups pin down are the vectors in the span of their
    membership vectors (over the rationals). Returns the sizes of the smallest non-empty cell sets whose sum is
    pinned: any combination of atoms, here by checking each single atom and each union of atoms is in the span."""
    cells = sorted({c for grp in groups for c in grp.cells})
    rows = [[Fraction(1 if c in grp.cells else 0) for c in cells] for grp in groups]
    # Row-reduce to a basis.
    basis: list[list[Fraction]] = []
    for row in rows:
        v = row[:]
        for b in basis:
            pivot = next(i for i, x in enumerate(b) if x)
            if v[pivot]:
                factor = v[pivot] / b[pivot]
                v = [x - factor * y for x, y in zip(v, b, strict=True)]
        if any(v):
            basis.append(v)

    def in_span(vector):
        v = vector[:]
        for b in basis:
            pivot = next(i for i, x in enumerate(b) if x)
            if v[pivot]:
                factor = v[pivot] / b[pivot]
                v = [x - factor * y for x, y in zip(v, b, strict=True)]
        return not any(v)

    pinned = []
    for i in range(len(cells)):
        unit = [Fraction(1 if j == i else 0) for j in range(len(cells))]
        # A single cell's sum is pinned when its indicator is in the span, but also any set of cells that always
        # move together: take the cells with the same membership as c.
        same = [j for j, d in enumerate(cells) if all(rows[r][j] == rows[r][i] for r in range(len(rows)))]
        together = [Fraction(1 if j in same else 0) for j in range(len(cells))]
        for vector in (unit, together):
            if in_span(vector):
                size = sum(counts.get(cells[j], 0) for j, x in enumerate(vector) if x)
                pinned.append(size)
    return [s for s in pinned if 0 < s < minimum]


@given(
    st.lists(st.integers(min_value=0, max_value=12), min_size=2, max_size=7),
    st.lists(st.sets(st.integers(min_value=0, max_value=6), min_size=1, max_size=7), min_size=1, max_size=8),
    st.integers(min_value=3, max_value=8),
)
def test_no_combination_of_shown_groups_pins_a_small_set(cell_counts, memberships, minimum):
    counts = dict(enumerate(cell_counts))
    groups = [Group(i, frozenset(c for c in cells if c in counts)) for i, cells in enumerate(memberships)]
    groups = [grp for grp in groups if grp.cells]
    decisions = decide(groups, counts, minimum=minimum)
    visible = [grp for grp in groups if decisions[grp.key] is Decision.SHOWN]
    assert all(size == 0 or size >= minimum for size in atoms(visible, counts))
    assert _solvable_small_sets(visible, counts, minimum) == []
    for grp in groups:
        if decisions[grp.key] is Decision.SHOWN:
            assert sum(counts[c] for c in grp.cells) >= minimum


def test_without_the_rule_the_attacker_finds_someone():
    """The attack the test above runs sees what it looks for: showing every group of five or more gives a person away."""
    counts = {"d1": 10, "d2": 7, "own": 3}
    groups = [g("adm", "d1", "d2", "own"), g("d1", "d1"), g("d2", "d2")]
    assert _solvable_small_sets(groups, counts, 5) == [3, 3]


# -- the rule for an attribute of known people (learning's figures) -----------------------------------------------


def test_split_a_group_where_all_or_none_have_is_too_few_however_large():
    groups = [Group("all", frozenset({"a"})), Group("none", frozenset({"b"}))]
    decided = decide_split(groups, {"a": (12, 0), "b": (0, 12)}, minimum=5)
    assert decided == {"all": Decision.TOO_FEW, "none": Decision.TOO_FEW}


def test_split_a_child_that_leaves_too_few_with_or_without_in_its_parent_is_protected():
    parent, child = Group("parent", frozenset({"x", "y"})), Group("child", frozenset({"x"}))
    # The parent less the child would be one with and two without.
    decided = decide_split([parent, child], {"x": (6, 6), "y": (1, 2)}, minimum=5)
    assert decided == {"parent": Decision.SHOWN, "child": Decision.PROTECTED}
    # Enough of both in what is left: both shown.
    decided = decide_split([parent, child], {"x": (6, 6), "y": (5, 7)}, minimum=5)
    assert decided == {"parent": Decision.SHOWN, "child": Decision.SHOWN}


def test_split_a_remainder_where_everyone_has_is_protected_as_it_would_tell_on_each():
    parent, child = Group("parent", frozenset({"x", "y"})), Group("child", frozenset({"x"}))
    # The parent less the child: seven people who all have it.
    decided = decide_split([parent, child], {"x": (5, 6), "y": (7, 0)}, minimum=5)
    assert decided["child"] is Decision.PROTECTED


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 9), st.integers(0, 9)), min_size=4, max_size=4),
    st.permutations(["city", "a", "b", "a1"]),
)
def test_split_no_atom_of_the_shown_groups_tells_of_fewer_than_the_minimum(counts, order):
    """Units a (with a1 below it) and b under the city; whatever their people, every atom of the groups shown holds
    none, or at least the minimum with and without."""
    cells = dict(zip(["a", "a1", "b", "c"], counts, strict=True))  # c: people of the city itself
    members = {"city": {"a", "a1", "b", "c"}, "a": {"a", "a1"}, "b": {"b"}, "a1": {"a1"}}
    groups = [Group(key, frozenset(members[key])) for key in order]
    decided = decide_split(groups, cells, minimum=5)
    shown = [g for g in groups if decided[g.key] is Decision.SHOWN]
    pieces: dict[tuple, list[int]] = {}
    for cell, (yes, no) in cells.items():
        key = tuple(sorted(g.key for g in shown if cell in g.cells))
        if key:
            piece = pieces.setdefault(key, [0, 0])
            piece[0] += yes
            piece[1] += no
    assert all(sum(p) == 0 or min(p) >= 5 for p in pieces.values())
