"""Sections of a good example's page, declared by the spread app's parts: ``section(key, template=..., load=...)``.

``load(request, example)`` gives the section's context (an empty dict: nothing to show to this person). Each part
declares its sections in ``spread/<part>/sections.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

_sections: dict[str, tuple[int, Section]] = {}


@dataclass(frozen=True)
class Section:
    key: str
    template: str
    load: Callable[[Any, Any], dict]


def section(key: str, *, template: str, load: Callable[[Any, Any], dict], position: int = 50) -> None:
    _sections[key] = (position, Section(key=key, template=template, load=load))


def sections() -> list[Section]:
    """Every declared section in position order; each part's ``sections`` module imported first."""
    from spread.parts import load

    load("sections")
    return [s for _p, s in sorted(_sections.values(), key=lambda item: item[0])]
