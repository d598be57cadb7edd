"""A version for each database table, moved on by every write to it, whatever made the write
(docs/adr/0045-tasks-kept-under-the-tables-they-read.md).

Every statement Django runs passes ``track_writes`` (put on each new connection): an ``INSERT``,
``UPDATE``, ``DELETE`` or ``TRUNCATE`` moves the version of the table it writes on once the statement
has run (so the same transaction, and a test, reads the change) and, inside a transaction, again once
it commits, once per transaction (so that what another connection read meanwhile from the rows before
cannot be kept under the final version). ``save()``, ``QuerySet.update``, ``bulk_create``, deletes and raw SQL are all
seen alike, so no writer has to say what it wrote. Writes the database makes itself (a trigger's)
are not seen: the statement that fired the trigger moves its own table.

``reading`` records the tables that code reads (each known table its statements name). What it
computed can then be kept with the versions of those tables, read *before* it ran (``versions``),
and used for as long as none of them has moved on.

A version is a number of nanoseconds since the epoch, never lower than the one before: lost with the
cache, a table gets a new one, so nothing kept under an older one is taken for current.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import cache as once

from django.apps import apps
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections

KEY = "table:version:{}"

#: The table a write statement writes: Django's own (quoted) and a raw statement's (perhaps unquoted).
WRITE = re.compile(r'\s*(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|REPLACE\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.I)
WRITE_VERBS = ("INSERT", "UPDATE", "DELETE", "REPLAC", "TRUNCA")
WORD = re.compile(r"\w+")


@once
def known_tables() -> frozenset[str]:
    """Every model's table, the many-to-many tables Django makes included."""
    return frozenset(model._meta.db_table for model in apps.get_models(include_auto_created=True))


def written(sql: str) -> frozenset[str]:
    """The tables ``sql`` writes: none for a statement that only reads."""
    head = sql.lstrip()[:6].upper()
    if head not in WRITE_VERBS:
        return frozenset()
    if head == "TRUNCA":
        return frozenset(WORD.findall(sql)) & known_tables()
    match = WRITE.match(sql)
    return frozenset((match.group(1),)) if match else frozenset()


# --- the versions -----------------------------------------------------------------------------------


def _key(table: str) -> str:
    return KEY.format(table)


def versions(tables: Iterable[str]) -> dict[str, int]:
    """The current version of each table (one round trip to the cache, two when one has none yet)."""
    keys = {_key(table): table for table in tables}
    found = cache.get_many(keys)
    missing = [key for key in keys if key not in found]
    if missing:
        now = time.time_ns()
        for key in missing:
            cache.add(key, now, None)
        found.update(cache.get_many(missing))
    # A cache that keeps nothing (or has just let the key go) gives nothing back: a version nothing was kept under.
    return {table: int(found.get(key) or time.time_ns()) for key, table in keys.items()}


def moved(tables: Iterable[str]) -> None:
    """Move the tables' versions on (each past the clock, and past the version it had)."""
    keys = [_key(table) for table in tables]
    if not keys:
        return
    before = cache.get_many(keys)
    now = time.time_ns()
    cache.set_many({key: max(now, int(before.get(key) or 0) + 1) for key in keys}, None)


def everything_written(sender=None, **kwargs) -> None:
    """Anything may have been written past Django (a migration, a restore): every table's version moves on."""
    moved(known_tables())


class _Committed:
    """The tables one transaction has written, moved on once more when it commits."""

    def __init__(self) -> None:
        self.tables: set[str] = set()

    def __call__(self) -> None:
        moved(self.tables)


def track_writes(execute, sql, params, many, context):
    """An ``execute_wrapper`` on every connection: a statement that writes moves its table's version on."""
    result = execute(sql, params, many, context)
    tables = written(sql)
    if tables:
        moved(tables)
        connection = context["connection"]
        if connection.in_atomic_block:
            committed = next((f for _ids, f, _robust in connection.run_on_commit if isinstance(f, _Committed)), None)
            if committed is None:
                committed = _Committed()
                connection.on_commit(committed)
            committed.tables |= tables
    return result


def watch_connection(sender, connection, **kwargs) -> None:
    """On each new database connection (``connection_created``): its writes move the tables' versions on."""
    # First in the list: a connection opened inside ``execute_wrapper`` (Django's first query in a thread) must
    # not have this taken off as the block ends (it takes the last one off).
    if track_writes not in connection.execute_wrappers:
        connection.execute_wrappers.insert(0, track_writes)


@contextmanager
def reading(using: str = DEFAULT_DB_ALIAS) -> Iterator[set[str]]:
    """The known tables the statements run inside the block name, gathered into the set it gives."""
    seen: set[str] = set()
    tables = known_tables()

    def record(execute, sql, params, many, context):
        seen.update(tables.intersection(WORD.findall(sql)))
        return execute(sql, params, many, context)

    with connections[using].execute_wrapper(record):
        yield seen
