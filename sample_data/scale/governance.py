"""Governance follow-up in the city-scale data: ten years of goals, targets, indicator values and reports.

Part of the city-scale data set (``sample_data/scale/``) and written the same way, in bulk, with two exceptions:
the two entered indicators are created through ``governance.services.indicator_create``, and
the computed indicators' values for every year and period are computed from the ideas by
``governance.services.indicator_values_compute``, so that a report's frozen outcomes are the
figures the product itself gives. The rest keeps the services' invariants by construction
(``sample_data/governance_history.py`` tells each report's story, as the demo plays it through the
services):

- every year the city has four innovation goals, and every administration and company about
  two of its own, each serving a city goal of the same year, with indicators from that goal,
  a target on each and one to three activities owned by its innovation office or a manager;
- every period that ended before the reference date is open, and every organisation has one
  report in it: approved in the earlier periods, in every state in the latest;
- a report has an outcome for every computed indicator and every entered one its goals follow,
  and an assessment of every goal it reports on; once submitted, its computed outcomes are
  the period's ``IndicatorValue`` for its unit (empty where there is none), source "Språng";
- its status, deadline, ``submitted_at``, ``decided_at`` and ``version`` are those its events
  leave, and its events are in time order before the reference date.

It draws on a random generator of its own, so a seed's people and ideas are what they were.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from allauth.account.models import EmailAddress
from django.db import connection

from core.city import CITY_TIME_ZONE
from governance import services
from governance.models import (
    Activity,
    ActivityStatus,
    Goal,
    GoalAssessment,
    Indicator,
    IndicatorValue,
    Outcome,
    Report,
    ReportAction,
    ReportEvent,
    ReportingPeriod,
    ReportStatus,
    Target,
    default_deadline,
    period_bounds,
)
from organisation.models import ORGANISATION_KINDS, PersonKind, Role, RoleAssignment, Unit, UnitKind, User
from sample_data import governance_history as history
from sample_data.demo import DEMO_DOMAIN
from sample_data.demo import governance_texts as texts
from sample_data.scale import timestamps_as_given

if TYPE_CHECKING:
    from sample_data.scale import People, ScaleBuilder, UnitInfo

BATCH = 5_000
#: Share of the latest period's reports left in each state (the rest are approved; Farsta's is a draft).
LATEST_MIX = ((history.RETURNED, 0.1), (history.DRAFT, 0.17), (history.SUBMITTED, 0.23))
ACTIONS = {
    history.SUBMIT: ReportAction.SUBMITTED,
    history.RETURN: ReportAction.RETURNED,
    history.APPROVE: ReportAction.APPROVED,
    history.EXTEND: ReportAction.DEADLINE_EXTENDED,
}


@dataclass
class Org:
    id: int
    kind: str
    name: str
    headcount: int
    office: int
    managers: list[int]
    themes: list[str]
    goal_texts: list[texts.GoalText]
    survey: float
    residents: float


@dataclass
class GoalInfo:
    goal: Goal
    strand: str
    indicators: list[Indicator] = field(default_factory=list)


#: The indicator values count the calls' applications and grants and the adoptions: calls and spread come first.
AFTER = ("calls", "spread")


def build(scale: ScaleBuilder) -> None:
    if connection.vendor == "postgresql":
        # The indicator values below are computed by queries over what was just loaded:
        # without statistics the planner picks nested loops and a year takes minutes.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    with timestamps_as_given(Goal, Activity, Target, ReportingPeriod, Report, RoleAssignment):
        GovernanceScale(
            seed=scale.seed,
            reference=scale.reference,
            years=scale.governance_years,
            units=scale.units,
            people=scale.people,
            say=scale.say,
        ).build()


class GovernanceScale:
    """Writes governance follow-up for the units and people ``sample_data.scale.ScaleBuilder`` has written."""

    def __init__(
        self,
        *,
        seed: int,
        reference: datetime,
        years: int,
        units: dict[int, UnitInfo],
        people: People,
        say: Callable[[str], None],
    ) -> None:
        self.rng = random.Random(f"governance-{seed}")  # noqa: S311 - test data, not secrets
        self.reference = reference
        self.clock = history.Clock(self.rng, reference)
        self.today = self.clock.today
        self.years = list(range(self.today.year - years + 1, self.today.year + 1))
        self.units = units
        self.people = people
        self.say = say
        self.root = next(u.id for u in units.values() if u.kind == UnitKind.CITY)
        self.city_goals: dict[int, list[GoalInfo]] = {}
        self.org_goals: dict[tuple[int, int], list[GoalInfo]] = {}
        self.targets: dict[tuple[int, int, int], Decimal] = {}  # (indicator, unit, year) -> target
        self.values: dict[tuple[int, int, int, str], tuple[Decimal | None, int]] = {}
        self.rows = dict.fromkeys(("reports", "outcomes", "assessments", "events"), 0)

    def build(self) -> None:
        director = User.objects.get(pk=self.people.director)
        office = self._executive_office(director)
        services.indicators_sync()
        indicators = {i.computation: i for i in Indicator.objects.exclude(computation="")}
        computed = list(indicators.values())
        for spec in texts.ENTERED_INDICATORS:
            indicators[spec.code] = services.indicator_create(
                by=director,
                code=spec.code,
                name=spec.name,
                measure=spec.measure,
                direction=spec.direction,
                source=spec.source,
                description=spec.description,
            )
        orgs = self._organisations()
        self._goals(orgs, indicators, director.pk)
        self._values()
        periods = self._periods(office)
        self._reports(periods, orgs, computed, office, director.pk)

    # -- people and organisations ---------------------------------------------------
    def _executive_office(self, director: User) -> int:
        """Stadsledningskontoret's innovation office for the whole city: opens the periods, reviews the reports."""
        slk = next((u.id for u in self.units.values() if u.code == "SLK"), director.unit_id)
        joined = director.date_joined
        user = User(
            email=f"stadsledningskontoret@{DEMO_DOMAIN}",
            name="Karin Åberg",
            kind=PersonKind.EMPLOYEE,
            unit_id=slk,
            language="sv",
            password=director.password,
            date_joined=joined,
        )
        User.objects.bulk_create([user])
        EmailAddress.objects.bulk_create([EmailAddress(user_id=user.pk, email=user.email, verified=True, primary=True)])
        RoleAssignment.objects.bulk_create(
            [RoleAssignment(user_id=user.pk, role=Role.OFFICE, unit_id=self.root, created_at=joined, updated_at=joined)]
        )
        return user.pk

    def _organisations(self) -> list[Org]:
        headcount = dict(Unit.objects.values_list("id", "headcount"))
        orgs = []
        for unit in sorted(self.units.values(), key=lambda u: u.path):
            if unit.kind not in ORGANISATION_KINDS:
                continue
            themes = texts.themes_for(unit.sectors)
            if unit.kind == UnitKind.DISTRICT_ADMINISTRATION:
                self.rng.shuffle(themes)  # every district does all of it; each puts its own fields first
            goal_texts: list[texts.GoalText] = []
            for theme in themes:
                more = list(texts.THEME_GOALS[theme])
                self.rng.shuffle(more)
                goal_texts.extend(more)
                if len(goal_texts) >= 3:
                    break
            orgs.append(
                Org(
                    id=unit.id,
                    kind=unit.kind,
                    name=unit.name,
                    headcount=headcount.get(unit.id, 0),
                    office=self.people.office.get(unit.id, self.people.director),
                    managers=self.people.managers_by_org.get(unit.id) or [self.people.director],
                    themes=themes,
                    goal_texts=goal_texts,
                    survey=self.rng.uniform(40, 60),
                    residents=self.rng.uniform(22, 36),
                )
            )
        return orgs

    # -- goals, activities and targets -----------------------------------------------
    def _goals(self, orgs: list[Org], indicators: dict[str, Indicator], director: int) -> None:
        rng = self.rng
        strands = (texts.IDEAS, texts.TRIAL, texts.SPREAD)
        by_strand = {s: [g for g in texts.CITY_GOALS if g.strand == s] for s in strands}
        for index, year in enumerate(self.years):
            chosen = [by_strand[s][index % len(by_strand[s])] for s in strands]
            extra = by_strand[strands[index % 3]]
            chosen.append(extra[(index + 1) % len(extra)])
            when = datetime(year - 1, 12, 10, 10, tzinfo=CITY_TIME_ZONE)
            self.city_goals[year] = [
                GoalInfo(
                    Goal(
                        year=year,
                        unit_id=self.root,
                        title=spec.title,
                        description=spec.description,
                        created_by_id=director,
                        created_at=when,
                        updated_at=when,
                    ),
                    spec.strand,
                    [indicators[key] for key in spec.indicators],
                )
                for spec in chosen
            ]
        Goal.objects.bulk_create([g.goal for goals in self.city_goals.values() for g in goals], batch_size=BATCH)
        for index, year in enumerate(self.years):
            for org in orgs:
                goals: list[GoalInfo] = []
                for n in range(rng.choice((1, 2, 2, 2, 3))):
                    text = org.goal_texts[(index * 2 + n) % len(org.goal_texts)]
                    if any(g.goal.title == text.title for g in goals):
                        continue
                    parent = next(
                        (g for g in self.city_goals[year] if g.strand == text.strand), self.city_goals[year][0]
                    )
                    linked = parent.indicators
                    by = org.office if rng.random() < 0.5 else rng.choice(org.managers)
                    when = datetime(year, 1, rng.randint(10, 31), rng.randint(8, 16), tzinfo=CITY_TIME_ZONE)
                    goal = Goal(
                        year=year,
                        unit_id=org.id,
                        parent_id=parent.goal.pk,
                        title=text.title,
                        created_by_id=by,
                        created_at=when,
                        updated_at=when,
                    )
                    goals.append(
                        GoalInfo(goal, text.strand, rng.sample(linked, k=min(len(linked), rng.choice((1, 2, 2)))))
                    )
                self.org_goals[(org.id, year)] = goals
        org_goals = [g for goals in self.org_goals.values() for g in goals]
        Goal.objects.bulk_create([g.goal for g in org_goals], batch_size=BATCH)
        everything = [g for goals in self.city_goals.values() for g in goals] + org_goals
        through = Goal.indicators.through
        through.objects.bulk_create(
            [through(goal_id=g.goal.pk, indicator_id=i.pk) for g in everything for i in g.indicators], batch_size=BATCH
        )
        activities = [a for g in everything for a in self._activities(g, orgs)]
        Activity.objects.bulk_create(activities, batch_size=BATCH)
        targets = self._targets(everything, orgs, director)
        Target.objects.bulk_create(targets, batch_size=BATCH)
        self.say(f"goals: {len(everything):,}; activities {len(activities):,}, targets {len(targets):,}")

    def _activities(self, info: GoalInfo, orgs: list[Org]) -> list[Activity]:
        rng, goal = self.rng, info.goal
        org = next((o for o in orgs if o.id == goal.unit_id), None)
        if org is None:
            titles = rng.sample(texts.CITY_ACTIVITIES[info.strand], k=2)
        else:
            text = next(t for t in org.goal_texts if t.title == goal.title)
            titles = rng.sample(text.activities, k=rng.choice((1, 2, 2, 3)))
        rows = []
        for title in titles:
            owner = (
                self.people.director
                if org is None
                else (org.office if rng.random() < 0.6 else rng.choice(org.managers))
            )
            starts = date(goal.year, rng.randint(1, 9), rng.choice((1, 15)))
            ends = min(starts + timedelta(days=rng.randint(60, 240)), date(goal.year, 12, 31))
            if starts > self.today:
                status = ActivityStatus.PLANNED
            elif ends < self.today:
                status = ActivityStatus.CANCELLED if rng.random() < 0.08 else ActivityStatus.DONE
            else:
                status = ActivityStatus.ONGOING
            rows.append(
                Activity(
                    goal_id=goal.pk,
                    title=title,
                    owner_id=owner,
                    starts_on=starts,
                    ends_on=ends,
                    status=status,
                    created_at=goal.created_at,
                    updated_at=goal.created_at,
                )
            )
        return rows

    def _targets(self, goals: list[GoalInfo], orgs: list[Org], director: int) -> list[Target]:
        headcount = {o.id: o.headcount for o in orgs}
        rows = []
        for info in goals:
            goal = info.goal
            city = goal.unit_id == self.root
            for indicator in info.indicators:
                key = (indicator.pk, goal.unit_id, goal.year)
                if key in self.targets:
                    continue
                value = history.target_value(
                    indicator.computation or indicator.code,
                    rng=self.rng,
                    city=city,
                    headcount=headcount.get(goal.unit_id, 0),
                    year_index=goal.year - self.years[0],
                )
                self.targets[key] = value
                rows.append(
                    Target(
                        indicator_id=indicator.pk,
                        unit_id=goal.unit_id,
                        year=goal.year,
                        value=value,
                        set_by_id=director if city else goal.created_by_id,
                        created_at=goal.created_at,
                        updated_at=goal.created_at,
                    )
                )
        return rows

    # -- computed values -------------------------------------------------------------
    def _values(self) -> None:
        """Every computed indicator for every unit, year and period, as the product computes them."""
        started = time.monotonic()
        for year in self.years:
            for period in history.PERIODS:
                if period_bounds(year, period)[0] <= self.reference:
                    services.indicator_values_compute(year=year, period=period, now=self.reference)
            self.say(f"indicator values: {year} ({time.monotonic() - started:.1f} s computing so far)")
        for indicator, unit, value_year, value_period, value, basis in IndicatorValue.objects.values_list(
            "indicator_id", "unit_id", "year", "period", "value", "basis"
        ):
            self.values[(indicator, unit, value_year, value_period)] = (value, basis)
        self.say(f"indicator values: {len(self.values):,} in {time.monotonic() - started:.1f} s")

    # -- reporting periods and reports -------------------------------------------------
    def _periods(self, office: int) -> list[ReportingPeriod]:
        periods = []
        for year in self.years:
            for period in history.PERIODS:
                end = period_bounds(year, period)[1]
                if end <= self.reference:
                    opened = end - timedelta(days=20)
                    periods.append(
                        ReportingPeriod(
                            year=year,
                            period=period,
                            deadline=default_deadline(year, period),
                            opened_by_id=office,
                            created_at=opened,
                            updated_at=opened,
                        )
                    )
        ReportingPeriod.objects.bulk_create(periods)
        return periods

    def _reports(
        self, periods: list[ReportingPeriod], orgs: list[Org], computed: list[Indicator], office: int, director: int
    ) -> None:
        if not periods:
            return
        rng = self.rng
        latest = periods[-1]
        late_in = latest if latest.deadline < self.today or len(periods) == 1 else periods[-2]
        late_org = rng.choice([o for o in orgs if "Farsta" not in o.name])
        for year in self.years:
            plans: list[tuple[Report, list[Outcome], list[GoalAssessment], list[ReportEvent]]] = []
            for period in (p for p in periods if p.year == year):
                states = {o.id: history.APPROVED for o in orgs}
                if period is latest:
                    others = [o for o in orgs if "Farsta" not in o.name and o is not late_org]
                    rng.shuffle(others)
                    start = 0
                    for state, share in LATEST_MIX:
                        n = max(1, round(share * len(orgs)))
                        for org in others[start : start + n]:
                            states[org.id] = state
                        start += n
                    for org in orgs:
                        if "Farsta" in org.name:
                            states[org.id] = history.FARSTA
                if period is late_in:
                    states[late_org.id] = history.LATE
                for org in orgs:
                    plans.append(self._report(period, org, states[org.id], computed, office, director))
            if not plans:
                continue
            Report.objects.bulk_create([p[0] for p in plans], batch_size=BATCH)
            for report, outcomes, assessments, events in plans:
                for outcome in outcomes:
                    outcome.report_id = report.pk
                for assessment in assessments:
                    assessment.report_id = report.pk
                for event in events:
                    event.report_id = report.pk
            Outcome.objects.bulk_create([o for p in plans for o in p[1]], batch_size=BATCH)
            GoalAssessment.objects.bulk_create([a for p in plans for a in p[2]], batch_size=BATCH)
            ReportEvent.objects.bulk_create([e for p in plans for e in p[3]], batch_size=BATCH)
            self.rows["reports"] += len(plans)
            self.say(
                f"reports: {year} ({self.rows['reports']:,}); outcomes {self.rows['outcomes']:,}, "
                f"assessments {self.rows['assessments']:,}, events {self.rows['events']:,}"
            )

    def _report(
        self, period: ReportingPeriod, org: Org, state: str, computed: list[Indicator], office: int, director: int
    ) -> tuple[Report, list[Outcome], list[GoalAssessment], list[ReportEvent]]:
        """A report and its rows as the services would have left them after its story."""
        rng, year, key = self.rng, period.year, period.period
        writer, other = (org.office, rng.choice(org.managers))
        if rng.random() < 0.35:
            writer, other = other, writer
        people = {
            history.WRITER: writer,
            history.OTHER: other,
            history.REVIEWER: office if rng.random() < 0.8 else director,
            history.OFFICE: office,
        }
        first_day = period_bounds(year, key)[1].date() + timedelta(days=1)
        steps = history.report_story(
            rng,
            self.clock,
            state=state,
            deadline=period.deadline,
            first_day=first_day,
            company=org.kind == UnitKind.COMPANY,
        )
        goals = [*self.city_goals.get(year, []), *self.org_goals.get((org.id, year), [])]
        received = self.values.get((computed_pk(computed, "ideas_per_thousand"), org.id, year, key), (None, 0))[1]
        sentences = history.narrative(rng, period=key, themes=org.themes, received=received)
        entered = history.survey_results(
            rng, survey=org.survey, residents=org.residents, year=year, period=key, first_year=self.years[0]
        )
        judged = [self._assess(info, org, year, key, entered) for info in goals]
        linked = {i.pk: i for info in goals for i in info.indicators if not i.computation}
        outcomes = {i.pk: Outcome(indicator_id=i.pk) for i in [*computed, *linked.values()]}
        assessments = [GoalAssessment(goal_id=info.goal.pk) for info in goals]
        report = Report(
            reporting_period_id=period.pk,
            unit_id=org.id,
            status=ReportStatus.DRAFT,
            deadline=period.deadline,
            version=1,
        )
        events = []
        for step in steps:
            if step.action in (history.HALF, history.SAVE, history.COMPLETE):
                half = step.action == history.HALF
                report.narrative = " ".join(sentences[:2] if half else sentences)
                if step.action == history.COMPLETE:
                    report.narrative = f"{report.narrative} {step.comment}"
                entries = [i for i in linked.values() if i.code in entered]
                for indicator in entries[:1] if half else entries:
                    outcomes[indicator.pk].value, outcomes[indicator.pk].source = entered[indicator.code]
                for assessment, (fulfilment, comment) in list(zip(assessments, judged, strict=True))[
                    : -1 if half else None
                ]:
                    assessment.fulfilment, assessment.comment = fulfilment, comment
            elif step.action == history.SUBMIT:
                report.status, report.submitted_at = ReportStatus.SUBMITTED, step.at
                for indicator in computed:
                    outcome = outcomes[indicator.pk]
                    outcome.value, outcome.basis = self.values.get((indicator.pk, org.id, year, key), (None, 0))
                    outcome.source = "Språng"
            elif step.action == history.RETURN:
                report.status = ReportStatus.RETURNED
            elif step.action == history.APPROVE:
                report.status, report.decided_at = ReportStatus.APPROVED, step.at
            elif step.action == history.EXTEND and step.deadline is not None:
                report.deadline = step.deadline
            if step.action in ACTIONS:
                events.append(
                    ReportEvent(action=ACTIONS[step.action], by_id=people[step.by], at=step.at, comment=step.comment)
                )
            report.version += 1
        moments = [s.at for s in steps] or [self.clock.day(min(first_day, self.today))]
        report.created_at, report.updated_at = min(moments), max(moments)
        self.rows["outcomes"] += len(outcomes)
        self.rows["assessments"] += len(assessments)
        self.rows["events"] += len(events)
        return report, list(outcomes.values()), assessments, events

    def _assess(
        self, info: GoalInfo, org: Org, year: int, period: str, entered: dict[str, tuple[Decimal, str]]
    ) -> tuple[str, str]:
        comparisons = []
        for indicator in info.indicators:
            target = self.targets.get((indicator.pk, org.id, year))
            if indicator.computation:
                value = self.values.get((indicator.pk, org.id, year, period), (None, 0))[0]
            else:
                value = entered[indicator.code][0] if indicator.code in entered else None
            if target is not None and value is not None:
                comparisons.append((value, target, indicator.measure, indicator.direction))
        return history.assess(self.rng, strand=info.strand, period=period, comparisons=comparisons)


def computed_pk(computed: list[Indicator], key: str) -> int:
    return next(i.pk for i in computed if i.computation == key)


def counts() -> dict[str, int]:
    """Rows per governance table."""
    return {
        "goals": Goal.objects.count(),
        "activities": Activity.objects.count(),
        "targets": Target.objects.count(),
        "indicator values": IndicatorValue.objects.count(),
        "reporting periods": ReportingPeriod.objects.count(),
        "reports": Report.objects.count(),
        "outcomes": Outcome.objects.count(),
        "goal assessments": GoalAssessment.objects.count(),
        "report events": ReportEvent.objects.count(),
    }
