"""The learning app's parts, each in its own package: ``learning.<part>`` with its services, views, forms and addresses
(``core.parts``, ADR 0030)."""

from __future__ import annotations

from core.parts import Parts

PARTS = ("catalogue", "records", "talks", "policies", "followup")

parts = Parts("learning", PARTS)
