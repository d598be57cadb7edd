"""Finds each app's part of the sample data: ``sample_data.<kind>.<app label>``, in ``INSTALLED_APPS`` order.

An app with sample data has one module in ``sample_data/demo/`` (the demo city) and one in
``sample_data/scale/`` (the city-scale test data), named after its app label, exposing
``build(context)``. Adding an app's sample data is adding that module; nothing lists the apps.
An app without a module has no sample data and is skipped.

A module may also expose:

- ``AFTER``: the labels of apps whose sample data it needs first (governance's indicators count
  the calls' applications, so governance is built after calls even though it is installed first);
- ``counts()``: rows per table of its part, for the scale command's summary.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from django.apps import apps


def parts(kind: str) -> list[ModuleType]:
    """The modules of ``sample_data.<kind>`` for the installed apps, each after the apps it names in ``AFTER``."""
    found: dict[str, ModuleType] = {}
    for config in apps.get_app_configs():
        name = f"sample_data.{kind}.{config.label}"
        try:
            found[config.label] = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:
                raise  # the module exists but imports something missing
    ordered: list[str] = []

    def place(label: str, waiting: tuple[str, ...]) -> None:
        if label in ordered:
            return
        if label in waiting:
            raise RuntimeError(f"The sample data of {' and '.join(waiting)} wait for each other.")
        for before in getattr(found[label], "AFTER", ()):
            if before in found:
                place(before, (*waiting, label))
        ordered.append(label)

    for label in found:
        place(label, ())
    return [found[label] for label in ordered]


class AppInParts:
    """The sample data of an app in parts (``core.parts``): ``sample_data.<kind>.<app>_<part>`` for each of its
    parts, in the parts' order, each with ``build`` and perhaps ``counts``. The app's own module
    (``sample_data/<kind>/<app>.py``) is ``build, counts = AppInParts(kind, parts)``, with its ``AFTER``."""

    def __init__(self, kind: str, parts) -> None:
        self.kind, self.parts = kind, parts

    def modules(self) -> list[ModuleType]:
        return self.parts.modules(f"sample_data.{self.kind}")

    def build(self, builder) -> None:
        for module in self.modules():
            module.build(builder)

    def counts(self) -> dict[str, int]:
        found: dict[str, int] = {}
        for module in self.modules():
            if hasattr(module, "counts"):
                found.update(module.counts())
        return found
