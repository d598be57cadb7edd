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

A version is a number never given before (the clock in nanoseconds with 64 random bits), compared only
for equality: a move needs no read, and two servers moving the same table at once, or a clock that
is behind, cannot give a version something is already kept under. Lost with the cache, a table gets
a new one. Only the models' tables are followed: a cache kept in the database (``dbcache://``) writes
its own table, which is not one of them.

If the cache cannot be reached, a write still succeeds (the error is logged): what was kept then may
be used until it expires, at most a minute for the start page's tasks.
"""

from __future__ import annotations

import logging
import re
import secrets
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import cache as once
from functools import partial

from django.apps import apps
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections, transaction

logger = logging.getLogger(__name__)

KEY = "table:version:{}"

#: The table a write statement writes: Django's own (quoted) and a raw statement's (perhaps unquoted, perhaps with
#: its schema).
WRITE = re.compile(
    r"(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|REPLACE\s+INTO|MERGE\s+INTO|UPDATE(?:\s+OR\s+\w+)?(?:\s+ONLY)?"
    r'|DELETE\s+FROM(?:\s+ONLY)?)\s+(?:"?\w+"?\.)?"?(\w+)"?',
    re.I,
)
WRITE_VERBS = ("INSERT", "UPDATE", "DELETE", "REPLAC", "TRUNCA", "MERGE ")
#: Statements that may write further on: a common table expression, a leading comment.
MAYBE = ("WITH", "/*", "--")
WORD = re.compile(r"\w+")


@once
def known_tables() -> frozenset[str]:
    """Every model's table, the many-to-many tables Django makes included."""
    return frozenset(model._meta.db_table for model in apps.get_models(include_auto_created=True))


def written(sql: str) -> frozenset[str]:
    """The models' tables ``sql`` writes: none for a statement that only reads.

    ``TRUNCATE ... CASCADE`` also empties the tables that refer to those it names: only those named are seen.
    """
    stripped = sql.lstrip()
    head = stripped[:6].upper()
    if head == "TRUNCA":
        return frozenset(WORD.findall(sql)) & known_tables()
    if head in WRITE_VERBS:
        match = WRITE.match(stripped)
        return frozenset((match.group(1),)) & known_tables() if match else frozenset()
    if head.startswith(MAYBE):
        return frozenset(match.group(1) for match in WRITE.finditer(sql)) & known_tables()
    return frozenset()


# --- the versions -----------------------------------------------------------------------------------


def _key(table: str) -> str:
    return KEY.format(table)


def _new() -> int:
    return (time.time_ns() << 64) | secrets.randbits(64)


def versions(tables: Iterable[str]) -> dict[str, int]:
    """The current version of each table: one round trip to the cache, and one more for each that has none yet."""
    keys = {_key(table): table for table in tables}
    found = cache.get_many(keys)
    missing = [key for key in keys if key not in found]
    if missing:
        for key in missing:
            cache.add(key, _new(), None)
        found.update(cache.get_many(missing))
    # A cache that keeps nothing (or has just let the key go) gives nothing back: a version nothing was kept under.
    return {table: int(found.get(key) or _new()) for key, table in keys.items()}


def moved(tables: Iterable[str]) -> None:
    """Give the tables new versions (one round trip to the cache)."""
    new = {_key(table): _new() for table in tables}
    if new:
        cache.set_many(new, None)


def _moved_or_logged(tables: Iterable[str]) -> None:
    """``moved``, but a cache that cannot be reached does not fail the write that was made."""
    try:
        moved(tables)
    except Exception:
        logger.exception("Could not move the versions of %s: what was kept may be used until it expires.", tables)


def everything_written(sender=None, using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    """Anything may have been written past Django (a migration, a restore): every table's version moves on, now
    and, inside a transaction, again when it commits."""
    moved(known_tables())
    if transaction.get_connection(using).in_atomic_block:
        transaction.on_commit(partial(_moved_or_logged, known_tables()), using=using, robust=True)


class _Committed:
    """The tables one transaction has written, moved on once more when it commits."""

    def __init__(self) -> None:
        self.tables: set[str] = set()

    def __call__(self) -> None:
        _moved_or_logged(self.tables)


def track_writes(execute, sql, params, many, context):
    """An ``execute_wrapper`` on every connection: a statement that writes moves its table's version on."""
    result = execute(sql, params, many, context)
    tables = written(sql)
    if tables:
        _moved_or_logged(tables)
        connection = context["connection"]
        if connection.in_atomic_block:
            committed = next((f for _ids, f, _robust in connection.run_on_commit if isinstance(f, _Committed)), None)
            if committed is None:
                committed = _Committed()
                # Robust: it never stops the callbacks after it. One before it that fails (Django stops at the first
                # that raises) leaves the tables as they moved with each write: what is kept expires within a minute.
                connection.on_commit(committed, robust=True)
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
