"""What an idea's timeline shows besides its gate decisions and publication steps, declared by the apps.

An app writes a ``timeline.py`` and calls ``part("key", exists=..., load=..., entries=...)``:
``exists`` gives an expression over the idea's row (``OuterRef("pk")``) saying whether the app has
anything for it, asked in the idea page's own query as ``has_<key>``; ``load`` reads what it has
(one query or a fixed few), only for an idea it is true for; ``entries`` makes the timeline's
entries from what was read, without a query, each naming the app's partial that draws it. The calls declare the idea's funding decisions and
final reports (``calls/timeline.py``). ``ideas`` finds the modules itself (``autodiscover_modules``).
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from core.registry import Registry


@dataclass
class TimelineEntry:
    """One event on an idea's timeline: a gate decision, a step about publishing, a funding decision or a final report."""

    at: datetime
    kind: str  # "gate", "publication", "funding" or "final_report"
    decision: Any = None  # a GateDecision
    application: Any = None  # an application to the calls, for "funding" and "final_report"
    publication: Any = None  # a PublicationEvent
    template: str = ""  # how an app's entry is drawn on the idea's page (its own partial)


@dataclass(frozen=True)
class Part:
    key: str
    exists: Callable[[], Any]
    load: Callable[[Any], None]
    entries: Callable[[Any], list[TimelineEntry]]


_parts: Registry[Part] = Registry("timeline", "parts of the idea's timeline", same=operator.eq)


def part(
    key: str,
    *,
    exists: Callable[[], Any],
    load: Callable[[Any], None],
    entries: Callable[[Any], list[TimelineEntry]],
) -> None:
    """Declare a part of the idea's timeline that an app reads from its own data."""
    _parts.declare(key, Part(key=key, exists=exists, load=load, entries=entries))


def parts() -> list[Part]:
    """Every declared part, in the order declared; each app's ``timeline`` module imported once."""
    return list(_parts.values())
