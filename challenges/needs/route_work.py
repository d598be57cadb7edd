"""What a need's route leads to, declared by the apps that do the work, so that the need's page shows it without
the challenges app knowing them (as ``ideas.actions`` does for an idea's page).

An app declares, in its own ``route_work.py`` module (found as Django's admin finds ``admin.py``)::

    declare("procurement_cases", route=Route.MARKET_DIALOGUE, load=cases_of_need,
            template="procurement/cases/partials/need_cases.html")

``load(user, need)`` returns the template's context (or ``None`` to show nothing to this person); the need's page
includes ``template`` with it as ``work``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from core.registry import Registry

Load = Callable[[Any, Any], dict[str, Any] | None]


@dataclass(frozen=True)
class RouteWork:
    key: str
    route: str
    load: Load
    template: str


@dataclass(frozen=True)
class ShownWork:
    key: str
    template: str
    context: dict[str, Any]


_declared: Registry[RouteWork] = Registry("route_work", "route work", same=lambda a, b: a.load is b.load)


def declare(key: str, *, route: str, load: Load, template: str, position: int = 50) -> None:
    """Declare what a need routed to ``route`` has led to, shown on its page by ``template``."""
    _declared.declare(key, RouteWork(key=key, route=route, load=load, template=template), position)


def shown(user: Any, need: Any) -> list[ShownWork]:
    """The declared work for the need's route that this person sees, in position order."""
    found = []
    for work in _declared.values():
        if work.route != need.route:
            continue
        context = work.load(user, need)
        if context is not None:
            found.append(ShownWork(key=work.key, template=work.template, context=context))
    return found
