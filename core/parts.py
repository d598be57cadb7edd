"""Apps in parts (ADR 0030): one app, one model package and one migration history, every other module in a
package per part (``<app>.<part>``). What the project finds by module name in an app (``todo``, ``rules``,
``indicators``, ``datasets``, ``personal_data``, ``fragments``, ``start_page``, ``timeline``, ``gates``,
``idea_actions``, ``admin``, ``receivers``) the app's top-level module of that name gathers from its parts with
``Parts.load``: a part that has no such module has nothing of that kind.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from importlib.util import find_spec
from types import ModuleType


@dataclass(frozen=True)
class Parts:
    """An app's parts, in the order their declarations are made (a later part may use an earlier one's)."""

    app: str
    names: tuple[str, ...]

    def load(self, module: str) -> list[ModuleType]:
        """Import ``<app>.<part>.<module>`` for every part that has it (declaring what it holds)."""
        return self.modules(self.app, module, separator=".")

    def modules(self, package: str, module: str = "", *, separator: str = "_") -> list[ModuleType]:
        """``<package>.<app>_<part>`` (or with ``module``, ``<package>.<part>.<module>``) for every part that has it.

        The sample data uses the first form: ``sample_data.demo.spread_examples``.
        """
        found = []
        for part in self.names:
            name = f"{package}.{part}.{module}" if module else f"{package}.{self.app}{separator}{part}"
            if find_spec(name) is not None:
                found.append(importlib.import_module(name))
        return found
