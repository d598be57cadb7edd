"""How governance follow-up unfolds, for the demo city (``core/demo_governance.py``) and the city-scale data.

Targets, the story of each report (saved, submitted, returned, approved, given more time, each
at its moment) and what a report says. The demo plays a story through ``governance.services``;
the city-scale data writes the rows the same services would have written.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from core.city import CITY_TIME_ZONE
from governance.models import Fulfilment, Measure, Period, ReportStatus
from sample_data.demo import governance_texts as texts

PERIODS = (Period.T1, Period.T2, Period.ANNUAL)
#: How much of the year a period covers, for targets on counts (which are set for the whole year).
YEAR_SHARE = {Period.T1: Decimal(4) / 12, Period.T2: Decimal(8) / 12, Period.ANNUAL: Decimal(1)}

# Where a report ends up. FARSTA is a draft half written, with time left; LATE a draft past its deadline.
APPROVED, SUBMITTED, RETURNED, DRAFT, FARSTA, LATE = "approved", "submitted", "returned", "draft", "farsta", "late"

# What is done to a report.
HALF, SAVE, COMPLETE, SUBMIT, RETURN, APPROVE, EXTEND = (
    "half",
    "save",
    "complete",
    "submit",
    "return",
    "approve",
    "extend",
)
# Who does it: one of the unit's writers, the other writer, the reviewer, or the executive office.
WRITER, OTHER, REVIEWER, OFFICE = "writer", "other", "reviewer", "office"


def target_value(key: str, *, rng: random.Random, city: bool, headcount: int, year_index: int) -> Decimal:
    """A plausible yearly target on an indicator, for the city or for one organisation of ``headcount`` people."""
    step = Decimal(min(year_index, 4))
    if key == "ideas_per_thousand":
        return Decimal(3) + step / 2 if city else Decimal(rng.choice((2, 3, 4, 5, 6)))
    if key == "answered_in_time":
        return Decimal(85) + 5 * min(step, Decimal(2)) if city else Decimal(rng.choice((80, 85, 90, 95)))
    if key == "external_share":
        return Decimal(30) + 2 * step if city else Decimal(rng.choice((20, 25, 30, 35, 40)))
    if key == "reached_pilot":
        return Decimal(55) + 5 * step if city else Decimal(max(1, headcount // 900 + rng.randint(0, 1)))
    if key == "realised_innovations":
        return Decimal(20) + 4 * step if city else Decimal(max(1, headcount // 1500 + rng.randint(0, 1)))
    if key == "median_days_idea":
        return Decimal(21) if city else Decimal(rng.choice((14, 21, 25, 30)))
    if key in ("median_days_prestudy", "median_days_pilot", "median_days_implementation"):
        return Decimal(90) if city else Decimal(rng.choice((60, 75, 90, 120)))
    if key == texts.SURVEY:
        return Decimal(65) + 2 * step if city else Decimal(rng.choice((60, 65, 70, 75)))
    return Decimal(40) + 2 * step if city else Decimal(rng.choice((30, 35, 40, 45)))


def assess(
    rng: random.Random, *, strand: str, period: str, comparisons: list[tuple[Decimal, Decimal, str, str]]
) -> tuple[str, str]:
    """Met, partly or not met, and why, from (outcome, yearly target, measure, direction) of a goal's indicators."""
    met = 0
    for value, target, measure, direction in comparisons:
        if measure in (Measure.COUNT, Measure.PER_THOUSAND):
            target = target * YEAR_SHARE[Period(period)]
        met += value <= target if direction == "lower" else value >= target
    if not comparisons or rng.random() < 0.15:
        weights = {Period.T1: (15, 70, 15), Period.T2: (30, 55, 15)}.get(Period(period), (45, 40, 15))
        fulfilment = rng.choices((Fulfilment.MET, Fulfilment.PARTLY, Fulfilment.NOT_MET), weights)[0]
    elif met == len(comparisons):
        fulfilment = Fulfilment.MET
    elif met == 0 and rng.random() < 0.6:
        fulfilment = Fulfilment.NOT_MET
    else:
        fulfilment = Fulfilment.PARTLY
    return fulfilment, rng.choice(texts.ASSESSMENTS[strand][fulfilment])


def narrative(rng: random.Random, *, period: str, themes: list[str], received: int) -> list[str]:
    """The sentences of a report's narrative: the period, the work in the unit's fields, the ideas received."""
    work = [s for theme in themes[:2] for s in texts.WORK.get(theme, ())]
    return [
        rng.choice(texts.OPENINGS[period]),
        *rng.sample(work, k=min(2, len(work))),
        texts.inflow(received, rng.choice),
        rng.choice(texts.CLOSINGS[period]),
    ]


def swedish(value: Decimal) -> str:
    """A figure as a person types it: decimal comma."""
    return str(value).replace(".", ",")


def survey_results(
    rng: random.Random, *, survey: float, residents: float, year: int, period: str, first_year: int
) -> dict[str, tuple[Decimal, str]]:
    """The entered indicators' figures and sources for a report, from the unit's results in ``first_year``.

    The surveys are made in the autumn: tertial reports give last year's result, the annual report this year's.
    """
    measured = year if period == Period.ANNUAL else year - 1
    growth = measured - first_year + 1
    employees = min(survey + 1.5 * min(growth, 12) + rng.uniform(-1, 1), 95.0)
    people = min(residents + 1.0 * min(growth, 12) + rng.uniform(-1, 1), 95.0)
    return {
        texts.SURVEY: (Decimal(f"{employees:.1f}"), f"Medarbetarenkäten {measured}"),
        texts.RESIDENTS: (Decimal(f"{people:.1f}"), f"Medborgarundersökningen {measured}"),
    }


@dataclass(frozen=True)
class Step:
    """One thing done to a report. Saves carry a moment too, though the services stamp them when they run."""

    action: str
    at: datetime
    by: str = WRITER
    comment: str = ""
    deadline: date | None = None  # an extension's new deadline


class Clock:
    """Moments in office hours, Stockholm time, never later than an hour before ``now``."""

    def __init__(self, rng: random.Random, now: datetime) -> None:
        self.rng = rng
        self.now = now
        self.today = timezone.localtime(now, CITY_TIME_ZONE).date()

    def day(self, day: date) -> datetime:
        moment = datetime.combine(day, time(self.rng.randint(8, 16), self.rng.randint(0, 59)), tzinfo=CITY_TIME_ZONE)
        return min(moment, self.now - timedelta(hours=1))

    def later(self, moment: datetime, lo: int, hi: int) -> date:
        """The day (in Stockholm) a few days after ``moment``."""
        return timezone.localtime(moment, CITY_TIME_ZONE).date() + timedelta(days=self.rng.randint(lo, hi))


def report_story(
    rng: random.Random, clock: Clock, *, state: str, deadline: date, first_day: date, company: bool
) -> list[Step]:
    """What happens to a report that is to end in ``state``, in time order of the service calls.

    Submissions come on or before the deadline in force; reviews after them; a report still being
    written when its deadline is near or past is given more time (except the LATE one). A report
    still under review long after the period's deadline was given more time and submitted lately.
    Of the approved reports, one in ten was returned once and completed first.
    """
    steps: list[Step] = []
    today = clock.today
    current = deadline
    board = "styrelsens" if company else "nämndens"

    def extend(on: datetime | None = None, reason: str = "") -> None:
        nonlocal current
        if current > today + timedelta(days=3):
            return
        new = max(today + timedelta(days=rng.randint(7, 21)), current + timedelta(days=7))
        if on is None:
            span = max((today - current).days + 2, 0)
            on = clock.day(current - timedelta(days=3) + timedelta(days=rng.randint(0, span)))
        comment = reason or rng.choice(texts.EXTENSION_REASONS).format(board=board)
        steps.append(Step(EXTEND, on, OFFICE, comment, new))
        current = new

    if state in (FARSTA, LATE, DRAFT):
        if state != DRAFT or rng.random() < 0.6:
            steps.append(Step(HALF, clock.day(first_day + timedelta(days=rng.randint(0, 10)))))
        if state != LATE:
            extend()
        return steps
    returned_before = state == APPROVED and rng.random() < 0.1
    if state in (SUBMITTED, RETURNED) and deadline < today - timedelta(days=7):
        extend(on=clock.day(deadline - timedelta(days=rng.randint(1, 5))))
        ago = rng.randint(2, 12) + (8 if state == RETURNED else 0)
        submitted = clock.day(max(deadline + timedelta(days=1), today - timedelta(days=ago)))
    else:
        ahead = rng.randint(6, 12) if state == RETURNED or returned_before else rng.randint(0, 10)
        submitted = clock.day(max(first_day, deadline - timedelta(days=ahead)))
    steps.insert(0, Step(SAVE, submitted - timedelta(hours=rng.randint(2, 72))))
    steps.append(Step(SUBMIT, submitted))
    if state == SUBMITTED:
        return steps
    if state == RETURNED:
        returned = clock.day(min(clock.later(submitted, 2, 7), today - timedelta(days=1)))
        if returned > submitted:  # else built right after the period ended: no time yet for a review
            steps.append(Step(RETURN, returned, REVIEWER, rng.choice(texts.RETURN_COMMENTS)))
            extend(on=returned + timedelta(minutes=10), reason=texts.AFTER_RETURN)
        return steps
    if returned_before:
        returned = clock.day(clock.later(submitted, 1, 3))
        steps.append(Step(RETURN, returned, REVIEWER, rng.choice(texts.RETURN_COMMENTS)))
        submitted = clock.day(min(clock.later(returned, 1, 3), current))
        steps.append(Step(COMPLETE, returned + (submitted - returned) / 2, OTHER, rng.choice(texts.COMPLETIONS)))
        steps.append(Step(SUBMIT, submitted, OTHER))
    approved = clock.day(min(clock.later(submitted, 2, 25), today - timedelta(days=1)))
    if approved > submitted:
        comment = rng.choice(texts.APPROVAL_AFTER_RETURN if returned_before else texts.APPROVAL_COMMENTS)
        steps.append(Step(APPROVE, approved, REVIEWER, comment))
    return steps


def status_after(steps: list[Step]) -> str:
    """The report's status once ``steps`` are done."""
    status = ReportStatus.DRAFT
    for step in steps:
        status = {
            SUBMIT: ReportStatus.SUBMITTED,
            RETURN: ReportStatus.RETURNED,
            APPROVE: ReportStatus.APPROVED,
        }.get(step.action, status)
    return status
