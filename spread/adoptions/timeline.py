"""An idea's adoptions on its timeline: the idea turned out to be the same as a good example its unit adopts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, prefetch_related_objects

from ideas.timeline import TimelineEntry, part
from spread.models import Adoption

#: Draws the adoption on the idea's page (for city staff only: the example may be internal).
TEMPLATE = "spread/adoptions/partials/idea_timeline.html"


@dataclass
class AdoptionEntry(TimelineEntry):
    adoption: Any = None


def _exists() -> Exists:
    return Exists(Adoption.objects.filter(from_idea=OuterRef("pk")))


def _load(idea) -> None:
    adoptions = Adoption.objects.select_related("example", "started_by").order_by("created_at", "pk")
    prefetch_related_objects([idea], Prefetch("adoptions", queryset=adoptions, to_attr="adopted_instead"))


def _entries(idea) -> list[TimelineEntry]:
    return [
        AdoptionEntry(a.created_at, "adoption", adoption=a, template=TEMPLATE)
        for a in getattr(idea, "adopted_instead", [])
    ]


part("adoptions", exists=_exists, load=_load, entries=_entries)
