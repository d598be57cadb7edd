"""Sections other parts add to an example's page (its adoptions and spread, its lessons, the fairs it was shown at).

A part declares a section in its own ``spread/<part>/sections.py``, read once when a page first asks::

    from spread.examples.sections import section

    section("adoptions", template="spread/adoptions/example_section.html", load=adoptions_for_example, position=20)

``load(request, example)`` reads what the section shows (a fixed few queries) and returns the template's
context, or ``None`` when the section has nothing to show this person. The template is drawn with that context
and ``example`` and ``request``, under the example's own fields, in ``position`` order (then in the order
declared). A section that needs the person's permission asks the rules itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from spread.parts import load as load_parts

Loader = Callable[[Any, Any], dict[str, Any] | None]


@dataclass(frozen=True)
class Section:
    key: str
    template: str
    load: Loader
    position: int = 50


_declared: dict[str, Section] = {}
_discovered = False


def section(key: str, *, template: str, load: Loader, position: int = 50) -> None:
    """Declare a section of the example's page: ``template`` drawn with what ``load(request, example)`` returns."""
    found = _declared.get(key)
    if found is not None and (found.template, found.load) != (template, load):
        raise ValueError(f"Two sections of the example's page are called {key!r}.")
    _declared[key] = Section(key=key, template=template, load=load, position=position)


def withdraw(key: str) -> None:
    """Take a declaration back (a test's own section)."""
    _declared.pop(key, None)


def sections() -> list[Section]:
    """Every declared section, in ``position`` order; each part's ``sections`` module imported once."""
    global _discovered
    if not _discovered:
        _discovered = True
        load_parts("sections")
    return sorted(_declared.values(), key=lambda s: s.position)


@dataclass(frozen=True)
class DrawnSection:
    key: str
    html: SafeString


def draw(request: Any, example: Any) -> list[DrawnSection]:
    """The HTML of every section that has something to show on ``example``'s page for this person."""
    drawn = []
    for s in sections():
        context = s.load(request, example)
        if context is None:
            continue
        html = render_to_string(s.template, {**context, "example": example}, request=request)
        drawn.append(DrawnSection(key=s.key, html=mark_safe(html)))  # noqa: S308 - a template's own output
    return drawn
