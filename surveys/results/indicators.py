"""The governance indicators of the managers' survey: one per success factor of the strategy, the mean score 1–5 of
its question for a unit (its administration or company and the units below it; the city for the whole city) in the
closed managers' rounds whose year falls in the period. Each figure is the mean of that unit's ``shown`` result row
(``surveys.results.compute``): a unit whose result is not shown has no figure, so the indicator gives away nothing
its results page does not show."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from governance.indicators import Figure, Figures, computation
from governance.models import Direction, Measure, quantize
from organisation.models import Unit
from surveys.models import GroupResult, ResultStatus, RoundState, Scope, TargetGroup
from surveys.rounds.default import FACTORS

#: The success factors' names, in the order of ``FACTORS``.
NAMES = {
    "strategy": _("Clear strategy and goals"),
    "leadership": _("Committed leadership"),
    "time": _("Time set aside"),
    "process": _("Systematic process"),
    "expectations": _("Clear expectations"),
}


def factor_means(key: str, start: datetime, end: datetime) -> Figures:
    """Per unit, the mean of the factor's ``shown`` rows in the managers' rounds of the years in [start, end) that
    closed before ``end`` (so a past period keeps its value); the city's figure is its city row. The basis is the
    number of scores."""
    last_year = (end - timedelta(microseconds=1)).year
    rows = GroupResult.objects.filter(
        round__state=RoundState.CLOSED,
        round__results_at__isnull=False,
        round__closed_at__lt=end,
        round__target_group=TargetGroup.MANAGERS,
        round__year__gte=start.year,
        round__year__lte=last_year,
        scope__in=(Scope.CITY, Scope.UNIT),
        version__isnull=True,
        question_key=key,
        status=ResultStatus.SHOWN,
        mean__isnull=False,
        scored__isnull=False,
    ).values_list("round_id", "scope", "unit_id", "mean", "scored")
    city = Unit.objects.get_first_root_node()
    totals: dict[int, list[float]] = {}
    seen: set[tuple[int, int]] = set()
    # The city's row counts for the city's top unit once per round, even where the top unit has a row of its own.
    for round_id, scope, unit_id, mean, scored in sorted(rows, key=lambda r: r[1] != Scope.CITY):
        pk = city.pk if scope == Scope.CITY and city else unit_id
        if pk is None or (round_id, pk) in seen:
            continue
        seen.add((round_id, pk))
        total = totals.setdefault(pk, [0.0, 0])
        total[0] += (mean or 0.0) * (scored or 0)
        total[1] += scored or 0
    return {pk: Figure(quantize(Decimal(str(s / n))), int(n)) for pk, (s, n) in totals.items() if n}


def _declare(position: int, key: str) -> None:
    def compute(start: datetime, end: datetime) -> Figures:
        return factor_means(key, start, end)

    computation(
        f"survey_factor_{key}",
        label=format_lazy(_("Success factor: {name} (mean 1–5)"), name=NAMES.get(key, key)),
        description=_(
            "The mean score from 1 to 5 the managers gave the success factor in the closed survey rounds of the "
            "period's year, where the anonymity rules show the unit's result."
        ),
        measure=Measure.MEAN,
        direction=Direction.HIGHER,
        position=position,
    )(compute)


for _position, _key in enumerate(FACTORS, start=155):
    _declare(_position, _key)
