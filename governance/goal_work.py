"""The kinds of work that can serve a goal, declared by the apps that own them (ADR 0031).

Governance does not import ideas, calls or challenges. An app writes a ``goal_work.py`` and calls
``declare(WorkKind(...))`` for each of its models whose rows can be tagged with goals: the model, its
name, the field that says how far a row has come (with the labels of its values and which of them mean
*done*), the unit it belongs to (whose committees' goals it may serve), who may tag it and — as a ``Q``
on the model — who may read it. The tagging page, the goal view, the dashboard and the report form ask
only this registry.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Q

from core.registry import Registry


@dataclass(frozen=True, eq=False)
class WorkKind:
    """One kind of work that serves goals."""

    key: str
    model: type[Model]
    #: The kind's name in the plural, as a heading ("Ideas"), and one of it ("idea").
    label: Any
    label_one: Any
    #: How far a row has come, as an expression on the model (``F("stage")``, or a ``Case`` for a status worked out
    #: from dates), the labels of its values in order, and the values that mean the work is done.
    stage: Any
    stages: Mapping[str, Any]
    done: frozenset[str]
    #: ``may_tag(user, obj)``: whether this person may change the goals this row serves.
    may_tag: Callable[[Any, Any], bool]
    #: ``readable(user)``: the rows this person may read, as a filter on the model (the twin of its view rule).
    readable: Callable[[Any], Q]
    #: ``unit(obj)``: the unit the row belongs to (``None``: the whole city's), for the goals offered.
    unit: Callable[[Any], Any] = lambda obj: getattr(obj, "unit", None)
    #: Fields to ``select_related`` when rows are listed beside a goal.
    related: tuple[str, ...] = field(default=())
    #: The URL name of a row's page when it takes only the row's primary key: the goal view then links its rows
    #: through ``core.links.pk_address`` instead of a ``get_absolute_url`` per row. Empty: ``get_absolute_url``.
    address: str = ""

    def content_type(self) -> ContentType:
        return ContentType.objects.get_for_model(self.model, for_concrete_model=True)

    def stage_label(self, value: str) -> Any:
        return self.stages.get(value, value)


_kinds: Registry[WorkKind] = Registry("goal_work", "kinds of work towards goals")


def declare(kind: WorkKind, *, position: int = 50) -> None:
    _kinds.declare(kind.key, kind, position)


def withdraw(key: str) -> None:
    _kinds.withdraw(key)


def kinds() -> list[WorkKind]:
    """Every declared kind, in position order."""
    return list(_kinds.values())


def kind(key: str) -> WorkKind | None:
    return _kinds.get(key)


def kind_of(obj: Model) -> WorkKind | None:
    """The declared kind of a row, or ``None`` if its model serves no goals."""
    model = type(obj)._meta.concrete_model
    for found in _kinds.values():
        if found.model is model:
            return found
    return None
