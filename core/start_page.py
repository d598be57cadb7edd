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

from core.registry import Registry

Section = Callable[[Any], dict[str, Any]]

_sections: Registry[Section] = Registry("start_page", "parts of the start page")


def section(key: str, *, position: int = 50) -> Callable[[Section], Section]:
    """Declare a part of the start page; parts are asked in ``position`` order, then as declared."""

    def register(read: Section) -> Section:
        _sections.declare(key, read, position)
        return read

    return register


def start_page_context(request) -> dict[str, Any]:
    """What every declared part gives the start page, for this request."""
    context: dict[str, Any] = {}
    for read in _sections.values():
        context.update(read(request))
    return context
