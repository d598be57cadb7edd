"""Events another app owns, and who may see them: an app whose rows give events their meaning (a course's sessions,
``learning``) declares, for its kind of event, who may see and register for one. Such events are listed on the owning
app's pages, not among the events, and every rule on events asks here first."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Owner:
    #: Whether the person may see (and so register for) the event.
    may_view: Callable[[object, object], bool]


_OWNERS: dict[str, Owner] = {}


def own(kind: str, *, may_view: Callable[[object, object], bool]) -> None:
    """Declare that events of ``kind`` belong to the calling app, and who may see them."""
    _OWNERS[kind] = Owner(may_view)


def owner_of(kind: str) -> Owner | None:
    return _OWNERS.get(kind)


def owned_kinds() -> list[str]:
    return list(_OWNERS)
