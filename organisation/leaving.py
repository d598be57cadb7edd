"""What a person leaves open when they leave the city: each app declares its part in its own ``leaving.py``.

``@open_work("key", position=...)`` registers a function of the person who leaves that returns a line for each
piece of work still theirs (an idea they coach, an application they have yet to score), in the language active
when it is called. ``person_deactivate`` sends the lines to the innovation office of the person's unit; nothing
is changed or taken from the work itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from core.registry import Registry

if TYPE_CHECKING:
    from organisation.models import User

OpenWork = Callable[["User"], list[str]]

_open_work: Registry[OpenWork] = Registry("leaving", "kinds of open work")


def open_work(key: str, *, position: int = 50) -> Callable[[OpenWork], OpenWork]:
    def declare(func: OpenWork) -> OpenWork:
        _open_work.declare(key, func, position)
        return func

    return declare


def open_work_of(person: User) -> list[str]:
    """Every line of open work the person leaves, in the apps' order."""
    return [line for func in _open_work.values() for line in func(person)]
