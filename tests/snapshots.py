"""Test data built once through the services and put back cheaply in every later test.

Building the unit tree and the base people through the services takes most of a short test's time, and every test
builds the same rows. The first test to need them builds them through the services as before; the rows that building
added are remembered, and later tests insert the same rows with the same primary keys in a few bulk inserts.

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
class _Snapshot:
    added: dict[type[models.Model], list[models.Model]]
    result: Any

    def restore(self) -> None:
        now = timezone.now()
        with transaction.atomic():
            for model, objs in self.added.items():
                stamped = [f.attname for f in model._meta.concrete_fields if _stamped_now(f)]
                for obj in objs:
                    for name in stamped:
                        setattr(obj, name, now)
                model._base_manager.bulk_create(objs)
        # PostgreSQL's sequences do not move for rows inserted with their keys; SQLite's do by themselves.
        statements = connection.ops.sequence_reset_sql(no_style(), list(self.added))
        if statements:
            with connection.cursor() as cursor:
                for sql in statements:
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
    added: dict[type[models.Model], list[models.Model]] = {}
    for model, rows in after.items():
        old = before[model]
        if any(pk not in rows or rows[pk] != values for pk, values in old.items()):
            _snapshots[key] = None  # it changed rows that were there: build every time
            return result
        new = [pk for pk in rows if pk not in old]
        if new:
            added[model] = list(model._base_manager.filter(pk__in=new).order_by("pk"))
    _snapshots[key] = _Snapshot(added=added, result=result)
    return result
