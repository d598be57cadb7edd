"""Governance follow-up in the demo city: three years of goals, targets, activities and reports.

Written through ``governance.services`` only, after the ideas, with each service's ``now``
set so that reports are submitted before their deadlines and reviewed afterwards. Every
period that has ended is open for reports; all are approved except in the latest, which has
reports in every state: approved, submitted, returned with a comment, drafts (among them
Farsta's, with time left to finish it) and one draft whose deadline has passed.
"""

from __future__ import annotations

import contextlib
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from auditlog.context import disable_auditlog

from core.models import Notification
from governance import services
from governance.models import (
    Goal,
    Indicator,
    IndicatorValue,
    Report,
    ReportingPeriod,
    ReportStatus,
    period_bounds,
)
from organisation.models import ORGANISATION_KINDS, Unit, UnitKind, User
from sample_data import governance_history as history
from sample_data.demo import governance_texts as texts

if TYPE_CHECKING:
    from sample_data.demo import Cast, DemoBuilder

#: The indicators of the reports count the calls' applications and grants and the adoptions of good examples:
#: the calls and the spread of examples come first.
AFTER = ("calls", "spread", "surveys", "learning")
#: How the latest period's reports are spread over the states (Farsta's and the late draft come on top).
LATEST_MIX = ((history.RETURNED, 5), (history.DRAFT, 7), (history.SUBMITTED, 10))


def audited(keep: bool) -> contextlib.AbstractContextManager:
    """The audit log records what people do from now on; the backdated history is written without it.

    Its entries would all carry the moment the demo was built, not the moments the history
    tells of, and writing them would double the time the history takes to build.
    """
    return contextlib.nullcontext() if keep else disable_auditlog()


@dataclass
class Content:
    """A finished report's text and figures."""

    sentences: list[str]
    outcomes: dict[int, tuple[str, str]]  # entered indicator id -> (value, source)
    assessments: dict[int, tuple[str, str]]  # goal id -> (fulfilment, comment)

    @property
    def narrative(self) -> str:
        return " ".join(self.sentences)


@dataclass
class Organisation:
    unit: Unit
    office: User
    manager: User
    themes: list[str]
    goal_texts: list[texts.GoalText]
    survey: float  # this organisation's result in the employee survey, the first year
    residents: float  # and in the residents' survey
    goals: dict[int, list[Goal]] = field(default_factory=dict)  # year -> its goals


def build(demo: DemoBuilder) -> None:
    GovernanceDemo(rng=demo.rng, now=demo.now, cast=demo.cast, out=demo.out, years=demo.governance_years).build()


class GovernanceDemo:
    """Builds the demo's governance follow-up for the cast of ``sample_data.demo.DemoBuilder``."""

    def __init__(
        self, *, rng: random.Random, now: datetime, cast: Cast, out: Callable[[str], None], years: int = 3
    ) -> None:
        if cast.director is None or cast.executive_office is None:
            raise RuntimeError("The demo cast has no director or executive office; create the people first.")
        self.rng = rng
        self.now = now
        self.clock = history.Clock(rng, now)
        self.today = self.clock.today
        self.years = list(range(self.today.year - years + 1, self.today.year + 1))
        self.first_year = self.today.year - 2  # the goals of the current year are the third set of DEMO_CITY_GOALS
        self.director: User = cast.director
        self.office: User = cast.executive_office
        self.cast = cast
        self.out = out
        self.root = Unit.objects.get(depth=1)
        self.indicators: dict[str, Indicator] = {}
        self.city_goals: dict[int, list[Goal]] = {}
        self.targets: dict[tuple[int, int, int], Decimal] = {}  # (indicator, unit, year) -> target
        self.goal_indicators: dict[int, list[Indicator]] = {}
        self.goal_strands: dict[int, str] = {}
        self.orgs: list[Organisation] = []

    def build(self) -> None:
        services.indicators_sync()
        self.indicators = {i.computation: i for i in Indicator.objects.exclude(computation="")}
        for spec in texts.ENTERED_INDICATORS:
            self.indicators[spec.code] = services.indicator_create(
                by=self.director,
                code=spec.code,
                name=spec.name,
                measure=spec.measure,
                direction=spec.direction,
                source=spec.source,
                description=spec.description,
            )
        self.orgs = self._organisations()
        for year in self.years:
            index = year - self.first_year
            with audited(year == self.today.year):
                self._city_goals(year, index)
                for org in self.orgs:
                    self._org_goals(org, year, index)
        self.out(f"{Goal.objects.count()} goals")
        periods = [
            services.reporting_period_open(by=self.office, year=year, period=period)
            for year in self.years
            for period in history.PERIODS
            if period_bounds(year, period)[1] <= self.now
        ]
        if not periods:
            return
        latest = periods[-1]
        # The late draft is in the latest period once its deadline has passed; otherwise in the one before.
        late_in = latest if latest.deadline < self.today or len(periods) == 1 else periods[-2]
        late_org = self.rng.choice([o for o in self.orgs if "Farsta" not in o.unit.name])
        for period in periods:
            with audited(period == latest):
                self._reports(period, latest=period == latest, late_org=late_org if period == late_in else None)
            self.out(f"reports {period.period} {period.year}")
        states = ", ".join(f"{n} {state}" for state, n in demo_report_states().items())
        self.out(f"{Report.objects.count()} reports; the latest period: {states}")
        # News of the earlier periods was read long ago; the latest period's is waiting.
        earlier = Report.objects.exclude(reporting_period=latest)
        urls = [report.get_absolute_url() for report in earlier.only("pk")]
        Notification.objects.filter(url__in=urls, read_at__isnull=True).update(read_at=self.now)

    # -- organisations and goals ---------------------------------------------------
    def _organisations(self) -> list[Organisation]:
        orgs = []
        for unit in Unit.objects.filter(kind__in=ORGANISATION_KINDS).order_by("path"):
            themes = texts.themes_for(unit.sectors)
            if unit.kind == UnitKind.DISTRICT_ADMINISTRATION:
                # Every district does all of it; each puts its own fields first.
                self.rng.shuffle(themes)
            # An organisation's goals come from its main field of work, and from the next if that has few.
            goal_texts = []
            for theme in themes:
                more = list(texts.THEME_GOALS[theme])
                self.rng.shuffle(more)
                goal_texts.extend(more)
                if len(goal_texts) >= 3:
                    break
            orgs.append(
                Organisation(
                    unit=unit,
                    office=self.cast.offices[unit.pk],
                    manager=self.cast.managers[unit.pk],
                    themes=themes,
                    goal_texts=goal_texts,
                    survey=self.rng.uniform(50, 70),
                    residents=self.rng.uniform(26, 42),
                )
            )
        return orgs

    def _city_goals(self, year: int, index: int) -> None:
        goals = []
        for number in texts.DEMO_CITY_GOALS[index % len(texts.DEMO_CITY_GOALS)]:
            spec = texts.CITY_GOALS[number]
            indicators = [self.indicators[key] for key in spec.indicators]
            goal = services.goal_create(
                by=self.director,
                year=year,
                unit=self.root,
                title=spec.title,
                description=spec.description,
                indicators=indicators,
            )
            goals.append(goal)
            self.goal_indicators[goal.pk] = indicators
            self.goal_strands[goal.pk] = spec.strand
            for indicator in indicators:
                value = history.target_value(
                    indicator.computation or indicator.code, rng=self.rng, city=True, headcount=0, year_index=index
                )
                self._target(self.director, indicator, self.root, year, value)
            for title in self.rng.sample(texts.CITY_ACTIVITIES[spec.strand], k=2):
                self._activity(goal, self.director, self.office, title, year)
        self.city_goals[year] = goals

    def _org_goals(self, org: Organisation, year: int, index: int) -> None:
        by = org.manager if self.rng.random() < 0.5 else org.office
        count = 2 if self.rng.random() < 0.45 else 1
        goals: list[Goal] = []
        for n in range(count):
            text = org.goal_texts[(index * 2 + n) % len(org.goal_texts)]
            if any(g.title == text.title for g in goals):
                continue
            parent = next(
                (g for g in self.city_goals[year] if self.goal_strands[g.pk] == text.strand), self.city_goals[year][0]
            )
            linked = self.goal_indicators[parent.pk]
            indicators = self.rng.sample(linked, k=min(len(linked), self.rng.choice((1, 2, 2))))
            goal = services.goal_create(
                by=by, year=year, unit=org.unit, parent=parent, title=text.title, indicators=indicators
            )
            goals.append(goal)
            self.goal_indicators[goal.pk] = indicators
            self.goal_strands[goal.pk] = text.strand
            for indicator in indicators:
                if (indicator.pk, org.unit.pk, year) not in self.targets:
                    value = history.target_value(
                        indicator.computation or indicator.code,
                        rng=self.rng,
                        city=False,
                        headcount=org.unit.headcount,
                        year_index=index,
                    )
                    self._target(by, indicator, org.unit, year, value)
            for title in self.rng.sample(text.activities, k=self.rng.choice((1, 2, 2, 3))):
                owner = org.office if self.rng.random() < 0.6 else org.manager
                self._activity(goal, by, owner, title, year)
        org.goals[year] = goals

    def _target(self, by: User, indicator: Indicator, unit: Unit, year: int, value: Decimal) -> None:
        services.target_set(by=by, indicator=indicator, unit=unit, year=year, value=value)
        self.targets[(indicator.pk, unit.pk, year)] = value

    def _activity(self, goal: Goal, by: User, owner: User, title: str, year: int) -> None:
        starts = date(year, self.rng.randint(1, 9), self.rng.choice((1, 15)))
        ends = min(starts + timedelta(days=self.rng.randint(60, 240)), date(year, 12, 31))
        if starts > self.today:
            status = "planned"
        elif ends < self.today:
            status = "cancelled" if self.rng.random() < 0.08 else "done"
        else:
            status = "ongoing"
        services.activity_add(goal=goal, by=by, title=title, owner=owner, starts_on=starts, ends_on=ends, status=status)

    # -- reports -----------------------------------------------------------------------
    def _reports(self, period: ReportingPeriod, *, latest: bool, late_org: Organisation | None) -> None:
        services.indicator_values_ensure(year=period.year, period=period.period)
        values = {
            (indicator_id, unit_id): (value, basis)
            for indicator_id, unit_id, value, basis in IndicatorValue.objects.filter(
                year=period.year, period=period.period
            ).values_list("indicator_id", "unit_id", "value", "basis")
        }
        states = {org.unit.pk: history.APPROVED for org in self.orgs}
        if latest:
            others = [o for o in self.orgs if "Farsta" not in o.unit.name and o is not late_org]
            self.rng.shuffle(others)
            start = 0
            for state, n in LATEST_MIX:
                for org in others[start : start + n]:
                    states[org.unit.pk] = state
                start += n
            for org in self.orgs:
                if "Farsta" in org.unit.name:
                    states[org.unit.pk] = history.FARSTA
        if late_org is not None:
            states[late_org.unit.pk] = history.LATE
        for org in self.orgs:
            self._report(period, org, states[org.unit.pk], values)

    def _report(
        self,
        period: ReportingPeriod,
        org: Organisation,
        state: str,
        values: dict[tuple[int, int], tuple[Decimal | None, int]],
    ) -> None:
        rng = self.rng
        writer, other = (org.office, org.manager) if rng.random() < 0.65 else (org.manager, org.office)
        people = {
            history.WRITER: writer,
            history.OTHER: other,
            history.REVIEWER: self.office if rng.random() < 0.8 else self.director,
            history.OFFICE: self.office,
        }
        report = services.report_start(by=writer, reporting_period=period, unit=org.unit)
        content = self._content(period, org, values)
        steps = history.report_story(
            rng,
            self.clock,
            state=state,
            deadline=report.deadline,
            first_day=period_bounds(period.year, period.period)[1].date() + timedelta(days=1),
            company=org.unit.kind == UnitKind.COMPANY,
        )
        for step in steps:
            by = people[step.by]
            if step.action == history.HALF:
                # Half written: the opening lines, one of the surveys and all but the last goal.
                services.report_save(
                    report=report,
                    by=by,
                    expected_version=report.version,
                    narrative=" ".join(content.sentences[:2]),
                    outcomes=dict(list(content.outcomes.items())[:1]),
                    assessments=dict(list(content.assessments.items())[:-1]),
                )
            elif step.action in (history.SAVE, history.COMPLETE):
                completion = f" {step.comment}" if step.comment else ""
                services.report_save(
                    report=report,
                    by=by,
                    expected_version=report.version,
                    narrative=content.narrative + completion,
                    outcomes=content.outcomes,
                    assessments=content.assessments,
                )
            elif step.action == history.SUBMIT:
                services.report_submit(report=report, by=by, expected_version=report.version, now=step.at)
            elif step.action == history.RETURN:
                services.report_return(report=report, by=by, comment=step.comment, now=step.at)
            elif step.action == history.APPROVE:
                services.report_approve(report=report, by=by, comment=step.comment, now=step.at)
            elif step.action == history.EXTEND:
                services.report_extend_deadline(
                    report=report, by=by, deadline=step.deadline, comment=step.comment, now=step.at
                )

    def _content(
        self, period: ReportingPeriod, org: Organisation, values: dict[tuple[int, int], tuple[Decimal | None, int]]
    ) -> Content:
        """The narrative, entered outcomes and goal assessments of a finished report."""
        rng, year, key = self.rng, period.year, period.period
        received = values.get((self.indicators["ideas_per_thousand"].pk, org.unit.pk), (None, 0))[1]
        sentences = history.narrative(rng, period=key, themes=org.themes, received=received)
        entered = history.survey_results(
            rng, survey=org.survey, residents=org.residents, year=year, period=key, first_year=self.first_year
        )
        outcomes = {
            self.indicators[code].pk: (history.swedish(value), source) for code, (value, source) in entered.items()
        }
        assessments = {}
        for goal in [*self.city_goals.get(year, []), *org.goals.get(year, [])]:
            comparisons = []
            for indicator in self.goal_indicators[goal.pk]:
                target = self.targets.get((indicator.pk, org.unit.pk, year))
                value = entered[indicator.code][0] if indicator.code in entered else None
                if indicator.computation:
                    value = values.get((indicator.pk, org.unit.pk), (None, 0))[0]
                if target is not None and value is not None:
                    comparisons.append((value, target, indicator.measure, indicator.direction))
            assessments[goal.pk] = history.assess(
                rng, strand=self.goal_strands[goal.pk], period=key, comparisons=comparisons
            )
        return Content(sentences, outcomes, assessments)


def demo_report_states() -> dict[str, int]:
    """How many reports of the latest period are in each state (for the demo's summary)."""
    latest = ReportingPeriod.objects.order_by("-year", "-period").first()
    if latest is None:
        return {}
    states = dict.fromkeys(ReportStatus.values, 0)
    for status in latest.reports.values_list("status", flat=True):
        states[status] += 1
    return states
