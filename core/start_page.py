"""Where each app adds what the start page shows beyond the person's tasks.

An app writes a ``start_page.py`` with functions decorated ``@section("key")``: each takes the
request and returns the names it gives the start page's template (``core/home.html``), such as the
ideas' figures and latest ideas. ``core`` finds the modules itself (``autodiscover_modules``), as
Django's admin finds ``admin.py``: it imports no domain app.

A section runs a fixed number of queries (most of them lazily, as the template reads them).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.module_loading import autodiscover_modules

Section = Callable[[Any], dict[str, Any]]

_sections: dict[str, tuple[int, Section]] = {}
_discovered = False


def section(key: str, *, position: int = 50) -> Callable[[Section], Section]:
    """Declare a part of the start page; parts are asked in ``position`` order, then as declared."""

    def register(read: Section) -> Section:
        if key in _sections and _sections[key][1] is not read:
            raise ValueError(f"Two parts of the start page are called {key!r}.")
        _sections[key] = (position, read)
        return read

    return register


def _discover() -> None:
    global _discovered
    if not _discovered:
        autodiscover_modules("start_page")
        _discovered = True


def start_page_context(request) -> dict[str, Any]:
    """What every declared part gives the start page, for this request."""
    _discover()
    order = list(_sections)
    context: dict[str, Any] = {}
    for _key, (_position, read) in sorted(_sections.items(), key=lambda kv: (kv[1][0], order.index(kv[0]))):
        context.update(read(request))
    return context
