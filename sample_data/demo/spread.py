"""The demo part of spreading what works: each part of the spread app builds its own, in
``sample_data/demo/spread_<part>.py`` (``build``), in the order of ``spread.parts.PARTS`` (adoptions count
examples, events show them, advice points to them)."""

from __future__ import annotations

from sample_data.parts import AppInParts
from spread.parts import parts

AFTER = ("ideas", "calls")

_parts = AppInParts("demo", parts)
build = _parts.build
