"""Where each app declares what waits for a signed-in person (their tasks on the start page and their menu
entries) and the links it puts in the main menu.

An app writes a ``todo.py`` with functions decorated ``@tasks("key")`` and ``@menu("key", shown_if=...)``,
and calls ``link("key", label=..., url_name=..., permission=...)`` for each of its pages the menu leads to.
A task function takes the person and returns a ``TaskGroup`` (a heading, a few lines each with a
count and a link, and what to say when there is nothing), or ``None`` when the person does not
have that role. A menu entry is on every page, so who sees it is asked in the page header's one
query: ``shown_if`` gives an expression over the person's row (``OuterRef("pk")``), the same for everyone
(the statement is written once per process), and the entry's
function (returning a ``MenuEntry``) runs only for those it is true for. ``core`` finds the modules
itself (``autodiscover_modules``), as Django's admin finds ``admin.py``: it imports no domain app.

Each function runs a fixed number of queries (most one), whatever how much waits: the start page
and every page's menu call them.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import rules

from core.links import address
from core.registry import Registry


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
    """A page the main menu leads to: for everyone, or for signed-in people with ``permission`` (and, with
    ``signed_out``, for visitors who have not signed in as well)."""

    key: str
    label: Any  # a lazy translation
    url_name: str
    permission: str | None
    position: int
    signed_out: bool = False


TaskReader = Callable[[Any], TaskGroup | None]
MenuReader = Callable[[Any], MenuEntry]
Condition = Callable[[], Any]  # an expression over the person's row, the same for everyone

_tasks: Registry[TaskReader] = Registry("todo", "groups of tasks")
_menu: Registry[tuple[MenuReader, Condition]] = Registry("todo", "menu entries", same=lambda a, b: a[0] is b[0])
_links: Registry[Link] = Registry("todo", "menu links", same=operator.eq)


def tasks(key: str, *, position: int = 50) -> Callable[[TaskReader], TaskReader]:
    """Declare a group of tasks on the start page; groups come in ``position`` order, then as declared."""

    def register(read: TaskReader) -> TaskReader:
        _tasks.declare(key, read, position)
        return read

    return register


def menu(key: str, *, shown_if: Condition, position: int = 50) -> Callable[[MenuReader], MenuReader]:
    """Declare an entry at the end of the main menu, for those ``shown_if`` is true for."""

    def register(read: MenuReader) -> MenuReader:
        _menu.declare(key, (read, shown_if), position)
        return read

    return register


def link(
    key: str,
    *,
    label: Any,
    url_name: str,
    permission: str | None = None,
    position: int = 50,
    signed_out: bool = False,
) -> None:
    """Declare a link in the main menu, after *Start* and before the entries of ``menu``, in ``position`` order.

    A link with a ``permission`` is shown to those signed in who hold it, and with ``signed_out`` also to visitors
    who have not signed in (a page for some people that anyone may find before having an account)."""
    _links.declare(
        key,
        Link(key=key, label=label, url_name=url_name, permission=permission, position=position, signed_out=signed_out),
        position,
    )


def task_groups(user) -> list[TaskGroup]:
    """The person's groups of tasks, one per role they have."""
    if not user.is_authenticated:
        return []
    return [group for read in _tasks.values() if (group := read(user)) is not None]


def menu_conditions() -> dict[str, Any]:
    """``menu_<key>`` → the expression saying whether the person sees that entry, to annotate their row with."""
    return {f"menu_{key}": condition() for key, (_read, condition) in _menu.items()}


def menu_entries(user, shown: dict[str, Any]) -> list[MenuEntry]:
    """The entries whose ``menu_<key>`` is true in ``shown`` (the person's row, annotated with ``menu_conditions``)."""
    if not user.is_authenticated:
        return []
    return [read(user) for key, (read, _condition) in _menu.items() if shown.get(f"menu_{key}")]


def menu_links(user) -> list[MenuEntry]:
    """The declared links the person sees: those without a permission for everyone, the others when signed in.

    A partner outside the city (invited into a network) reaches none of the pages everyone else may open, so
    they see only the links whose permission they hold."""
    from organisation.models import PersonKind

    signed_in = user is not None and user.is_authenticated
    partner = signed_in and user.kind == PersonKind.PARTNER
    return [
        MenuEntry(label=ln.label, url=address(ln.url_name))
        for ln in _links.values()
        if (ln.permission is None and not partner)
        or (signed_in and ln.permission and _may(user, ln.permission))
        or (not signed_in and ln.signed_out)
    ]


def _may(user, permission: str) -> bool:
    """``user.has_perm``, asking a declared rule directly: a rule that says no does not fall through to the model
    backend, which reads the person's group and own permissions (two queries on every page) only to say no too."""
    if user.is_active and user.is_superuser:
        return True
    return rules.has_perm(permission, user) if rules.perm_exists(permission) else user.has_perm(permission)
