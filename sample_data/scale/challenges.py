"""The scale part of needs and challenges: each part of the challenges app builds its own, in
``sample_data/scale/challenges_<part>.py`` (``build``, and ``counts`` for the scale summary), in the order of
``challenges.parts.PARTS`` (challenges and OpenLab start from needs, goals tag all three). After governance,
whose goals the work is tied to."""

from __future__ import annotations

from challenges.parts import parts
from sample_data.parts import AppInParts

AFTER = ("ideas", "calls", "spread", "governance")

_parts = AppInParts("scale", parts)
build = _parts.build
counts = _parts.counts
