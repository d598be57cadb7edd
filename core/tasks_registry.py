"""Where each app declares what waits for a signed-in person (their tasks on the start page and their menu
entries) and the links it puts in the main menu.

An app writes a ``todo.py`` with functions decorated ``@tasks("key")`` and ``@menu("key", shown_if=...)``,
and calls ``link("key", label=..., url_name=..., permission=...)`` for each of its pages the menu leads to.
A task function takes the person and returns a ``TaskGroup`` (a heading, a few lines each with a
count and a link, and what to say when there is nothing), or ``None`` when the person does not
have that role. A menu entry is on every page, so who sees it is asked in the page header's one
query: ``shown_if`` gives an expression over the person's row (``OuterRef("pk")``), and the entry's
function (returning a ``MenuEntry``) runs only for those it is true for. ``core`` finds the modules
itself (``autodiscover_modules``), as Django's admin finds ``admin.py``: it imports no domain app.

Each function runs a fixed number of queries (most one), whatever how much waits: the start page
and every page's menu call them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from django.utils.module_loading import autodiscover_modules


@dataclass(frozen=True)
class TaskLine:
    """One thing to do: ``text`` already says the count in words (``3 applications to score``)."""

    text: str
    url: str
    count: int


@dataclass(frozen=True)
class TaskGroup:
    heading: str
    lines: list[TaskLine] = field(default_factory=list)
    empty: str = ""  # said plainly when there are no lines


@dataclass(frozen=True)
class MenuEntry:
    label: str
    url: str
    count: int = 0
    count_label: str = ""  # what the count is, for screen readers (``left to score``)


@dataclass(frozen=True)
class Link:
    """A page the main menu leads to: for everyone, or for signed-in people with ``permission``."""

    key: str
    label: Any  # a lazy translation
    url_name: str
    permission: str | None
    position: int


TaskReader = Callable[[Any], TaskGroup | None]
MenuReader = Callable[[Any], MenuEntry]
Condition = Callable[[Any], Any]  # the person → an expression over their row

_tasks: dict[str, tuple[int, TaskReader]] = {}
_menu: dict[str, tuple[int, MenuReader]] = {}
_menu_conditions: dict[str, Condition] = {}
_links: dict[str, Link] = {}
_discovered = False


def _register(registry: dict, key: str, position: int, kind: str) -> Callable:
    def register(read):
        if key in registry and registry[key][1] is not read:
            raise ValueError(f"Two {kind} are called {key!r}.")
        registry[key] = (position, read)
        return read

    return register


def tasks(key: str, *, position: int = 50) -> Callable[[TaskReader], TaskReader]:
    """Declare a group of tasks on the start page; groups come in ``position`` order, then as declared."""
    return _register(_tasks, key, position, "groups of tasks")


def menu(key: str, *, shown_if: Condition, position: int = 50) -> Callable[[MenuReader], MenuReader]:
    """Declare an entry at the end of the main menu, for those ``shown_if`` is true for."""
    _menu_conditions[key] = shown_if
    return _register(_menu, key, position, "menu entries")


def link(key: str, *, label: Any, url_name: str, permission: str | None = None, position: int = 50) -> None:
    """Declare a link in the main menu, after *Start* and before the entries of ``menu``, in ``position`` order."""
    declared = Link(key=key, label=label, url_name=url_name, permission=permission, position=position)
    if key in _links and _links[key] != declared:
        raise ValueError(f"Two menu links are called {key!r}.")
    _links[key] = declared


def _discover() -> None:
    global _discovered
    if not _discovered:
        autodiscover_modules("todo")
        _discovered = True


def _ordered(registry: dict) -> list:
    _discover()
    order = list(registry)
    return [read for key, (_p, read) in sorted(registry.items(), key=lambda kv: (kv[1][0], order.index(kv[0])))]


def task_groups(user) -> list[TaskGroup]:
    """The person's groups of tasks, one per role they have."""
    if not user.is_authenticated:
        return []
    return [group for read in _ordered(_tasks) if (group := read(user)) is not None]


def menu_conditions(user) -> dict[str, Any]:
    """``menu_<key>`` → the expression saying whether the person sees that entry, to annotate their row with."""
    _discover()
    return {f"menu_{key}": condition(user) for key, condition in _menu_conditions.items()}


def menu_entries(user, shown: dict[str, Any]) -> list[MenuEntry]:
    """The entries whose ``menu_<key>`` is true in ``shown`` (the person's row, annotated with ``menu_conditions``)."""
    if not user.is_authenticated:
        return []
    keys = {read: key for key, (_p, read) in _menu.items()}
    return [read(user) for read in _ordered(_menu) if shown.get(f"menu_{keys[read]}")]


def menu_links(user) -> list[MenuEntry]:
    """The declared links the person sees: those without a permission for everyone, the others when signed in."""
    _discover()
    order = list(_links)
    shown = sorted(_links.values(), key=lambda ln: (ln.position, order.index(ln.key)))
    signed_in = user is not None and user.is_authenticated
    return [
        MenuEntry(label=ln.label, url=reverse(ln.url_name))
        for ln in shown
        if ln.permission is None or (signed_in and user.has_perm(ln.permission))
    ]
