"""Reading the audit log in tests: the last entry of a record, and what it says."""

from __future__ import annotations

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model

CREATE, UPDATE, DELETE = LogEntry.Action.CREATE, LogEntry.Action.UPDATE, LogEntry.Action.DELETE


def entries(model: type[Model] | Model, pk: int | None = None, *, action: int | None = None):
    """The entries of one record (``model`` an instance, or a model class and ``pk``), oldest first."""
    if isinstance(model, Model):
        model, pk = type(model), model.pk
    qs = LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(model), object_pk=str(pk))
    if action is not None:
        qs = qs.filter(action=action)
    return qs.order_by("pk")


def assert_logged(
    model: type[Model] | Model, pk: int | None = None, *, action: int, actor, changes: dict | None = None
) -> LogEntry:
    """The record's latest entry of ``action`` that has every field of ``changes`` names ``actor``; ``changes``
    maps field → (old, new), or to ``None`` for any value."""
    found = [e for e in entries(model, pk, action=action) if set(changes or {}) <= set(e.changes or {})]
    assert found, f"no {action} entry with {set(changes or {})} for {model} {pk}: {list(entries(model, pk))}"
    entry = found[-1]
    assert entry.actor_id == (actor.pk if actor is not None else None), (entry.actor, actor)
    if actor is not None:
        assert entry.actor_email == actor.email
    for field, expected in (changes or {}).items():
        assert field in entry.changes, (field, entry.changes)
        if expected is not None:
            assert tuple(entry.changes[field]) == tuple(expected), (field, entry.changes[field])
    return entry
