"""The open dataset of the survey of the managers' capacity to innovate: per closed round, the whole city's and each
kind of organisation's result per question (the companies, the specialist and the district administrations).

Only results the anonymity rules show are published (``GroupResult`` rows with status ``shown``). The number of
scores goes through ``core/disclosure.py`` as a table of the city and its kinds of organisation, with the rest of the
city (the answers of units outside every shown kind) as a virtual node: a count from one to four would be published
as ``<5`` and the counts around it withheld, and a mean is published only where its count is. The anonymity rules
already keep the city minus the kinds shown at none or at least as many answers as results need, so nobody's
answers can be worked out by subtracting.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.disclosure import Dimension, Table
from opendata.datasets import CONTINUOUSLY, Column, Dataset, declare
from opendata.selectors import PeriodKey, Row, shown_counts
from organisation.models import ORGANISATION_KINDS
from surveys.models import GroupResult, Question, QuestionKind, ResultStatus, RoundState, Scope, TargetGroup

CITY = "city"
REST = "rest"


def survey_periods(*, now: datetime | None = None) -> list[PeriodKey]:
    """The closed rounds' results as they are now have no reporting periods."""
    return []


def _shown_rows():
    return (
        GroupResult.objects.filter(
            round__state=RoundState.CLOSED,
            round__results_at__isnull=False,
            round__target_group=TargetGroup.MANAGERS,
            scope__in=(Scope.CITY, Scope.KIND),
            version__isnull=True,
            status=ResultStatus.SHOWN,
            scored__isnull=False,
        )
        .select_related("round")
        .order_by("-round__year", "-round__pk", "question_key")
    )


def protected_counts(rows: list[GroupResult]) -> dict[tuple, str]:
    """Each (round, question, group) count as published: the figure, ``<5`` or empty (``core.disclosure``)."""
    if not rows:
        return {}
    pairs = sorted({(r.round_id, r.question_key) for r in rows})
    values: dict[tuple, int] = {}
    for r in rows:
        values[((r.round_id, r.question_key), CITY if r.scope == Scope.CITY else r.kind)] = r.scored or 0
    groups = Dimension.tree({CITY: (*ORGANISATION_KINDS, REST)}, virtual=[REST])
    return shown_counts(Table([Dimension.flat(pairs), groups], values))


def survey_rows(*, year: int | None = None, period: str | None = None, now: datetime | None = None) -> list[Row]:
    rows = list(_shown_rows())
    shown = protected_counts(rows)
    version_of = {r.round_id: r.round.version_id for r in rows}
    texts: dict[int, dict[str, str]] = defaultdict(dict)
    for version_id, key, text, kind in Question.objects.filter(version_id__in=set(version_of.values())).values_list(
        "version_id", "key", "text_sv", "kind"
    ):
        if kind == QuestionKind.SCALE:
            texts[version_id][key] = text
    out: list[Row] = []
    with translation.override("sv"):
        for r in rows:
            found = texts[version_of[r.round_id]].get(r.question_key)
            if found is None:
                continue  # a question of an earlier version only, or a free-text question
            group = CITY if r.scope == Scope.CITY else r.kind
            count = shown.get(((r.round_id, r.question_key), group), "")
            out.append(
                {
                    "url": reverse("surveys:results", args=[r.round_id]),
                    "round": r.round.name_sv,
                    "year": r.round.year,
                    "group": group,
                    "question_key": r.question_key,
                    "question_text": found,
                    "mean": f"{r.mean:.2f}" if count.isdigit() and r.mean is not None else "",
                    "scored": count,
                }
            )
    return out


SURVEY_RESULTS = declare(
    Dataset(
        key="survey_results",
        title=_("The survey of the capacity to innovate: results per question"),
        description=_(
            "The results of the city's survey of its managers' capacity to innovate: the strategy's five success "
            "factors and the capability areas, each a statement rated from 1 (disagree entirely) to 5 (agree "
            "entirely). One row per closed round, group and question: the whole city, the companies, the specialist "
            "administrations and the district administrations, with the mean score and how many gave a score. A "
            "group is published only where enough people answered that nobody's answers can be worked out, "
            "including by subtracting one group from another. A count from one to four would be shown as <5 and "
            "its mean left out."
        ),
        keywords=(_("innovation"), _("survey"), _("municipality"), _("public sector")),
        columns=(
            Column("url", _("The round's results page (for city staff).")),
            Column("round", _("The survey round, in Swedish.")),
            Column("year", _("The year the round measures.")),
            Column(
                "group",
                _(
                    "city (the whole city), company, specialist_administration or district_administration (the "
                    "kind of organisation)."
                ),
            ),
            Column("question_key", _("The question's key: the same key in two rounds is the same question.")),
            Column("question_text", _("The statement, in Swedish.")),
            Column("mean", _("The mean score from 1 to 5, with a decimal point; empty when not published.")),
            Column("scored", _("How many gave a score of 1–5 (<5 for one to four; empty if withheld).")),
        ),
        rows=survey_rows,
        periods=survey_periods,
        summary=_(
            "How the city's managers rate their organisations' capacity to innovate, year by year, for the whole "
            "city and for the companies and administrations side by side."
        ),
        audience=_("Politicians, researchers and residents who follow the city's innovation strategy."),
        preview_columns=(
            ("group", pgettext_lazy("survey results", "Group")),
            ("question_key", _("Question")),
            ("mean", _("Mean (1–5)")),
        ),
        periodic=False,
        frequency=CONTINUOUSLY,
        how_often=_("When a survey round closes."),
        api_url_name="api:opendata_datasets",
        api_description=_("The datasets' descriptions as JSON, each with the address of its CSV file."),
    ),
    position=55,
)
