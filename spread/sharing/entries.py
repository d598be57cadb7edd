"""One example as it is shared with other cities: the same fields in the JSON feed, the Atom feed and the dataset.

The import reads these fields back (``spread.sharing.services``), so what one Språng publishes
another takes in as it is. Nothing here names a person's email address: the contact is a name
and a unit, or the text the owner wrote.
"""

from __future__ import annotations

from datetime import datetime
from typing import TypedDict

from django.conf import settings

from spread.models import Example
from spread.sharing.selectors import contact_of, organisation_of, values_of

#: The namespace of the example's fields in the Atom feed (fixed, the same in every Språng).
ATOM_NAMESPACE = "https://sprang.se/ns/good-example/1"
#: The text fields, in the order a reader meets them.
TEXT_FIELDS = (
    "problem",
    "what_was_done",
    "cost",
    "time_taken",
    "roles",
    "tools",
    "effect",
    "watch_out_for",
)
#: The fields a feed entry carries beside its id, address, title and dates.
SHARED_FIELDS = (*TEXT_FIELDS, "contact", "organisation", "sector", "kind", "values")


class Entry(TypedDict):
    id: str
    url: str
    title: str
    problem: str
    what_was_done: str
    cost: str
    time_taken: str
    roles: str
    tools: str
    effect: str
    watch_out_for: str
    contact: str
    organisation: str
    sector: str
    kind: str
    values: list[str]
    published_at: datetime | None
    updated_at: datetime


def absolute(path: str) -> str:
    return settings.SPRANG_SITE_URL.rstrip("/") + path


def entry_id(example: Example) -> str:
    """The entry's lasting identifier: the example's address here (it never changes while the example exists)."""
    return absolute(example.get_absolute_url())


def entry(example: Example) -> Entry:
    return {
        "id": entry_id(example),
        "url": entry_id(example),
        "title": example.title,
        "problem": example.problem,
        "what_was_done": example.what_was_done,
        "cost": example.cost,
        "time_taken": example.time_taken,
        "roles": example.roles,
        "tools": example.tools,
        "effect": example.effect,
        "watch_out_for": example.watch_out_for,
        "contact": contact_of(example),
        "organisation": organisation_of(example),
        "sector": example.sector,
        "kind": example.kind,
        "values": values_of(example),
        "published_at": example.published_at,
        "updated_at": example.updated_at,
    }
