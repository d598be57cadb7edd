"""The governance indicator over the employee survey's innovation items: their mean per unit, from shown results only.

A year's results belong to the period its year ends in (the survey is yearly: a yearly period gets its own year's
results, a tertial the year's only when it is the last of the year). A unit's figure is the mean of its items' means,
where its own result is shown: a unit's result already counts the units below it, so nothing is summed up the tree,
and a unit whose result is not shown has no figure (working it out from other units' figures would undo the
anonymity rules). The basis is the fewest respondents of the unit's shown items.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.city import CITY_TIME_ZONE
from governance.indicators import Figure, Figures, computation
from governance.models import Direction, Measure
from surveys.models import EmployeeSurveyResult, ResultStatus


def _years_ending_in(start: datetime, end: datetime) -> list[int]:
    """The years whose last moment falls in [start, end)."""
    first, last = timezone.localtime(start, CITY_TIME_ZONE), timezone.localtime(end, CITY_TIME_ZONE)
    years = []
    for year in range(first.year - 1, last.year + 1):
        year_end = datetime(year + 1, 1, 1, tzinfo=CITY_TIME_ZONE)
        if start < year_end <= end:
            years.append(year)
    return years


@computation(
    "employee_survey_innovation_mean",
    label=_("The employee survey's innovation items (mean)"),
    description=_(
        "The mean, on the scale 1 to 5, of the employee survey's innovation items for the unit and the units below "
        "it, in the year ending in the period; only where the results may be shown."
    ),
    measure=Measure.MEAN,
    direction=Direction.HIGHER,
    position=160,
)
def innovation_mean(start: datetime, end: datetime) -> Figures:
    rows = EmployeeSurveyResult.objects.filter(
        year__in=_years_ending_in(start, end), status=ResultStatus.SHOWN
    ).values_list("unit_id", "mean", "respondents")
    means: dict[int, list[Decimal]] = defaultdict(list)
    basis: dict[int, int] = {}
    for unit_id, mean, respondents in rows:
        means[unit_id].append(mean)
        basis[unit_id] = min(basis.get(unit_id, respondents), respondents)
    return {
        unit_id: Figure((sum(values, Decimal(0)) / len(values)).quantize(Decimal("0.01")), basis[unit_id])
        for unit_id, values in means.items()
    }
