"""Statements the ORM writes once per process and database, then runs again with another id.

Building a query through the ORM costs far more than running it when the query is small and the same on every
page but for one id: the page header's (the person's), the question of which rarely filled parts an idea's page
has (the idea's). Such a statement is built once with an id no row has (``ABSENT``), kept as SQL, and run with the
real id in its place. The id must appear exactly once among the parameters, or nothing could say which one to
replace: a statement that holds it another number of times is refused on its first use (``ImproperlyConfigured``).

Everything else in the statement is fixed for the life of the process: it must not depend on the time, the language,
the person or what a registry holds later. Its row comes back as the database gives it, without Django's
conversions (a truth is 0 or 1 on SQLite, ``True`` or ``False`` on PostgreSQL).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import connections
from django.db.models import QuerySet

#: An id no row has: a statement is written with it once, then run with the real one.
ABSENT = -7_654_321


@dataclass(frozen=True)
class Written:
    sql: str
    params: tuple
    #: Where in ``params`` the id goes.
    at: int


class Statement:
    """``build(id)`` gives the query; ``row(id)`` runs it as written once for this process and database."""

    def __init__(self, what: str, build: Callable[[int], QuerySet]) -> None:
        self.what = what
        self.build = build
        self._written: dict[tuple[str, str], Written] = {}

    def written(self, alias: str) -> Written:
        key = (alias, connections[alias].vendor)
        kept = self._written.get(key)
        if kept is None:
            sql, params = self.build(ABSENT).query.get_compiler(alias).as_sql()
            places = [i for i, value in enumerate(params) if value == ABSENT]
            if len(places) != 1:
                raise ImproperlyConfigured(f"The {self.what} holds the id {len(places)} times.")
            kept = self._written[key] = Written(sql, tuple(params), places[0])
        return kept

    def row(self, pk: int, alias: str) -> dict[str, Any] | None:
        """The statement's one row for ``pk``, by column name, or None when it gives none."""
        statement = self.written(alias)
        params = list(statement.params)
        params[statement.at] = pk
        with connections[alias].cursor() as cursor:
            cursor.execute(statement.sql, params)
            names = [column[0] for column in cursor.description]
            found = cursor.fetchone()
        return dict(zip(names, found, strict=True)) if found else None
