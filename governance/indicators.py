"""Indicators computed from Språng's own data, for every unit of the city at once.

Each computation answers, for one period [start, end), a figure per unit that counts the
unit and everything below it. Every figure depends only on what happened before ``end``,
so a past period always gives the same value (a decision or an assessment made later does
not change it). Each figure also has a *basis*: how many ideas it rests on, so that open
data can suppress figures too small to publish.

Adoptions of good examples by other units have no computation: that feature does not yet
exist, and an indicator that cannot be computed is absent rather than shown as zero.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from statistics import median

from django.db.models import Case, Count, Exists, F, OuterRef, Subquery, Sum, When
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from calls.models import FUNDING_PROGRAMMES, Application, Decision
from governance.models import Direction, Measure, quantize
from ideas.lock import Stage
from ideas.models import Assessment, GateDecision, Idea, Source
from organisation.models import Unit

#: Sources from outside the city's own staff (M2): the mix the strategy asks to follow.
EXTERNAL_SOURCES = (Source.RESIDENT, Source.SUPPLIER, Source.UNIVERSITY, Source.CITY_UNIT, Source.FEEDBACK)


@dataclass(frozen=True)
class Figure:
    value: Decimal | None
    basis: int


#: unit id → figure
Figures = dict[int, Figure]


@dataclass(frozen=True)
class Computation:
    key: str
    label: Promise
    description: Promise
    measure: str
    direction: str
    compute: Callable[[datetime, datetime], Figures]


class _Tree:
    """Rolls figures kept per unit up to every unit above it, by materialised path."""

    def __init__(self) -> None:
        self.units = list(Unit.objects.values_list("pk", "path", "headcount"))
        self.by_path = {path: pk for pk, path, _ in self.units}
        self.path_of = {pk: path for pk, path, _ in self.units}
        self.headcount = {pk: headcount for pk, _, headcount in self.units}

    def ancestors(self, unit_id: int) -> Iterable[int]:
        path = self.path_of.get(unit_id, "")
        for end in range(Unit.steplen, len(path) + 1, Unit.steplen):
            pk = self.by_path.get(path[:end])
            if pk is not None:
                yield pk

    def sum_up(self, per_unit: Iterable[tuple[int, int]]) -> dict[int, int]:
        totals: dict[int, int] = defaultdict(int)
        for unit_id, n in per_unit:
            for pk in self.ancestors(unit_id):
                totals[pk] += n
        return totals

    def sum_up_once(self, per_units: Iterable[tuple[Iterable[int | None], int | Decimal]]) -> dict[int, Decimal]:
        """Like ``sum_up``, for rows that belong to several units: each unit above any of them counts a row once."""
        totals: dict[int, Decimal] = defaultdict(Decimal)
        for unit_ids, n in per_units:
            for pk in {a for unit_id in unit_ids if unit_id is not None for a in self.ancestors(unit_id)}:
                totals[pk] += n
        return totals

    def collect_up(self, per_unit: Iterable[tuple[int, float]]) -> dict[int, list[float]]:
        values: dict[int, list[float]] = defaultdict(list)
        for unit_id, v in per_unit:
            for pk in self.ancestors(unit_id):
                values[pk].append(v)
        return values


def _received(start: datetime, end: datetime):
    return Idea.objects.filter(created_at__gte=start, created_at__lt=end)


def ideas_per_thousand(start: datetime, end: datetime) -> Figures:
    tree = _Tree()
    received = tree.sum_up(_received(start, end).order_by().values_list("unit_id").annotate(n=Count("pk")))
    # The headcount of a unit is its own figure; administrations carry the whole staff.
    result: Figures = {}
    for pk, _path, headcount in tree.units:
        if headcount:
            n = received.get(pk, 0)
            result[pk] = Figure(quantize(Decimal(n) * 1000 / headcount), n)
    return result


def answered_in_time(start: datetime, end: datetime) -> Figures:
    """Of the ideas whose first answer fell due in the period, the share answered by then."""
    due = Idea.objects.filter(answer_due_at__gte=start, answer_due_at__lt=end).order_by().values_list("unit_id")
    tree = _Tree()
    all_due = tree.sum_up(due.annotate(n=Count("pk")))
    in_time = tree.sum_up(due.filter(answered_at__lte=F("answer_due_at")).annotate(n=Count("pk")))
    return {pk: Figure(quantize(Decimal(in_time.get(pk, 0)) * 100 / n), n) for pk, n in all_due.items() if n}


def reached_pilot(start: datetime, end: datetime) -> Figures:
    """Ideas that were decided into a pilot in the period."""
    decisions = (
        GateDecision.objects.filter(to_stage=Stage.PILOT, decided_at__gte=start, decided_at__lt=end)
        .order_by()
        .values_list("idea__unit_id")
        .annotate(n=Count("idea", distinct=True))
    )
    tree = _Tree()
    totals = tree.sum_up(decisions)
    return {pk: Figure(Decimal(totals.get(pk, 0)), totals.get(pk, 0)) for pk, _p, _h in tree.units}


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
    tree = _Tree()
    totals = tree.sum_up(per_unit.items())
    return {pk: Figure(Decimal(totals.get(pk, 0)), totals.get(pk, 0)) for pk, _p, _h in tree.units}


def external_share(start: datetime, end: datetime) -> Figures:
    """Share of the ideas received that came from outside the city's staff (M2)."""
    received = _received(start, end).order_by().values_list("unit_id")
    tree = _Tree()
    everything = tree.sum_up(received.annotate(n=Count("pk")))
    external = tree.sum_up(received.filter(source__in=EXTERNAL_SOURCES).annotate(n=Count("pk")))
    return {pk: Figure(quantize(Decimal(external.get(pk, 0)) * 100 / n), n) for pk, n in everything.items() if n}


def call_applications(start: datetime, end: datetime) -> Figures:
    """Applications and entries submitted in the period to the calls, from the unit or about its ideas.

    An application counts for its own unit and for its idea's unit (once where both are in the
    same subtree); withdrawn ones count too (they were made).
    """
    rows = (
        Application.objects.filter(submitted_at__gte=start, submitted_at__lt=end)
        .order_by()
        .values_list("unit_id", "idea__unit_id")
        .annotate(n=Count("pk"))
    )
    tree = _Tree()
    totals = tree.sum_up_once(((unit_id, idea_unit_id), n) for unit_id, idea_unit_id, n in rows)
    return {pk: Figure(Decimal(int(totals.get(pk, 0))), int(totals.get(pk, 0))) for pk, _p, _h in tree.units}


def granted_funding(start: datetime, end: datetime) -> Figures:
    """Kronor granted by the decisions made in the period, to applications of the unit or about its ideas.

    An application counts for its own unit and for its idea's unit (once where both are in the
    same subtree); the basis is the number of grants.
    """
    grants = (
        Decision.objects.filter(
            granted=True,
            amount__isnull=False,
            decided_at__gte=start,
            decided_at__lt=end,
            application__call__programme__in=FUNDING_PROGRAMMES,
        )
        .order_by()
        .values_list("application__unit_id", "application__idea__unit_id")
        .annotate(total=Sum("amount"), n=Count("pk"))
    )
    rows = [((unit_id, idea_unit_id), total, n) for unit_id, idea_unit_id, total, n in grants]
    tree = _Tree()
    amounts = tree.sum_up_once((units, total) for units, total, _n in rows)
    basis = tree.sum_up_once((units, n) for units, _total, n in rows)
    return {pk: Figure(quantize(amounts.get(pk, Decimal(0))), int(basis.get(pk, 0))) for pk, _p, _h in tree.units}


#: The stages of the innovation lock an idea is worked on in (after the idea stage, before an end state).
IN_THE_LOCK = (Stage.PRESTUDY, Stage.PILOT, Stage.IMPLEMENTATION, Stage.SPREAD)


def funded_share(start: datetime, end: datetime) -> Figures:
    """Of the ideas in pre-study, pilot, implementation or spread at the period's end, the share granted
    money from the innovation fund or stipend by then. The basis is the number of those ideas."""
    stage_at_end = GateDecision.objects.filter(idea=OuterRef("pk"), decided_at__lt=end).order_by("-decided_at", "-pk")
    funded = Decision.objects.filter(
        granted=True,
        decided_at__lt=end,
        application__idea=OuterRef("pk"),
        application__call__programme__in=FUNDING_PROGRAMMES,
    )
    rows = list(
        Idea.objects.filter(created_at__lt=end)
        .annotate(
            # An idea not moved since the end is still where it was; only the others need their decisions read.
            stage_at_end=Case(
                When(stage_changed_at__lt=end, then=F("stage")),
                default=Subquery(stage_at_end.values("to_stage")[:1]),
            )
        )
        .filter(stage_at_end__in=IN_THE_LOCK)
        .order_by()
        .values_list("unit_id")
        .annotate(n=Count("pk"), funded=Count("pk", filter=Exists(funded)))
    )
    tree = _Tree()
    in_lock = tree.sum_up((unit_id, n) for unit_id, n, _funded in rows)
    with_funding = tree.sum_up((unit_id, n) for unit_id, _n, n in rows)
    return {pk: Figure(quantize(Decimal(with_funding.get(pk, 0)) * 100 / n), n) for pk, n in in_lock.items() if n}


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
        tree = _Tree()
        spans = tree.collect_up(
            (unit_id, (left - came).total_seconds() / 86400) for unit_id, left, came in rows.order_by() if came
        )
        return {pk: Figure(quantize(median(days)), len(days)) for pk, days in spans.items() if days}

    return compute


COMPUTATIONS: dict[str, Computation] = {
    c.key: c
    for c in (
        Computation(
            "ideas_per_thousand",
            _("Ideas received per 1,000 employees"),
            _("Ideas received in the period, per 1,000 of the unit's employees."),
            Measure.PER_THOUSAND,
            Direction.HIGHER,
            ideas_per_thousand,
        ),
        Computation(
            "answered_in_time",
            _("Ideas answered within the deadline"),
            _("Of the ideas whose first answer fell due in the period, the share answered by the deadline."),
            Measure.PERCENT,
            Direction.HIGHER,
            answered_in_time,
        ),
        Computation(
            "reached_pilot",
            _("Ideas that reached pilot"),
            _("Ideas decided into a pilot in the period."),
            Measure.COUNT,
            Direction.HIGHER,
            reached_pilot,
        ),
        Computation(
            "realised_innovations",
            _("Realised innovations"),
            _(
                "Changes assessed in the period as innovations: substantially new, value-creating, put into practice and used (M1)."
            ),
            Measure.COUNT,
            Direction.HIGHER,
            realised_innovations,
        ),
        Computation(
            "external_share",
            _("Ideas from outside the city's staff"),
            _("Share of the ideas received from residents, suppliers, universities, other units and feedback (M2)."),
            Measure.PERCENT,
            Direction.HIGHER,
            external_share,
        ),
        Computation(
            "median_days_idea",
            _("Median days to the first decision"),
            _("Median days from an idea's submission to its first gate decision, over the decisions in the period."),
            Measure.DAYS,
            Direction.LOWER,
            _median_days(Stage.IDEA),
        ),
        Computation(
            "median_days_prestudy",
            _("Median days in pre-study"),
            _("Median days in pre-study, over the pre-studies that ended in the period."),
            Measure.DAYS,
            Direction.LOWER,
            _median_days(Stage.PRESTUDY),
        ),
        Computation(
            "median_days_pilot",
            _("Median days in pilot"),
            _("Median days in pilot, over the pilots that ended in the period."),
            Measure.DAYS,
            Direction.LOWER,
            _median_days(Stage.PILOT),
        ),
        Computation(
            "median_days_implementation",
            _("Median days in implementation"),
            _("Median days in implementation, over the implementations that ended in the period."),
            Measure.DAYS,
            Direction.LOWER,
            _median_days(Stage.IMPLEMENTATION),
        ),
        Computation(
            "call_applications",
            _("Applications to the calls"),
            _(
                "Applications and entries submitted in the period to the innovation fund, the stipend and the "
                "awards, from the unit or about its ideas."
            ),
            Measure.COUNT,
            Direction.HIGHER,
            call_applications,
        ),
        Computation(
            "granted_funding",
            _("Granted innovation funding"),
            _(
                "Kronor granted in the period from the innovation fund and the innovation stipend, to applications from "
                "the unit or about its ideas."
            ),
            Measure.SEK,
            Direction.HIGHER,
            granted_funding,
        ),
        Computation(
            "funded_share",
            _("Ideas in the lock that got funding"),
            _(
                "Of the ideas in pre-study, pilot, implementation or spread at the period's end, the share granted "
                "money from the innovation fund or the innovation stipend by then."
            ),
            Measure.PERCENT,
            Direction.HIGHER,
            funded_share,
        ),
    )
}


def computation_choices() -> list[tuple[str, str]]:
    return [(key, str(c.label)) for key, c in COMPUTATIONS.items()]
