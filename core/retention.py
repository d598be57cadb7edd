"""Retention: rows kept no longer than a set time, removed by ``manage.py apply_retention`` (run nightly).

An app declares, in its ``personal_data.py`` beside its export and erasure parts, what it removes and after how
long: ``@retention("key", days_setting="SPRANG_RETENTION_...", model=...)`` on a function taking the moment before
which rows go and returning how many it removed. Each run writes one audit log entry per rule, with the count
only (what was removed is not written anywhere).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from auditlog.context import disable_auditlog
from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models import Model

from core.registry import Registry

Remover = Callable[[datetime], int]


@dataclass(frozen=True)
class Rule:
    key: str
    remove: Remover
    days_setting: str
    model: type[Model]


_rules: Registry[Rule] = Registry("personal_data", "retention rules", same=lambda a, b: a.remove is b.remove)


def retention(key: str, *, days_setting: str, model: type[Model]) -> Callable[[Remover], Remover]:
    """Declare a rule: rows of ``model`` older than the setting ``days_setting`` (days) are removed by the function."""

    def register(remove: Remover) -> Remover:
        _rules.declare(key, Rule(key=key, remove=remove, days_setting=days_setting, model=model))
        return remove

    return register


def rules() -> list[Rule]:
    return list(_rules.values())


def _days(rule: Rule) -> int:
    days = getattr(settings, rule.days_setting, None)
    if not isinstance(days, int) or days < 1:
        raise ImproperlyConfigured(f"{rule.days_setting} must be a whole number of days, 1 or more (it is {days!r}).")
    return days


def apply_retention(*, now: datetime) -> dict[str, int]:
    """Apply every rule, each in its own transaction; returns how many rows each removed."""
    counts: dict[str, int] = {}
    for rule in rules():
        days = _days(rule)
        before = now - timedelta(days=days)
        with transaction.atomic():
            with disable_auditlog():
                removed = rule.remove(before)
            counts[rule.key] = removed
            if removed:
                LogEntry.objects.create(
                    content_type=ContentType.objects.get_for_model(rule.model),
                    object_pk="",
                    object_repr=f"retention: {rule.key}",
                    action=LogEntry.Action.DELETE,
                    changes={"removed": [None, str(removed)]},
                    changes_text=f"retention {rule.key}: {removed} removed",
                    additional_data={"retention": rule.key, "days": days, "before": before.isoformat()},
                    timestamp=now,
                )
    return counts
