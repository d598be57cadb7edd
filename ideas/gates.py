"""Conditions of the lock's gates that other apps declare: what must be true of an idea before it moves on.

An app writes a ``gates.py`` and calls ``condition("key", target=Stage.X, check=..., fix=...)``: ``check(idea)``
says what is missing in a sentence, or ``""`` when the idea meets the condition; ``fix(idea)``, if given,
names the page where the missing thing is done as ``(url, link text)``, or ``None`` when there is no such page.
``services.gate_decide`` refuses a move while a condition of its target is unmet, and the decide page says which
and links to the fix. ``ideas`` finds the modules itself (``autodiscover_modules``), so the lock needs no edit
when an app adds a condition (the spread app asks for a published good example: ``spread/examples/gates.py``).
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from core.registry import Registry


@dataclass(frozen=True)
class Condition:
    key: str
    target: str
    check: Callable[[Any], str]
    fix: Callable[[Any], tuple[str, str] | None] | None = None


@dataclass(frozen=True)
class Unmet:
    """A condition an idea does not meet yet: what is missing, and where to put it right (if there is a page)."""

    problem: str
    url: str = ""
    link_text: str = ""


_conditions: Registry[Condition] = Registry("gates", "gate conditions", same=operator.eq)


def condition(
    key: str,
    *,
    target: str,
    check: Callable[[Any], str],
    fix: Callable[[Any], tuple[str, str] | None] | None = None,
) -> None:
    """Declare that an idea moves to ``target`` only when ``check(idea)`` finds nothing missing."""
    _conditions.declare(key, Condition(key=key, target=target, check=check, fix=fix))


def withdraw(key: str) -> None:
    """Take a condition back (a test's own, say)."""
    _conditions.withdraw(key)


def unmet(idea: Any, target: str) -> list[Unmet]:
    """The conditions of moving ``idea`` to ``target`` that it does not meet yet, in the order declared."""
    found = []
    for cond in _conditions.values():
        if cond.target != target:
            continue
        problem = cond.check(idea)
        if problem:
            where = cond.fix(idea) if cond.fix else None
            found.append(Unmet(str(problem), *(where or ("", ""))))
    return found
