"""Links other apps add to an idea's page, among what a person can do with the idea, declared by the apps.

An app writes an ``idea_actions.py`` and calls ``action("key", link=..., position=...)``: ``link(user, idea)``
gets the idea from the idea page's query (``selectors.idea_detail``: its unit, author and assessments are read)
and returns ``(label, url)`` when this person has something to do there, or ``None``. It asks the app's own
rules and reads at most a query of its own, only when it is about to answer. ``spread`` adds *Publish as a good
example* for an idea that has been put into practice and assessed. ``ideas`` finds the modules itself
(``autodiscover_modules``) and imports no other app.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from core.registry import Registry

Link = Callable[[Any, Any], tuple[Any, str] | None]


@dataclass(frozen=True)
class Action:
    key: str
    link: Link


@dataclass(frozen=True)
class ShownAction:
    key: str
    label: Any
    url: str


_actions: Registry[Action] = Registry("idea_actions", "actions on the idea's page", same=operator.eq)


def action(key: str, *, link: Link, position: int = 50) -> None:
    """Declare a link on the idea's page that an app offers whoever ``link`` returns one for."""
    _actions.declare(key, Action(key=key, link=link), position)


def shown(user: Any, idea: Any) -> list[ShownAction]:
    """The links the apps offer this person on this idea's page, in position order."""
    found = []
    for a in _actions.values():
        answer = a.link(user, idea)
        if answer is not None:
            found.append(ShownAction(key=a.key, label=answer[0], url=answer[1]))
    return found
