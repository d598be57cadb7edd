"""Reads of adoptions: a person's list of adoptions, one adoption with its steps, and an example's spread.

Every read here asks a fixed number of queries whatever the number of adoptions: the spread view of an example
with hundreds of adopters reads its adoptions once, the tree paths above them once, and its steps once.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from organisation.models import ORGANISATION_KINDS, Role, Unit
from spread.adoptions.rules import led_paths
from spread.adoptions.states import RUNNING
from spread.models import Adoption, AdoptionState, AdoptionStep, Example

#: The list's scopes: the adoptions of the units the person leads, those of their units' examples, or all.
SCOPES = (
    ("ours", _("Adopted by our units")),
    ("of_ours", _("Of our examples")),
    ("all", _("All adoptions in the city")),
)
SORTS = {
    "newest": ("-start_date", "-pk"),
    "oldest": ("start_date", "pk"),
    "changed": ("-state_changed_at", "-pk"),
    "example": ("example__title", "pk"),
    "unit": ("unit__name", "pk"),
}
SORT_LABELS = (
    ("newest", _("Newest start first")),
    ("oldest", _("Oldest start first")),
    ("changed", _("Latest step first")),
    ("example", _("Example, A–Ö")),
    ("unit", _("Adopting unit, A–Ö")),
)


def _under(paths: list[str], prefix: str) -> Q:
    q = Q(pk__in=[])
    for path in paths:
        q |= Q(**{f"{prefix}path__startswith": path})
    return q


def adoption_list(*, user, scope: str = "ours", state: str = "", q: str = "", sort: str = "newest") -> QuerySet:
    """The adoptions a person's list shows, with what each row draws, in the order asked for."""
    qs = Adoption.objects.select_related("example", "example__unit", "unit")
    paths = led_paths(user)
    if scope == "ours":
        qs = qs.filter(_under(paths, "unit__"))
    elif scope == "of_ours":
        qs = qs.filter(_under(paths, "example__unit__") | Q(example__owner=user))
    if state in AdoptionState.values:
        qs = qs.filter(state=state)
    elif state == "running":
        qs = qs.filter(state__in=RUNNING)
    if q:
        qs = qs.filter(Q(example__title__icontains=q) | Q(unit__name__icontains=q))
    return qs.order_by(*SORTS.get(sort, SORTS["newest"]))


def adoption_detail(pk: int) -> Adoption:
    return (
        Adoption.objects.select_related("example", "example__unit", "example__owner", "unit", "started_by", "from_idea")
        .prefetch_related("steps__by")
        .get(pk=pk)
    )


def units_led(user) -> QuerySet:
    """The units a person may adopt for: those they lead and every unit below them."""
    return Unit.objects.filter(_under(led_paths(user), "")).order_by("path")


def adoptable_units(user, example: Example) -> list[Unit]:
    """The units a person leads that may adopt ``example`` (not within its unit's line of the tree)."""
    units = list(units_led(user))
    if example.unit is None:
        return units
    origin = example.unit.path
    return [u for u in units if not (u.path.startswith(origin) or origin.startswith(u.path))]


@dataclass
class TreeNode:
    unit: Unit
    adoptions: list[Adoption] = field(default_factory=list)
    children: list[TreeNode] = field(default_factory=list)
    total: int = 0


@dataclass
class TreeRow:
    """A unit of the spread's tree in document order: whether a list of its children opens after it, and how many
    lists close after it (the tree drawn in one loop, not one template include per unit)."""

    node: TreeNode
    opens: bool
    html: SafeString
    closes: list[int] = field(default_factory=list)


class _TreeWriter:
    """Writes the tree's units out directly (hundreds of them on a page): each label, count and date is translated
    and formatted once per page, not once per unit."""

    def __init__(self) -> None:
        self.prefix = reverse("spread:adoptions")
        self.states = {state.value: escape(str(state.label)) for state in AdoptionState}
        self.since = gettext("from %(date)s")
        self.dates: dict[Any, str] = {}
        self.counts: dict[int, str] = {}

    def _date(self, day) -> str:
        if day not in self.dates:
            self.dates[day] = escape(self.since % {"date": date_format(day, "SHORT_DATE_FORMAT")})
        return self.dates[day]

    def _count(self, n: int) -> str:
        if n not in self.counts:
            self.counts[n] = escape(ngettext("%(n)d adoption", "%(n)d adoptions", n) % {"n": n})
        return self.counts[n]

    def unit(self, node: TreeNode) -> SafeString:
        parts = ['<span class="sprang-tree__unit">', escape(node.unit.name), "</span>"]
        if node.total:
            parts += [' <span class="govuk-body-s">(', self._count(node.total), ")</span>"]
        if node.adoptions:
            parts.append('<ul class="govuk-list govuk-body-s">')
            for a in node.adoptions:
                parts += [
                    f'<li><a class="govuk-link" href="{self.prefix}{a.pk}/">',
                    self.states.get(a.state, escape(a.state)),
                    "</a>, ",
                    self._date(a.start_date),
                    "</li>",
                ]
            parts.append("</ul>")
        return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def tree_rows(roots: list[TreeNode]) -> list[TreeRow]:
    rows: list[TreeRow] = []
    writer = _TreeWriter()

    def walk(node: TreeNode) -> TreeRow:
        row = TreeRow(node=node, opens=bool(node.children), html=writer.unit(node))
        rows.append(row)
        last = row
        for child in node.children:
            last = walk(child)
        if node.children:
            last.closes.append(1)
        return last

    for root in roots:
        walk(root)
    return rows


def tree_html(rows: list[TreeRow]) -> SafeString:
    """The rows as nested lists: each unit's children in a list of their own after it."""
    out: list[str] = []
    for row in rows:
        out += [
            "<li>",
            row.html,
            "\n",
            '<ul class="sprang-tree">' if row.opens else "</li>",
            "</ul></li>" * len(row.closes),
        ]
    return mark_safe("".join(out))  # noqa: S308 - each row is escaped by _TreeWriter


@dataclass
class Spread:
    """An example's spread: its adopters on the organisation tree, counts per organisation, and the steps' timeline."""

    adoptions: list[Adoption]
    roots: list[TreeNode]
    rows: list[TreeRow]
    by_state: list[tuple[str, Any, int]]
    by_organisation: list[tuple[Unit, int, int]]  # (administration or company, running, in use)
    timeline: list[AdoptionStep]
    timeline_more: int

    @property
    def tree_html(self) -> SafeString:
        return tree_html(self.rows)


#: How many of the latest steps the spread view's timeline shows.
TIMELINE_SIZE = 50


def example_spread(example: Example) -> Spread:
    """Read an example's spread in four queries: adoptions, the units above them, the latest steps, their count."""
    adoptions = list(
        Adoption.objects.filter(example=example).select_related("unit").order_by("unit__path", "-start_date", "-pk")
    )
    paths: set[str] = set()
    for a in adoptions:
        paths.update(a.unit.path_prefixes())
    units = {u.path: u for u in Unit.objects.filter(path__in=paths).only("pk", "path", "name", "kind", "depth")}
    nodes: dict[str, TreeNode] = {path: TreeNode(unit=u) for path, u in units.items()}
    for a in adoptions:
        nodes[a.unit.path].adoptions.append(a)
        if a.state in RUNNING:
            for prefix in a.unit.path_prefixes():
                if prefix in nodes:
                    nodes[prefix].total += 1
    roots: list[TreeNode] = []
    for path in sorted(nodes):
        node = nodes[path]
        parent = nodes.get(path[: -Unit.steplen])
        (parent.children if parent is not None else roots).append(node)
    # Counts per administration and company: the nearest organisation above each adopting unit (or the unit).
    running: Counter[str] = Counter()
    in_use: Counter[str] = Counter()
    organisations: dict[str, Unit] = {}
    for a in adoptions:
        prefixes = a.unit.path_prefixes()
        orgs = [units[p] for p in prefixes if p in units and units[p].kind in ORGANISATION_KINDS]
        org = orgs[-1] if orgs else a.unit
        organisations[org.path] = org
        if a.state in RUNNING:
            running[org.path] += 1
        if a.state == AdoptionState.IN_USE:
            in_use[org.path] += 1
    by_organisation = sorted(
        ((organisations[p], running[p], in_use[p]) for p in organisations),
        key=lambda row: (-row[1], row[0].name),
    )
    counted = Counter(a.state for a in adoptions)
    by_state = [(s.value, s.label, counted.get(s.value, 0)) for s in AdoptionState]
    steps = AdoptionStep.objects.filter(adoption__example=example)
    timeline = list(steps.select_related("adoption__unit", "by").order_by("-on", "-pk")[:TIMELINE_SIZE])
    total_steps = steps.count() if len(timeline) == TIMELINE_SIZE else len(timeline)
    return Spread(
        adoptions=adoptions,
        roots=roots,
        rows=tree_rows(roots),
        by_state=by_state,
        by_organisation=by_organisation,
        timeline=timeline,
        timeline_more=max(total_steps - TIMELINE_SIZE, 0),
    )


def examples_to_choose(q: str, *, limit: int = 20) -> list[Example]:
    """Published examples whose title or text matches ``q`` (for starting an adoption from an idea)."""
    qs = Example.objects.filter(status="published").select_related("unit")
    for word in q.split()[:6]:
        qs = qs.filter(Q(title__icontains=word) | Q(problem__icontains=word) | Q(what_was_done__icontains=word))
    return list(qs.order_by("-adoption_count", "-pk")[:limit])


def new_adoptions_for(user, since) -> QuerySet:
    """Adoptions started since ``since`` of the examples the person owns or whose unit's office they are."""
    office = user.role_paths.get(Role.OFFICE, []) if user.is_authenticated else []
    return Adoption.objects.filter((_under(office, "example__unit__") | Q(example__owner=user)), created_at__gte=since)
