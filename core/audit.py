"""The audit trail: who changed which record, when, and what (old → new), kept by django-auditlog.

django-auditlog writes an entry when a registered model is saved or deleted. Two things it cannot
see on its own are handled here:

- **Who acted** outside a web request (the API with a token, a management command, a test): a
  service names its acting person with ``@actor_from("by")``, and every entry written while it runs
  carries that person (``acting``). In a web request the middleware's actor fills in where a
  service names none.
- **A system acting, not a person** (the city's identity system through SCIM, the nightly people
  file): ``acting_system("scim")`` marks every entry written inside with
  ``additional_data = {"system": "scim"}`` and no actor.
- **Writes that bypass ``save()``**: ``QuerySet.update()`` (optimistic locking, dating a step of
  the past), ``bulk_create`` and ``bulk_update``. The service then writes the entry itself with
  ``log_update`` / ``log_created`` / ``log_updated`` (one extra INSERT per write), or
  ``update_logged`` for a one-row update. These also tell the public pages' cache that what
  they show may have changed (``core.public_cache.model_written``), as a ``save()`` does.

``auditlog.context.disable_auditlog()`` (bulk loads of test data) turns these off too.
"""

from __future__ import annotations

import contextlib
import copy
import functools
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextvars import ContextVar
from typing import Any, ParamSpec, TypeVar

from auditlog.cid import get_cid
from auditlog.context import auditlog_disabled
from auditlog.diff import model_instance_diff
from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, QuerySet
from django.db.models.deletion import Collector
from django.utils.encoding import smart_str
from django.utils.functional import LazyObject, empty

from core.public_cache import model_written

P = ParamSpec("P")
R = TypeVar("R")
M = TypeVar("M", bound=Model)

_actor: ContextVar[Any] = ContextVar("sprang_audit_actor", default=None)
_system: ContextVar[str | None] = ContextVar("sprang_audit_system", default=None)


def _real(obj: Any) -> Any:
    """The instance behind a lazy object (``request.user``), or ``obj`` itself."""
    if isinstance(obj, LazyObject):
        if obj._wrapped is empty:
            obj._setup()
        return obj._wrapped
    return obj


@contextlib.contextmanager
def acting(actor: Any) -> Iterator[None]:
    """Every audit log entry written inside has ``actor`` (a saved person) as its actor; ``None`` keeps the outer one."""
    actor = _real(actor)
    token = _actor.set(actor if actor is not None and getattr(actor, "pk", None) else _actor.get())
    try:
        yield
    finally:
        _actor.reset(token)


@contextlib.contextmanager
def acting_system(name: str) -> Iterator[None]:
    """Every audit log entry written inside, without a person as its actor, says the system ``name`` wrote it."""
    token = _system.set(name)
    try:
        yield
    finally:
        _system.reset(token)


def actor_from(param: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Decorate a service: the person passed as the keyword argument ``param`` is the actor of what it writes."""

    def decorate(func: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(func)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            with acting(kwargs.get(param)):
                return func(*args, **kwargs)

        return wrapper

    return decorate


def stamp_actor(sender, instance: LogEntry, **kwargs) -> None:
    """``pre_save`` of ``LogEntry``: the acting person named by the service, unless the entry already has one."""
    actor = _actor.get()
    if actor is not None and instance.actor_id is None:
        instance.actor = actor
        instance.actor_email = getattr(actor, "email", None)
    system = _system.get()
    if system is not None and instance.actor_id is None:
        instance.additional_data = {**(instance.additional_data or {}), "system": system}


def _disabled() -> bool:
    return auditlog_disabled.get()


def _json_changes() -> bool:
    return bool(getattr(settings, "AUDITLOG_STORE_JSON_CHANGES", False))


def log_update(instance: Model, *, before: Model, fields: Iterable[str], actor: Any = None) -> LogEntry | None:
    """The entry ``save()`` would have written: each of ``fields`` that differs between ``before`` and ``instance``."""
    fields = list(fields)
    model_written(type(_real(instance)), fields=fields)
    if _disabled():
        return None
    instance, before = _real(instance), _real(before)
    changes = model_instance_diff(before, instance, fields_to_check=set(fields), use_json_for_changes=_json_changes())
    if not changes:
        return None
    with acting(actor):
        return LogEntry.objects.log_create(instance, action=LogEntry.Action.UPDATE, changes=changes)


def update_logged(instance: M, *, actor: Any = None, **values: Any) -> M:
    """One row's ``QuerySet.update(**values)`` (plain values, no expressions), with its audit log entry."""
    instance = _real(instance)
    before = copy.copy(instance)
    type(instance)._default_manager.filter(pk=instance.pk).update(**values)
    for name, value in values.items():
        setattr(instance, name, value)
    log_update(instance, before=before, fields=values, actor=actor)
    return instance


def snapshot(instance: M) -> M:
    """A copy of ``instance`` as it is now, to compare with after a write that bypasses ``save()``."""
    return copy.copy(_real(instance))


def _entry(instance: Model, action: int, changes: dict | None, actor: Any) -> LogEntry:
    """An entry written with ``bulk_create``, which sends no ``pre_save``: the actor is set here."""
    actor = actor or _actor.get()
    return LogEntry(
        content_type=ContentType.objects.get_for_model(instance),
        object_pk=smart_str(instance.pk),
        object_id=instance.pk if isinstance(instance.pk, int) else None,
        object_repr=smart_str(instance),
        action=action,
        changes=changes,
        actor=actor,
        actor_email=getattr(actor, "email", None),
        cid=get_cid(),
        additional_data={"system": _system.get()} if actor is None and _system.get() is not None else None,
    )


def log_created(instances: Sequence[Model], *, actor: Any = None) -> None:
    """Entries for rows made with ``bulk_create`` (their primary keys set), in one INSERT."""
    if instances:
        model_written(type(_real(instances[0])))
    if _disabled() or not instances:
        return
    json_changes = _json_changes()
    LogEntry.objects.bulk_create(
        [
            _entry(
                row, LogEntry.Action.CREATE, model_instance_diff(None, row, use_json_for_changes=json_changes), actor
            )
            for row in instances
        ]
    )


def log_updated(pairs: Iterable[tuple[Model, Model]], *, fields: Iterable[str], actor: Any = None) -> None:
    """Entries for rows changed with ``bulk_update``: ``(before, after)`` pairs, in one INSERT; unchanged rows skipped."""
    pairs, names = list(pairs), set(fields)
    if pairs:
        model_written(type(_real(pairs[0][1])), fields=names)
    if _disabled():
        return
    json_changes = _json_changes()
    entries = []
    for before, after in pairs:
        changes = model_instance_diff(before, after, fields_to_check=names, use_json_for_changes=json_changes)
        if changes:
            entries.append(_entry(after, LogEntry.Action.UPDATE, changes, actor))
    if entries:
        LogEntry.objects.bulk_create(entries)


def delete_forgetting(rows: QuerySet) -> int:
    """Delete ``rows`` and empty the audit log's entries about them: each entry stays (who did what to which kind of
    record, and when) without the old and new values or the record's text. For what erasure and retention remove,
    which must not live on in the log. Call with the audit log off (``disable_auditlog``), so the deletes themselves
    write nothing. Returns how many rows were deleted, those deleted with them included."""
    if not rows.exists():
        return 0
    collector = Collector(using=rows.db, origin=rows)
    collector.collect(rows)  # the rows and every row deleted with them
    targets = [(model, [obj.pk for obj in objs]) for model, objs in collector.data.items()]
    targets += [(qs.model, list(qs.values_list("pk", flat=True))) for qs in collector.fast_deletes]
    for model, pks in targets:
        if pks:
            LogEntry.objects.filter(
                content_type=ContentType.objects.get_for_model(model), object_pk__in=[smart_str(pk) for pk in pks]
            ).update(changes=None, changes_text="", object_repr="", serialized_data=None, additional_data=None)
    count, _by_model = rows.delete()
    return count
