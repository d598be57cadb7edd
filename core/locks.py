"""A named lock held by one process at a time across every app server, for slow work done once.

On PostgreSQL it is a session advisory lock (``pg_try_advisory_lock``), so it holds across
app servers sharing the database and goes with the connection if a worker dies. On SQLite
(one machine) it is an exclusive ``flock`` on a file beside the database. Both are polled
until ``wait_seconds`` have passed, then ``LockBusy`` is raised: no caller waits forever.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

from django.db import connection

POLL_SECONDS = 0.2


class LockBusy(Exception):
    """Someone else held the lock for longer than the caller would wait."""


def _key(name: str) -> int:
    """A stable signed 64-bit key for PostgreSQL's advisory locks."""
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)


def _lock_dir() -> Path:
    database = str(connection.settings_dict.get("NAME") or "")
    if database and "memory" not in database and os.path.isabs(database):
        return Path(database).parent
    return Path(tempfile.gettempdir())


@contextmanager
def _postgresql(name: str, wait_seconds: float) -> Iterator[None]:
    key = _key(name)
    deadline = time.monotonic() + wait_seconds
    with connection.cursor() as cursor:
        while True:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
            if cursor.fetchone()[0]:
                break
            if time.monotonic() >= deadline:
                raise LockBusy(name)
            time.sleep(POLL_SECONDS)
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [key])


@contextmanager
def _file(name: str, wait_seconds: float) -> Iterator[None]:
    path = _lock_dir() / f".sprang-lock-{hashlib.sha256(name.encode()).hexdigest()[:16]}"
    deadline = time.monotonic() + wait_seconds
    with open(path, "a+b") as handle:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise LockBusy(name) from None
                time.sleep(POLL_SECONDS)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def exclusive(name: str, *, wait_seconds: float) -> AbstractContextManager[None]:
    """Hold the lock ``name`` for the ``with`` block, waiting at most ``wait_seconds`` for it."""
    if connection.vendor == "postgresql":
        return _postgresql(name, wait_seconds)
    return _file(name, wait_seconds)
