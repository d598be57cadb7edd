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

A person's groups are kept (``task_groups``, docs/adr/0045-tasks-kept-under-the-tables-they-read.md): each group
with the versions of the tables it read (``core.tables``), so that any write to them counts it again at once,
and for at most a minute, so that what the clock alone changes (an answer falls due, an adoption has not
moved on for 90 days) shows within a minute. A task function needs to declare nothing for it.
"""

from __future__ import annotations

import hashlib
import operator
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache as once
from typing import Any

import rules
from django.core.cache import cache
from django.utils import timezone, translation
from django.utils.functional import LazyObject

from core import tables
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


#: How long a group of tasks is kept at most: what the clock alone changes shows within this time.
KEPT_SECONDS = 60
#: What is read for the person once and then known on their row: which role they have where, and their permissions.
#: ``task_groups`` reads it afresh, after the versions of its tables, and shares it among the groups (``_fresh``).
KNOWN_FOR_PERSON = ("role_paths", "_perm_cache", "_user_perm_cache", "_group_perm_cache")
#: The tables each group has been seen to read, in this process: a group is kept once it reads no other.
_learned: dict[str, frozenset[str]] = {}


@dataclass(frozen=True)
class Kept:
    """A group of tasks as computed for one person (``person``: their row) in one minute, with the versions of
    the tables it read, as they were before it was computed."""

    person: str
    minute: int
    versions: dict[str, int]
    group: TaskGroup | None


def task_groups(user) -> list[TaskGroup]:
    """The person's groups of tasks, one per role they have.

    Each group is kept per person and language while no table it read has been written, within the minute it was
    computed in; the tables' versions are read in one round trip to the cache for all the groups.
    """
    if not user.is_authenticated:
        return []
    person = _person(user)
    minute = int(timezone.now().timestamp() // KEPT_SECONDS)
    language = translation.get_language()
    # The person as the groups see them, read afresh (their roles, permissions, unit) only after the versions below.
    source = _fresh(user, carry=False)
    readers = dict(_tasks.items())
    keys = {key: f"tasks:{key}:{user.pk}:{language}" for key in readers}
    found = cache.get_many(keys.values())
    # What each group is known to read, as it is now: another thread may learn more meanwhile.
    learned = {key: _learned.get(key, _person_tables()) for key in readers}
    current = tables.versions(_person_tables().union(*learned.values()))
    groups, keep = [], {}
    for key, read in readers.items():
        entry = found.get(keys[key])
        if (
            isinstance(entry, Kept)
            and entry.person == person
            and entry.minute == minute
            and all(current.get(table) == version for table, version in entry.versions.items())
        ):
            group = entry.group
        else:
            copy = _fresh(source)
            with tables.reading() as read_tables:
                group = read(copy)
            _carry(copy, source)
            if read_tables <= learned[key]:
                seen = read_tables | _person_tables()
                keep[keys[key]] = Kept(person, minute, {table: current[table] for table in seen}, group)
            else:  # kept from the next time, when the versions of these tables too are read before it runs
                _learned[key] = _learned.get(key, _person_tables()) | read_tables
        if group is not None:
            groups.append(group)
    if keep:
        cache.set_many(keep, KEPT_SECONDS)
    return groups


def _person(user) -> str:
    """The person's row as it is now (but when they last signed in): a change to it, a new unit or kind, counts
    their groups again."""
    values = [getattr(user, f.attname) for f in user._meta.concrete_fields if f.name != "last_login"]
    return hashlib.blake2b(repr(values).encode(), digest_size=16).hexdigest()


def _fresh(user, *, carry: bool = True):
    """The person's row without the related rows read for it before (their supplier, say), which a group then
    reads itself, so that their tables are seen among those it read. With ``carry``, what comes from the tables
    every group counts (``_person_tables``: roles, units, permissions) is carried over from ``user``, and back
    (``_carry``): ``task_groups`` reads it once, after the versions, for all the groups it computes."""
    if isinstance(user, LazyObject):  # request.user, already evaluated (the person is signed in)
        user = user._wrapped
    model = user._meta.model
    fresh = model(**{f.attname: getattr(user, f.attname) for f in model._meta.concrete_fields})
    fresh._state.adding = False
    fresh._state.db = user._state.db
    if carry:
        _carry(user, fresh)
    return fresh


def _carry(source, target) -> None:
    """What ``KNOWN_FOR_PERSON`` names, and the related rows from ``_person_tables`` (their unit), from one copy of
    the person's row to another, where it is not there yet."""
    for name in KNOWN_FOR_PERSON:
        if name in source.__dict__ and name not in target.__dict__:
            target.__dict__[name] = source.__dict__[name]
    person_tables = _person_tables()
    for name, row in source._state.fields_cache.items():
        field = source._meta.get_field(name)
        if field.related_model is not None and field.related_model._meta.db_table in person_tables:
            target._state.fields_cache.setdefault(name, row)


@once
def _person_tables() -> frozenset[str]:
    """The tables ``KNOWN_FOR_PERSON`` is read from: the roles and their units, the permissions and groups."""
    from django.contrib.auth.models import Group, Permission

    from organisation.models import RoleAssignment, Unit, User

    models = (RoleAssignment, Unit, Permission, Group.permissions.through)
    through = (User.groups.through, User.user_permissions.through)
    return frozenset(m._meta.db_table for m in (*models, *through))


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
