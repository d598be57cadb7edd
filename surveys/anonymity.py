"""Which groups' survey results may be shown, so that nobody's answers can be worked out.

The rule. Every figure shown is a statistic of a *group* of answers (the city, a kind of organisation, a unit and the
units below it, over every version of the questionnaire or one of them): a mean, a count per score, the free texts.
Someone who sees several groups can combine them: a parent minus its shown children, one filter minus an overlapping
one, the answers to every version minus those to one version. What they can work out is exactly what is the same for
every answer that belongs to the same shown groups, that is, a statistic of an *atom*: the answers that are in the
same shown groups and outside the same others (a parent minus its shown children is an atom, so is the overlap of two
filters). Any combination of shown figures is a combination of atoms' figures, and nothing finer.

So a group is shown only when it has at least ``minimum`` answers and, with it, every atom of the shown groups still
holds none or at least ``minimum`` answers. Groups are offered in order (the city, then the kinds of organisation,
then units from the top down, then single versions), and a group that would split an atom too small is not shown: it
protects a smaller group (``Decision.PROTECTED``). Because the atoms only ever split, a group shown early is never
put at risk by a later one: the later one is refused instead.

This is stricter than complementary suppression for counts (``core.disclosure``), which protects counts of ideas
that are themselves published; here the counts of answers are not the secret, the answers are, and a small group's
answers are given away by a subtraction even when its size is public.

The module knows nothing of surveys' models: ``surveys.results.compute`` builds the groups from a round's answers and
the employee survey's import from the units' results.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.conf import settings

Cell = Hashable

#: No threshold is ever below this, whatever the settings say: a group of two who see its mean know each other's score.
LOWEST = 3


def min_answers() -> int:
    """How many answers a group needs to be shown: ``SPRANG_SURVEY_MIN_ANSWERS``, never below ``LOWEST`` (the system
    check ``surveys.E001`` refuses a lower setting, and this holds where the check is not run)."""
    return max(int(settings.SPRANG_SURVEY_MIN_ANSWERS), LOWEST)


def min_detail() -> int:
    """How many answers a group needs for its distribution and free texts: ``SPRANG_SURVEY_MIN_DETAIL``, never below
    ``min_answers()`` (``surveys.E002``)."""
    return max(int(settings.SPRANG_SURVEY_MIN_DETAIL), min_answers())


class Decision(enum.StrEnum):
    SHOWN = "shown"
    TOO_FEW = "too_few"
    PROTECTED = "protected"


@dataclass(frozen=True)
class Group:
    """A group of answers: the finest cells it is made of (each cell is in a group entirely or not at all)."""

    key: Hashable
    cells: frozenset[Cell]


def decide(groups: Sequence[Group], counts: Mapping[Cell, int], *, minimum: int) -> dict[Hashable, Decision]:
    """Decide, in order, which groups may be shown: each has ``minimum`` answers or more, and every atom of the shown
    groups holds none or ``minimum`` or more (see the module's docstring). ``decide_split`` with one count a cell."""
    return decide_split(groups, {cell: (n,) for cell, n in counts.items()}, minimum=minimum)


def atoms(groups: Iterable[Group], counts: Mapping[Cell, int]) -> list[int]:
    """The sizes of the atoms of ``groups`` (the answers in exactly the same groups), for tests and checks."""
    membership: dict[Cell, list[Hashable]] = defaultdict(list)
    for group in groups:
        for c in group.cells:
            membership[c].append(group.key)
    sizes: dict[tuple, int] = defaultdict(int)
    for c, keys in membership.items():
        sizes[tuple(sorted(map(repr, keys)))] += counts.get(c, 0)
    return list(sizes.values())


def decide_split(
    groups: Sequence[Group], counts: Mapping[Cell, Sequence[int]], *, minimum: int
) -> dict[Hashable, Decision]:
    """The rule with each cell's count split by the value of what is secret: one count for a survey's answers
    (``decide``); with and without an attribute where what is secret is which of a cell's known people have it
    (completed a course, had a talk on innovation).

    A figure of a group then tells how many of its people have each value, and so does any atom's: so a group is shown
    only when it holds at least ``minimum`` people of every value and, with it, every atom of the shown groups that
    holds anyone holds at least ``minimum`` of every value. An atom of people who all share one value would give each
    of them away (a share of 0 or 100 per cent, or a parent's figure less its children's that leaves only people who
    did), however many they are."""
    if minimum < 1:
        raise ValueError("minimum must be at least 1")
    width = max((len(v) for v in counts.values()), default=0)

    def add(a: list[int], b: Sequence[int]) -> None:
        for i, n in enumerate(b):
            a[i] += n

    def unsafe(piece: Sequence[int]) -> bool:
        return sum(piece) > 0 and any(n < minimum for n in piece)

    atom_of: dict[Cell, int] = {}
    atom_size: dict[int, list[int]] = {}
    atom_cells: dict[int, set[Cell]] = {}
    next_atom = 0
    decisions: dict[Hashable, Decision] = {}
    for group in groups:
        total = [0] * width
        inside: dict[int | None, list[int]] = defaultdict(lambda: [0] * width)
        touched: dict[int | None, list[Cell]] = defaultdict(list)
        for c in group.cells:
            value = counts.get(c, ())
            add(total, value)
            atom = atom_of.get(c)
            add(inside[atom], value)
            touched[atom].append(c)
        if sum(total) == 0 or any(n < minimum for n in total):
            decisions[group.key] = Decision.TOO_FEW
            continue
        safe = True
        for atom, piece in inside.items():
            rest = [] if atom is None else [s - n for s, n in zip(atom_size[atom], piece, strict=True)]
            if unsafe(piece) or unsafe(rest):
                safe = False
                break
        if not safe:
            decisions[group.key] = Decision.PROTECTED
            continue
        decisions[group.key] = Decision.SHOWN
        for atom, cells in touched.items():
            if atom is not None and len(cells) == len(atom_cells[atom]):
                continue  # the whole atom is inside the group: it does not split
            new = next_atom
            next_atom += 1
            atom_cells[new] = set(cells)
            atom_size[new] = list(inside[atom])
            for c in cells:
                atom_of[c] = new
            if atom is not None:
                atom_cells[atom].difference_update(cells)
                atom_size[atom] = [s - n for s, n in zip(atom_size[atom], inside[atom], strict=True)]
    return decisions
