"""The challenges app's parts, each in its own package (``core.parts``, ADR 0030): ``needs`` (a unit's problem,
validated and routed), ``challenges`` (a need put to a crowd, answered with ideas), ``openlab`` (a need assigned
to a university, its projects) and ``goals`` (the city's and committees' goals the work serves)."""

from __future__ import annotations

from core.parts import Parts

PARTS = ("needs", "challenges", "openlab", "goals")

parts = Parts("challenges", PARTS)
