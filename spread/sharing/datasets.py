"""The open dataset of the city's public good examples (CC0), in the open-data catalogue beside the figures.

One row per public example of the city's own (published, public, with its owner's consent), newest
first. It holds what the example says and where it comes from, and no one's name or address: the
example's page names whom to ask. It publishes no counts, so it needs no disclosure control; the
adoptions are counted in the indicators, which have theirs.
"""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.city import CITY_TIME_ZONE
from ideas.models import InnovationKind
from opendata.datasets import CONTINUOUSLY, Column, Dataset, declare
from opendata.selectors import PeriodKey, Row
from spread.models import Sector
from spread.sharing.entries import entry
from spread.sharing.selectors import public_examples


def example_periods(*, now: datetime | None = None) -> list[PeriodKey]:
    """A list of examples as they are now has no reporting periods."""
    return []


def example_rows(*, year: int | None = None, period: str | None = None, now: datetime | None = None) -> list[Row]:
    """Every public example as a row. One query."""
    rows: list[Row] = []
    with translation.override("sv"):
        sectors, kinds = dict(Sector.choices), dict(InnovationKind.choices)
        for example in public_examples():
            item = entry(example)
            published = item["published_at"]
            rows.append(
                {
                    "url": item["url"],
                    "title": item["title"],
                    "organisation": item["organisation"],
                    "sector": item["sector"],
                    "sector_name": str(sectors.get(item["sector"], "")),
                    "kind": item["kind"],
                    "kind_name": str(kinds.get(item["kind"], "")),
                    "values": " ".join(item["values"]),
                    "problem": item["problem"],
                    "what_was_done": item["what_was_done"],
                    "cost": item["cost"],
                    "time_taken": item["time_taken"],
                    "roles": item["roles"],
                    "tools": item["tools"],
                    "effect": item["effect"],
                    "watch_out_for": item["watch_out_for"],
                    "published": timezone.localtime(published, CITY_TIME_ZONE).date().isoformat() if published else "",
                }
            )
    return rows


EXAMPLES = declare(
    Dataset(
        key="examples",
        title=_("Good examples from the city's innovation work"),
        description=_(
            "The city's public good examples: innovations a unit has put to use and shares so that others can do "
            "the same – the problem, what was done, what it took (cost, time, roles, tools), the evidence of the "
            "effect and what to watch out for. One row per example, newest first. Only examples whose owner has "
            "agreed to publish them are included. The list names no people: the example's page says whom to ask."
        ),
        keywords=(
            _("innovation"),
            pgettext_lazy("open data keyword", "good examples"),
            _("municipality"),
            pgettext_lazy("open data keyword", "spread"),
            _("public sector"),
        ),
        columns=(
            Column("url", _("The example's page, where you also find whom to ask.")),
            Column("title", _("The example's title.")),
            Column("organisation", _("The unit it comes from.")),
            Column("sector", _("The sector's code, for example elderly_care or school; empty if not given.")),
            Column("sector_name", _("The sector, in Swedish.")),
            Column(
                "kind",
                _("The kind of innovation: product, service, process, organisation or external_relations."),
            ),
            Column("kind_name", _("The kind of innovation, in Swedish.")),
            Column("values", _("The value it gives, separated by spaces: economic, social, environmental.")),
            Column("problem", _("The problem it solves.")),
            Column("what_was_done", _("What was done.")),
            Column("cost", _("What it cost.")),
            Column("time_taken", _("How long it took.")),
            Column("roles", _("The roles involved.")),
            Column("tools", _("The tools and methods used.")),
            Column("effect", _("The evidence of the effect.")),
            Column("watch_out_for", _("What to watch out for.")),
            Column("published", _("The day it was published (YYYY-MM-DD).")),
        ),
        rows=example_rows,
        periods=example_periods,
        summary=_(
            "What the city's units have done that worked – new services, ways of working and tools – told so that "
            "another municipality or organisation can do the same."
        ),
        audience=_(
            "Other municipalities and regions looking for what works, researchers, journalists and residents who "
            "want to know how the city develops its services."
        ),
        preview_columns=(
            ("title", pgettext_lazy("good example", "Example")),
            ("organisation", _("Organisation")),
            ("published", _("Published")),
        ),
        periodic=False,
        frequency=CONTINUOUSLY,
        how_often=_("As soon as an example is published, changed or taken down."),
        api_url_name="api:spread_examples",
        api_description=_(
            "The public examples as JSON, in pages (limit and offset), searched and filtered by sector and kind; "
            "also as a JSON Feed and an Atom feed."
        ),
    ),
    position=30,
)
