"""The governance indicators computed over the ideas (``governance.indicators``): ideas received per
1,000 employees, answered in time, reached pilot, realised innovations (M1), from outside the staff
(M2), and the median days in each stage."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from statistics import median

from django.db.models import Count, F, OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from governance.indicators import Figure, Figures, Tree, computation
from governance.models import Direction, Measure, quantize
from ideas.lock import Stage
from ideas.models import Assessment, GateDecision, Idea, Source
from organisation.models import Unit

#: Sources from outside the city's own staff (M2): the mix the strategy asks to follow.
EXTERNAL_SOURCES = (Source.RESIDENT, Source.SUPPLIER, Source.UNIVERSITY, Source.CITY_UNIT, Source.FEEDBACK)


def _received(start: datetime, end: datetime):
    return Idea.objects.filter(created_at__gte=start, created_at__lt=end)


@computation(
    "ideas_per_thousand",
    label=_("Ideas received per 1,000 employees"),
    description=_("Ideas received in the period, per 1,000 of the unit's employees."),
    measure=Measure.PER_THOUSAND,
    direction=Direction.HIGHER,
    position=10,
)
def ideas_per_thousand(start: datetime, end: datetime) -> Figures:
    tree = Tree()
    received = tree.sum_up(_received(start, end).order_by().values_list("unit_id").annotate(n=Count("pk")))
    # The headcount of a unit is its own figure; administrations carry the whole staff.
    result: Figures = {}
    for pk, _path, headcount in tree.units:
        if headcount:
            n = received.get(pk, 0)
            result[pk] = Figure(quantize(Decimal(n) * 1000 / headcount), n)
    return result


@computation(
    "answered_in_time",
    label=_("Ideas answered within the deadline"),
    description=_("Of the ideas whose first answer fell due in the period, the share answered by the deadline."),
    measure=Measure.PERCENT,
    direction=Direction.HIGHER,
    position=20,
)
def answered_in_time(start: datetime, end: datetime) -> Figures:
    """Of the ideas whose first answer fell due in the period, the share answered by then."""
    due = Idea.objects.filter(answer_due_at__gte=start, answer_due_at__lt=end).order_by().values_list("unit_id")
    tree = Tree()
    all_due = tree.sum_up(due.annotate(n=Count("pk")))
    in_time = tree.sum_up(due.filter(answered_at__lte=F("answer_due_at")).annotate(n=Count("pk")))
    return {pk: Figure(quantize(Decimal(in_time.get(pk, 0)) * 100 / n), n) for pk, n in all_due.items() if n}


@computation(
    "reached_pilot",
    label=_("Ideas that reached pilot"),
    description=_("Ideas decided into a pilot in the period."),
    measure=Measure.COUNT,
    direction=Direction.HIGHER,
    position=30,
)
def reached_pilot(start: datetime, end: datetime) -> Figures:
    """Ideas that were decided into a pilot in the period."""
    decisions = (
        GateDecision.objects.filter(to_stage=Stage.PILOT, decided_at__gte=start, decided_at__lt=end)
        .order_by()
        .values_list("idea__unit_id")
        .annotate(n=Count("idea", distinct=True))
    )
    tree = Tree()
    totals = tree.sum_up(decisions)
    return {pk: Figure(Decimal(totals.get(pk, 0)), totals.get(pk, 0)) for pk, _p, _h in tree.units}


@computation(
    "realised_innovations",
    label=_("Realised innovations"),
    description=_(
        "Changes assessed in the period as innovations: substantially new, value-creating, put into practice and used (M1)."
    ),
    measure=Measure.COUNT,
    direction=Direction.HIGHER,
    position=40,
)
def realised_innovations(start: datetime, end: datetime) -> Figures:
    """Innovations (M1) by each idea's latest assessment before the period's end, if made in the period.

    The same rule as ``ideas.selectors.innovation_counts``, grouped by unit.
    """
    latest = Assessment.objects.filter(idea=OuterRef("pk"), assessed_at__lt=end).order_by("-assessed_at", "-pk")
    rows = (
        Idea.objects.filter(assessments__assessed_at__gte=start, assessments__assessed_at__lt=end)
        .annotate(
            latest_at=Subquery(latest.values("assessed_at")[:1]), latest_is=Subquery(latest.values("is_innovation")[:1])
        )
        .filter(latest_at__gte=start, latest_is=True)
        .order_by()
        .values_list("unit_id", "pk")
        .distinct()
    )
    per_unit: dict[int, int] = defaultdict(int)
    for unit_id, _pk in rows:
        per_unit[unit_id] += 1
    tree = Tree()
    totals = tree.sum_up(per_unit.items())
    return {pk: Figure(Decimal(totals.get(pk, 0)), totals.get(pk, 0)) for pk, _p, _h in tree.units}


@computation(
    "external_share",
    label=_("Ideas from outside the city's staff"),
    description=_(
        "Share of the ideas received from residents, suppliers, universities, other units and feedback (M2)."
    ),
    measure=Measure.PERCENT,
    direction=Direction.HIGHER,
    position=50,
)
def external_share(start: datetime, end: datetime) -> Figures:
    """Share of the ideas received that came from outside the city's staff (M2)."""
    received = _received(start, end).order_by().values_list("unit_id")
    tree = Tree()
    everything = tree.sum_up(received.annotate(n=Count("pk")))
    external = tree.sum_up(received.filter(source__in=EXTERNAL_SOURCES).annotate(n=Count("pk")))
    return {pk: Figure(quantize(Decimal(external.get(pk, 0)) * 100 / n), n) for pk, n in everything.items() if n}


def source_mix(*, start: datetime, end: datetime, unit: Unit) -> dict[str, int]:
    """How many ideas the unit (and everything below it) received from each source in the period."""
    counts = dict(
        Idea.objects.in_subtree(unit)
        .filter(created_at__gte=start, created_at__lt=end)
        .order_by()
        .values_list("source")
        .annotate(n=Count("pk"))
    )
    return {source: counts.get(source, 0) for source in Source.values}


def _median_days(stage: str) -> Callable[[datetime, datetime], Figures]:
    def compute(start: datetime, end: datetime) -> Figures:
        """Median days an idea spent in ``stage``, over the stays that ended in the period."""
        leaving = GateDecision.objects.filter(from_stage=stage, decided_at__gte=start, decided_at__lt=end)
        if stage == Stage.IDEA:
            rows = leaving.values_list("idea__unit_id", "decided_at", "idea__created_at")
        else:
            entered = GateDecision.objects.filter(
                idea=OuterRef("idea"), to_stage=stage, decided_at__lt=OuterRef("decided_at")
            ).order_by("-decided_at")
            rows = leaving.annotate(entered_at=Subquery(entered.values("decided_at")[:1])).values_list(
                "idea__unit_id", "decided_at", "entered_at"
            )
        tree = Tree()
        spans = tree.collect_up(
            (unit_id, (left - came).total_seconds() / 86400) for unit_id, left, came in rows.order_by() if came
        )
        return {pk: Figure(quantize(median(days)), len(days)) for pk, days in spans.items() if days}

    return compute


# The median days in each stage, one computation per stage.
computation(
    "median_days_idea",
    label=_("Median days to the first decision"),
    description=_(
        "Median days from an idea's submission to its first gate decision, over the decisions in the period."
    ),
    measure=Measure.DAYS,
    direction=Direction.LOWER,
    position=60,
)(_median_days(Stage.IDEA))

computation(
    "median_days_prestudy",
    label=_("Median days in pre-study"),
    description=_("Median days in pre-study, over the pre-studies that ended in the period."),
    measure=Measure.DAYS,
    direction=Direction.LOWER,
    position=70,
)(_median_days(Stage.PRESTUDY))

computation(
    "median_days_pilot",
    label=_("Median days in pilot"),
    description=_("Median days in pilot, over the pilots that ended in the period."),
    measure=Measure.DAYS,
    direction=Direction.LOWER,
    position=80,
)(_median_days(Stage.PILOT))

computation(
    "median_days_implementation",
    label=_("Median days in implementation"),
    description=_("Median days in implementation, over the implementations that ended in the period."),
    measure=Measure.DAYS,
    direction=Direction.LOWER,
    position=90,
)(_median_days(Stage.IMPLEMENTATION))
