"""The scale part of spreading what works: each part of the spread app builds its own, in
``sample_data/scale/spread_<part>.py`` (``build``, and ``counts`` for the scale summary), in the order of
``spread.parts.PARTS`` (adoptions count examples, events show them, advice points to them)."""

from __future__ import annotations

from sample_data.parts import AppInParts
from spread.parts import parts

AFTER = ("ideas", "calls")

_parts = AppInParts("scale", parts)
build = _parts.build
counts = _parts.counts
