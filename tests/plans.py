"""Which index a query reads, in SQLite's plan (PostgreSQL chooses by its statistics, which a test's few rows do not
resemble)."""

from __future__ import annotations

import pytest
from django.db import connection

#: A test that reads SQLite's plan.
sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite's plan; PostgreSQL chooses by its statistics"
)


def sqlite_plan(sql: str) -> str:
    """SQLite's plan of ``sql`` (``EXPLAIN QUERY PLAN``), its steps on one line."""
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql)
        return " ".join(str(row[-1]) for row in cursor.fetchall())
