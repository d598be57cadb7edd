"""The open dataset of the city's public challenges, in the open-data catalogue.

One row per public challenge (published to residents, suppliers, students and researchers, or anyone; never an
internal one, never a draft or a cancelled one), newest first: what it asks, who, when, and how many answers
came in, in total and from each kind of person. The counts go through ``core/disclosure.py``: a count from one
to four is published as ``<5``, and the counts around it are left empty until none can be worked out by
subtracting (a challenge's total minus its other sources). It names no one.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from challenges.challenges.rules import SHOWN
from challenges.models import PUBLIC_AUDIENCES, Audience, Challenge
from core.city import CITY_TIME_ZONE
from core.disclosure import Dimension, Table
from ideas.models import Source
from opendata.datasets import CONTINUOUSLY, Column, Dataset, declare
from opendata.selectors import PeriodKey, Row, shown_counts

#: The kinds of person a public challenge's answers are counted by; ``staff`` is every other source.
SOURCE_COLUMNS = {
    Source.RESIDENT: "answers_residents",
    Source.SUPPLIER: "answers_suppliers",
    Source.UNIVERSITY: "answers_university",
}
STAFF = "answers_staff"
TOTAL = "answers"
COUNT_COLUMNS = (TOTAL, *SOURCE_COLUMNS.values(), STAFF)


def public_challenges():
    return (
        Challenge.objects.filter(audience__in=PUBLIC_AUDIENCES, status__in=SHOWN)
        .select_related("unit")
        .order_by("-opens_at", "-pk")
    )


def protected_counts(counts: dict[int, dict[str, int]]) -> dict[Any, str]:
    """Each challenge's counts as published: the figure, ``<5`` or empty (``core.disclosure.protect``)."""
    if not counts:
        return {}
    parts = tuple(c for c in COUNT_COLUMNS if c != TOTAL)
    table = Table(
        [Dimension.flat(counts), Dimension.tree({TOTAL: parts})],
        {(pk, column): n for pk, row in counts.items() for column, n in row.items()},
    )
    return shown_counts(table)


def challenge_periods(*, now: datetime | None = None) -> list[PeriodKey]:
    """A list of challenges as they are now has no reporting periods."""
    return []


def challenge_rows(*, year: int | None = None, period: str | None = None, now: datetime | None = None) -> list[Row]:
    """Every public challenge as a row, its answers counted by source in the same query."""
    by_source = {
        column: Count("answers", filter=Q(answers__idea__source=source)) for source, column in SOURCE_COLUMNS.items()
    }
    challenges = list(public_challenges().annotate(**by_source))
    counts: dict[int, dict[str, int]] = {}
    for c in challenges:
        row = {column: getattr(c, column) for column in SOURCE_COLUMNS.values()}
        row[TOTAL] = c.answer_count
        row[STAFF] = c.answer_count - sum(row[column] for column in SOURCE_COLUMNS.values())
        counts[c.pk] = row
    shown = protected_counts(counts)
    rows: list[Row] = []
    with translation.override("sv"):
        audiences = dict(Audience.choices)
        for challenge in challenges:
            rows.append(
                {
                    "url": reverse("challenges:challenge", args=[challenge.pk]),
                    "title": challenge.title,
                    "organisation": challenge.unit.name,
                    "question": challenge.question,
                    "audience": challenge.audience,
                    "audience_name": str(audiences.get(challenge.audience, "")),
                    "opens": timezone.localtime(challenge.opens_at, CITY_TIME_ZONE).date().isoformat(),
                    "closes": timezone.localtime(challenge.closes_at, CITY_TIME_ZONE).date().isoformat(),
                    "summary_published": "yes" if challenge.summarised_at else "no",
                    **{column: shown.get((challenge.pk, column), "") for column in COUNT_COLUMNS},
                }
            )
    return rows


CHALLENGES = declare(
    Dataset(
        key="challenges",
        title=_("The city's public challenges"),
        description=_(
            "The questions the city has put to residents, suppliers, students and researchers: what it asked, "
            "who, when, and how many answers came in, in total and from each kind of person. One row per "
            "challenge, newest first. A count from one to four is shown as <5, and counts that would reveal it "
            "are left empty. No one is named."
        ),
        keywords=(
            _("innovation"),
            pgettext_lazy("open data keyword", "challenges"),
            _("municipality"),
            _("public sector"),
        ),
        columns=(
            Column("url", _("The challenge's page.")),
            Column("title", _("The challenge's title.")),
            Column("organisation", _("The unit that asks.")),
            Column("question", _("The question.")),
            Column("audience", _("Who is asked: residents, suppliers, academia or anyone.")),
            Column("audience_name", _("Who is asked, in Swedish.")),
            Column("opens", _("The day it opened (YYYY-MM-DD).")),
            Column("closes", _("The day after the last day to answer (YYYY-MM-DD).")),
            Column("summary_published", _("Whether the summary of what came in is published: yes or no.")),
            Column("answers", _("Answers in total (<5 for one to four; empty if withheld).")),
            Column("answers_residents", _("Answers from residents.")),
            Column("answers_suppliers", _("Answers from suppliers.")),
            Column("answers_university", _("Answers from students and researchers.")),
            Column("answers_staff", _("Answers from the city's staff and others.")),
        ),
        rows=challenge_rows,
        periods=challenge_periods,
        summary=_("The problems the city has asked for help with, and how many answered."),
        audience=_("Residents, suppliers, researchers and journalists who want to follow how the city asks for ideas."),
        preview_columns=(
            ("title", pgettext_lazy("challenge", "Challenge")),
            ("organisation", _("Organisation")),
            ("answers", _("Answers")),
        ),
        periodic=False,
        frequency=CONTINUOUSLY,
        how_often=_("As soon as a challenge is published or answered."),
        api_url_name="api:challenges_list",
        api_description=_("The public challenges as JSON, in pages (limit and offset)."),
    ),
    position=40,
)
