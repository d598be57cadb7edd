"""Links other apps offer on an idea's page, declared by the apps.

An app writes an ``idea_actions.py`` and calls ``action("key", label=..., url=..., shown=...)``: ``shown(user,
idea)`` says whether the person sees the link (it should ask no query: the roles are read once per request),
``url(idea)`` where it goes. The spread app offers to adopt a good example instead of developing the idea.
``ideas`` finds the modules itself (``autodiscover_modules``) and imports no app that declares one.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from core.registry import Registry


@dataclass(frozen=True)
class Action:
    key: str
    label: Any
    url: Callable[[Any], str]
    shown: Callable[[Any, Any], bool]


_actions: Registry[Action] = Registry("idea_actions", "links on an idea's page", same=operator.eq)


def action(
    key: str, *, label: Any, url: Callable[[Any], str], shown: Callable[[Any, Any], bool], position: int = 50
) -> None:
    """Declare a link on an idea's page, for the people ``shown`` is true for."""
    _actions.declare(key, Action(key=key, label=label, url=url, shown=shown), position)


def for_idea(user, idea) -> list[dict[str, str]]:
    """The links this person sees on this idea's page, in position order."""
    return [{"label": str(a.label), "url": a.url(idea)} for a in _actions.values() if a.shown(user, idea)]
