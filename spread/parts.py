"""The spread app's parts, each in its own package: ``spread.<part>`` with its services, views, forms and
addresses (``core.parts``, ADR 0030)."""

from __future__ import annotations

from core.parts import Parts

PARTS = ("examples", "sharing", "adoptions", "events", "networks", "advice")

parts = Parts("spread", PARTS)


def load(module: str) -> None:
    """Import ``spread.<part>.<module>`` for every part that has it (declaring what it holds)."""
    parts.load(module)
