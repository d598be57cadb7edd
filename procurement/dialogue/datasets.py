"""The open dataset of the city's market dialogues, in the open-data catalogue.

One row per published request for information, newest first: what the city asked the market, which organisation,
the deadlines, how many answers were published to every supplier, and how many suppliers registered and sent a
written response. The counts of suppliers go through ``core/disclosure.py``: a count from one to four is published
as ``<5``, and the counts around it are left empty until none can be worked out by subtracting (the registered
suppliers minus those that responded). It names no supplier and holds nothing a supplier wrote.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.city import CITY_TIME_ZONE
from core.disclosure import Dimension, Table
from opendata.datasets import CONTINUOUSLY, Column, Dataset, declare
from opendata.selectors import PeriodKey, Row, shown_counts
from procurement.models import ResponseStatus, Rfi, RfiStatus

SUPPLIERS = "suppliers"
RESPONDED = "responses"
NOT_RESPONDED = "suppliers_without_response"
COUNT_COLUMNS = (SUPPLIERS, RESPONDED, NOT_RESPONDED)


def published_rfis():
    return (
        Rfi.objects.filter(status=RfiStatus.PUBLISHED)
        .select_related("case__unit", "case")
        .order_by("-published_at", "-pk")
    )


def protected_counts(counts: dict[int, dict[str, int]]) -> dict[Any, str]:
    """Each request's counts as published: the figure, ``<5`` or empty (``core.disclosure.protect``)."""
    if not counts:
        return {}
    table = Table(
        [Dimension.flat(counts), Dimension.tree({SUPPLIERS: (RESPONDED, NOT_RESPONDED)})],
        {(pk, column): n for pk, row in counts.items() for column, n in row.items()},
    )
    return shown_counts(table)


def dialogue_periods(*, now: datetime | None = None) -> list[PeriodKey]:
    """A list of requests as they are now has no reporting periods."""
    return []


def _day(moment: datetime | None) -> str:
    return timezone.localtime(moment, CITY_TIME_ZONE).date().isoformat() if moment else ""


def dialogue_rows(*, year: int | None = None, period: str | None = None, now: datetime | None = None) -> list[Row]:
    """Every published request for information as a row, its responses counted in the same query."""
    rfis = list(
        published_rfis().annotate(
            responded=Count("responses", filter=Q(responses__status=ResponseStatus.SUBMITTED), distinct=True)
        )
    )
    counts = {
        r.pk: {SUPPLIERS: r.supplier_count, RESPONDED: r.responded, NOT_RESPONDED: r.supplier_count - r.responded}
        for r in rfis
    }
    shown = protected_counts(counts)
    rows: list[Row] = []
    with translation.override("sv"):
        for rfi in rfis:
            rows.append(
                {
                    "url": reverse("procurement:rfi", args=[rfi.pk]),
                    "title": rfi.title,
                    "organisation": rfi.case.unit.name,
                    "published": _day(rfi.published_at),
                    "questions_close": _day(rfi.questions_close_at),
                    "responses_close": _day(rfi.responses_close_at),
                    "published_answers": rfi.published_question_count,
                    **{column: shown.get((rfi.pk, column), "") for column in COUNT_COLUMNS},
                }
            )
    return rows


DIALOGUES = declare(
    Dataset(
        key="market_dialogues",
        title=_("The city's market dialogues"),
        description=_(
            "The requests for information the city has published to suppliers before a procurement: what it "
            "asked the market, which organisation, the last days for questions and written responses, how many "
            "answers were published to every supplier, and how many suppliers registered and responded. One row "
            "per request, newest first. A count from one to four is shown as <5, and counts that would reveal it "
            "are left empty. No supplier is named and nothing a supplier wrote is included."
        ),
        keywords=(
            _("innovation"),
            pgettext_lazy("open data keyword", "procurement"),
            _("municipality"),
            _("public sector"),
        ),
        columns=(
            Column("url", _("The request's page.")),
            Column("title", _("The request's title.")),
            Column("organisation", _("The unit that buys.")),
            Column("published", _("The day it was published (YYYY-MM-DD).")),
            Column("questions_close", _("The last day for questions (YYYY-MM-DD).")),
            Column("responses_close", _("The last day for written responses (YYYY-MM-DD).")),
            Column("published_answers", _("Questions answered and published to every supplier.")),
            Column("suppliers", _("Suppliers registered (<5 for one to four; empty if withheld).")),
            Column("responses", _("Suppliers that sent a written response.")),
            Column("suppliers_without_response", _("Registered suppliers that sent no written response.")),
        ),
        rows=dialogue_rows,
        periods=dialogue_periods,
        summary=_("What the city has asked suppliers before buying something new, and how many took part."),
        audience=_("Suppliers, researchers and journalists who want to follow how the city talks with the market."),
        preview_columns=(
            ("title", pgettext_lazy("market dialogue", "Request")),
            ("organisation", _("Organisation")),
            ("suppliers", _("Suppliers")),
        ),
        periodic=False,
        frequency=CONTINUOUSLY,
        how_often=_("As soon as a request is published or a supplier takes part."),
        api_url_name="api:procurement_cases",
        api_description=_("The published requests for information as JSON, in pages (limit and offset)."),
    ),
    position=45,
)
