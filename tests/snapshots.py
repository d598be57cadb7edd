"""Test data built once through the services and put back cheaply in every later test.

Building the unit tree and the base people through the services takes most of a short test's time, and every test
builds the same rows. The first test to need them builds them through the services as before; the rows that building
added are remembered, and later tests insert the same rows with the same primary keys, one prepared statement per table.

A snapshot is only valid for the database state it was taken in: the rows it adds refer to content types and may
refer to any row that existed before. So it is kept under a fingerprint of that state (each table's row count and
highest primary key, one query); a test that starts from another state (after a ``transaction=True`` test has
flushed the database, say) builds through the services again and remembers that state's snapshot too. A builder
that changes or deletes rows that existed before is never snapshotted; it simply runs every time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone


def _models() -> list[type[models.Model]]:
    return [m for m in apps.get_models(include_auto_created=True) if m._meta.managed and not m._meta.proxy]


def _fingerprint() -> tuple:
    quote = connection.ops.quote_name
    parts = []
    for model in _models():
        table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
        parts.append(f"(SELECT COUNT(*) FROM {table})")  # noqa: S608 - names from the models, quoted
        if isinstance(model._meta.pk, models.IntegerField):  # PostgreSQL has no MAX of a UUID (the task results')
            parts.append(f"(SELECT MAX({pk}) FROM {table})")  # noqa: S608 - names from the models, quoted
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts))
        return tuple(cursor.fetchone())


def _rows() -> dict[type[models.Model], dict[Any, tuple]]:
    """Every row of every table, as {model: {pk: values}}."""
    rows = {}
    for model in _models():
        names = [f.attname for f in model._meta.concrete_fields]
        rows[model] = {
            values[names.index(model._meta.pk.attname)]: values for values in model._base_manager.values_list(*names)
        }
    return rows


def _stamped_now(field: models.Field) -> bool:
    """A field the database would fill with the time of building (so a put-back row gets the time of putting)."""
    return isinstance(field, models.DateTimeField) and (
        field.auto_now or field.auto_now_add or field.default is timezone.now
    )


@dataclass
class _Table:
    """The rows a builder added to one table, as the statement and parameters that insert them again."""

    model: type[models.Model]
    sql: str
    rows: list[list[Any]]
    stamped: list[tuple[int, models.Field]]  # the columns that get the time of putting back

    @classmethod
    def of(cls, model: type[models.Model], objs: list[models.Model]) -> _Table:
        fields = model._meta.local_concrete_fields
        quote = connection.ops.quote_name
        sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 - names from the model, quoted
            quote(model._meta.db_table),
            ", ".join(quote(f.column) for f in fields),
            ", ".join(["%s"] * len(fields)),
        )
        rows = [[f.get_db_prep_save(getattr(obj, f.attname), connection) for f in fields] for obj in objs]
        stamped = [(i, f) for i, f in enumerate(fields) if _stamped_now(f)]
        return cls(model=model, sql=sql, rows=rows, stamped=stamped)

    def insert(self, cursor, now) -> None:
        rows = self.rows
        if self.stamped:
            rows = [list(row) for row in rows]
            for i, field in self.stamped:
                value = field.get_db_prep_save(now, connection)
                for row in rows:
                    row[i] = value
        cursor.executemany(self.sql, rows)


@dataclass
class _Snapshot:
    tables: list[_Table]
    result: Any

    def restore(self) -> None:
        now = timezone.now()
        # One transaction: the foreign keys (deferred) are checked at its end, whatever the tables' order.
        with transaction.atomic(), connection.cursor() as cursor:
            for table in self.tables:
                table.insert(cursor, now)
            # PostgreSQL's sequences do not move for rows inserted with their keys; SQLite's do by themselves.
            for sql in connection.ops.sequence_reset_sql(no_style(), [t.model for t in self.tables]):
                cursor.execute(sql)


_snapshots: dict[tuple[str, tuple], _Snapshot | None] = {}


def build_once(name: str, build: Callable[[], Any]) -> Any:
    """Run ``build`` (through the services) the first time in this database state, put its rows back later.

    Returns what ``build`` returned the time the rows were built; the caller turns it into fresh objects.
    """
    key = (name, _fingerprint())
    if key in _snapshots:
        snapshot = _snapshots[key]
        if snapshot is not None:
            snapshot.restore()
            return snapshot.result
        return build()
    before = _rows()
    result = build()
    after = _rows()
    tables: list[_Table] = []
    for model, rows in after.items():
        old = before[model]
        if any(pk not in rows or rows[pk] != values for pk, values in old.items()):
            _snapshots[key] = None  # it changed rows that were there: build every time
            return result
        new = [pk for pk in rows if pk not in old]
        if new:
            tables.append(_Table.of(model, list(model._base_manager.filter(pk__in=new).order_by("pk"))))
    _snapshots[key] = _Snapshot(tables=tables, result=result)
    return result
