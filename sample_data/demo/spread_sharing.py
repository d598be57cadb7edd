"""Good examples the demo city's innovation office imported from a neighbouring city's Språng.

Taken in through ``spread.sharing.services.examples_import_feed`` from a JSON feed as the other city
publishes it (no network: the feed is written here), so the library shows external examples with
their source, and the import page lists them.
"""

from __future__ import annotations

import json
from datetime import timedelta
from typing import TYPE_CHECKING

from spread.sharing.services import examples_import_feed

if TYPE_CHECKING:
    from sample_data.demo import DemoBuilder

SOURCE = "https://sprang.goteborg.example.se"

EXAMPLES = (
    {
        "title": "Digital tillsyn på natten i hemtjänsten",
        "problem": "Nattpatrullen väckte brukare som bara behövde en kontroll att allt var lugnt.",
        "what_was_done": "Brukare som ville fick en nattkamera som personalen tittar i vid bestämda tider.",
        "cost": "Cirka 3 000 kronor per brukare och år.",
        "time_taken": "Ett halvår från förstudie till ordinarie drift.",
        "roles": "Enhetschef, sjuksköterska, IT-samordnare och biståndshandläggare.",
        "tools": "Samtycke i varje ärende, en rutin för tekniska fel.",
        "effect": "Färre väckta brukare och 20 procent färre nattbesök.",
        "watch_out_for": "Samtycket måste följas upp när brukarens hälsa ändras.",
        "contact": "Enhetschef hemtjänsten Centrum, Göteborgs Stad",
        "sector": "elderly_care",
        "kind": "service",
        "values": ["economic", "social"],
        "days_ago": 200,
    },
    {
        "title": "Lånecyklar för personalen i hemtjänsten",
        "problem": "Bilarna räckte inte till alla besök i innerstaden, och parkeringen tog tid.",
        "what_was_done": "Enheten köpte tio elcyklar med vinterdäck och ett cykelrum med laddning.",
        "cost": "250 000 kronor för cyklar och cykelrum.",
        "time_taken": "Tre månader.",
        "roles": "Enhetschef och fordonssamordnare.",
        "tools": "",
        "effect": "Två bilar mindre och kortare tid mellan besöken.",
        "watch_out_for": "Planera för vintern och för dem som inte kan cykla.",
        "contact": "Fordonssamordnaren, Göteborgs Stad",
        "sector": "elderly_care",
        "kind": "process",
        "values": ["economic", "environmental"],
        "days_ago": 90,
    },
)


def _feed(demo: DemoBuilder) -> bytes:
    items = []
    for number, example in enumerate(EXAMPLES, start=1):
        url = f"{SOURCE}/spread/examples/{number}/"
        fields = {k: v for k, v in example.items() if k not in ("title", "days_ago")}
        published = demo.now - timedelta(days=int(example["days_ago"]))  # type: ignore[call-overload]
        items.append(
            {
                "id": url,
                "url": url,
                "title": example["title"],
                "content_text": example["problem"],
                "date_published": published.isoformat(),
                "date_modified": published.isoformat(),
                "_sprang_example": {**fields, "organisation": "Göteborgs Stad"},
            }
        )
    feed = {"version": "https://jsonfeed.org/version/1.1", "title": "Goda exempel från Göteborgs Stad", "items": items}
    return json.dumps(feed, ensure_ascii=False).encode()


def build(demo: DemoBuilder) -> None:
    office = demo.cast.executive_office
    if office is None:
        return
    result = examples_import_feed(by=office, body=_feed(demo), now=demo.now - timedelta(days=30))
    demo.out(f"Good examples imported from another city: {len(result.created)}")
