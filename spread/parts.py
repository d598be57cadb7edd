"""The spread app's parts, each in its own package: ``spread.<part>`` with its services, views, forms and
addresses. What the project finds by module name in an app (``todo``, ``indicators``, ``datasets``,
``personal_data``, ``fragments``, ``start_page``, ``timeline``, ``rules``, ``gates``) the app's top-level module of
that name gathers from its parts with ``load``: a part that has no such module has nothing of that kind.
"""

from __future__ import annotations

import importlib
from importlib.util import find_spec

PARTS = ("examples", "sharing", "adoptions", "events", "networks", "advice")


def load(module: str) -> None:
    """Import ``spread.<part>.<module>`` for every part that has it (declaring what it holds)."""
    for part in PARTS:
        name = f"spread.{part}.{module}"
        if find_spec(name) is not None:
            importlib.import_module(name)
