"""The scale part of spreading what works: each part of the spread app builds its own, in
``sample_data/scale/spread_<part>.py`` (``build``, and ``counts`` for the scale summary), in the order of
``spread.parts.PARTS`` (adoptions count examples, events show them, advice points to them)."""

from __future__ import annotations

import importlib
from importlib.util import find_spec
from types import ModuleType

from spread.parts import PARTS

AFTER = ("ideas", "calls")


def _modules() -> list[ModuleType]:
    names = [f"sample_data.scale.spread_{part}" for part in PARTS]
    return [importlib.import_module(name) for name in names if find_spec(name) is not None]


def build(builder) -> None:
    for module in _modules():
        module.build(builder)


def counts() -> dict[str, int]:
    found: dict[str, int] = {}
    for module in _modules():
        if hasattr(module, "counts"):
            found.update(module.counts())
    return found
