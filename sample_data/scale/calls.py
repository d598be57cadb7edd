"""Calls in the city-scale data: ten years of the five programmes and about 20,000 applications.

Part of the city-scale data set (``sample_data/scale/``) and written the same way, in bulk, after the ideas and
before governance follow-up (whose funding indicators count the grants). The services'
invariants are kept by construction:

- every year has one published call of each programme, with its rubric, classes (the quality
  award's five, the renewal prize's four kinds) and a jury of five with one chair; calls run
  on a yearly schedule, so at the reference date the latest stipend call is open, the latest
  quality award is with its jury, and every other call is decided with its results published;
- an application is submitted between its call's opening and deadline (a draft never is);
  fund applications concern an idea in the innovation lock at the time and have cost lines
  adding up to the amount applied for; renewal nominations concern an idea in implementation
  or spread; entries to the quality award have at least five staff and budget responsibility
  (or are private providers serving mainly the city's residents); stipend applicants are
  residents of 18 or more, and last year's winners do not apply;
- an ineligible application has the office's screening note; only applications with the jury
  or decided have assignments; a juror is never assigned an application they are recused from
  (the applicant's organisation, or a declared conflict); a submitted assignment has a score
  with a comment on every criterion, within the call's scale; the chair is recused from none;
- every application with the jury in a decided call has the chair's decision, after the
  deadline and before the results were published; a granted funding application carries its
  amount (at most the amount applied for), payments never exceed it, and a project that has
  run its course has its final report, the last payment after it;
- ``version`` counts the writes the services would have made.

It draws on a random generator of its own, so a seed's people, ideas and governance are what
they were.
"""

from __future__ import annotations

import bisect
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_CEILING, Decimal
from typing import TYPE_CHECKING

from calls.models import (
    Application,
    Assignment,
    BudgetLine,
    Call,
    Category,
    Conflict,
    Criterion,
    Decision,
    FinalReport,
    Juror,
    Payment,
    Programme,
    Residence,
    Score,
    Status,
)
from calls.services import weighted_total
from core.city import CITY_TIME_ZONE
from ideas.lock import Stage
from ideas.models import GateDecision, Idea
from organisation.models import PersonKind, Unit, UnitKind, User
from sample_data.demo import calls_texts as texts
from sample_data.scale import YEARS, timestamps_as_given

if TYPE_CHECKING:
    from sample_data.scale import People, ScaleBuilder, UnitInfo

BATCH = 5_000
#: Models whose created_at/updated_at the generator sets itself.
TIMESTAMPED = (Call, Application, Juror, Conflict, Assignment)
#: Each programme's share of a year's applications.
SHARES: dict[str, float] = {
    Programme.FUND: 0.25,
    Programme.STIPEND: 0.3,
    Programme.QUALITY_AWARD: 0.15,
    Programme.RENEWAL_PRIZE: 0.15,
    Programme.OPEN_DATA_AWARD: 0.15,
}
TEXTS = {text.programme: text for text in texts.CALLS}
#: Each programme's year, as (month, day): opens, closes (23:59), decided, results published.
SCHEDULE: dict[str, tuple[tuple[int, int], ...]] = {
    Programme.FUND: ((2, 1), (3, 31), (5, 20), (5, 27)),
    Programme.RENEWAL_PRIZE: ((3, 1), (4, 30), (6, 10), (6, 15)),
    Programme.OPEN_DATA_AWARD: ((4, 1), (5, 31), (9, 1), (9, 8)),
    Programme.QUALITY_AWARD: ((8, 15), (9, 30), (11, 15), (12, 5)),
    Programme.STIPEND: ((10, 1), (11, 30), (12, 15), (12, 20)),
}
#: A call's budget until its decisions set it from what was granted.
BUDGETS: dict[str, Decimal] = {Programme.FUND: Decimal(10_000_000), Programme.STIPEND: Decimal(500_000)}
IN_THE_LOCK = (Stage.PRESTUDY, Stage.PILOT, Stage.IMPLEMENTATION, Stage.SPREAD)
REALISED = (Stage.IMPLEMENTATION, Stage.SPREAD)
QUALITY_SECTORS = {
    "Förskola": ("preschool",),
    "Skola": ("school",),
    "Äldreomsorg": ("elderly_care",),
    "Socialtjänst och funktionsnedsättning": ("social_services", "disability"),
    "Övrig verksamhet": ("library", "culture", "parks", "sport", "environment", "housing"),
}
#: The share of an application's jurors still scoring when a call is with its jury: not begun, half done.
NOT_BEGUN, HALF_DONE = 0.25, 0.15

OPEN, IN_REVIEW, DECIDED = "open", "in_review", "decided"


@dataclass
class Plan:
    """An application and the rows that hang on it."""

    application: Application
    quality: float = 0.0
    budget: list[BudgetLine] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    assignments: list[tuple[Assignment, list[Score]]] = field(default_factory=list)
    decision: Decision | None = None
    payments: list[Payment] = field(default_factory=list)
    report: FinalReport | None = None


@dataclass
class CallPlan:
    call: Call
    state: str
    criteria: list[Criterion]
    categories: list[Category]
    jurors: list[Juror]
    plans: list[Plan] = field(default_factory=list)


@dataclass
class IdeaInfo:
    id: int
    unit: int
    created: datetime
    title: str
    proposal: str
    times: list[datetime] = field(default_factory=list)
    stages: list[str] = field(default_factory=list)

    def stage_at(self, moment: datetime) -> str:
        n = bisect.bisect_left(self.times, moment)
        return self.stages[n - 1] if n else Stage.IDEA


def build(scale: ScaleBuilder) -> None:
    with timestamps_as_given(*TIMESTAMPED):
        CallsScale(
            seed=scale.seed,
            reference=scale.reference,
            years=YEARS,
            applications=scale.sizes.applications,
            units=scale.units,
            people=scale.people,
            say=scale.say,
        ).build()


class CallsScale:
    """Writes the calls for the units, people and ideas ``sample_data.scale.ScaleBuilder`` has written."""

    def __init__(
        self,
        *,
        seed: int,
        reference: datetime,
        years: int,
        applications: int,
        units: dict[int, UnitInfo],
        people: People,
        say: Callable[[str], None],
    ) -> None:
        self.rng = random.Random(f"calls-{seed}")  # noqa: S311 - test data, not secrets
        self.reference = reference
        self.years = list(range(reference.year - years + 1, reference.year + 1))
        self.total = applications
        self.units = units
        self.people = people
        self.say = say
        self.office = people.director  # the programme office: screens, assigns, pays
        self.rows = dict.fromkeys(("applications", "assignments", "scores", "decisions", "payments"), 0)
        self.unit_of = dict(User.objects.filter(kind=PersonKind.EMPLOYEE).values_list("pk", "unit_id"))
        self.org_path = {pk: u.path[: 3 * Unit.steplen] for pk, u in units.items()}
        self.headcount = dict(Unit.objects.values_list("pk", "headcount"))
        self.ideas = self._ideas()
        self.received = [idea.created for idea in self.ideas]
        self.winners: dict[tuple[str, int], set[int]] = {}

    # -- reading what is there ------------------------------------------------------------------
    def _ideas(self) -> list[IdeaInfo]:
        ideas = {
            pk: IdeaInfo(pk, unit, created, title, proposal)
            for pk, unit, created, title, proposal in Idea.objects.order_by("created_at", "pk").values_list(
                "pk", "unit_id", "created_at", "title", "proposal"
            )
        }
        for idea_id, at, stage in GateDecision.objects.order_by("decided_at", "pk").values_list(
            "idea_id", "decided_at", "to_stage"
        ):
            info = ideas[idea_id]
            info.times.append(at)
            info.stages.append(stage)
        return list(ideas.values())

    def _recused(self, juror: int, unit: int | None) -> bool:
        own = self.org_path.get(self.unit_of.get(juror) or -1)
        theirs = self.org_path.get(unit or -1)
        return bool(own and theirs and (own.startswith(theirs) or theirs.startswith(own)))

    # -- the whole load -----------------------------------------------------------------------
    def build(self) -> None:
        weights = [0.6 + 0.8 * i / max(1, len(self.years) - 1) for i in range(len(self.years))]
        plans: list[CallPlan] = []
        for year, weight in zip(self.years, weights, strict=True):
            per_year = self.total * weight / sum(weights)
            for programme in SCHEDULE:
                plan = self._call(programme, year, max(4, round(per_year * SHARES[programme])))
                if plan is not None:
                    plans.append(plan)
            self.say(f"calls: {year} planned ({sum(len(p.plans) for p in plans):,} applications so far)")
        self._write(plans)

    def _moment(self, year: int, month_day: tuple[int, int], hour: int = 10) -> datetime:
        month, day = month_day
        return datetime(year, month, day, hour, self.rng.randint(0, 59), tzinfo=CITY_TIME_ZONE).astimezone(UTC)

    def _call(self, programme: str, year: int, n: int) -> CallPlan | None:
        rng = self.rng
        opens_on, closes_on, decided_on, published_on = SCHEDULE[programme]
        opens = self._moment(year, opens_on, 9)
        if opens >= self.reference:
            return None
        closes = datetime(year, *closes_on, 23, 59, tzinfo=CITY_TIME_ZONE).astimezone(UTC)
        decided = self._moment(year, decided_on, 14)
        published = self._moment(year, published_on, 10)
        state = DECIDED if published < self.reference else IN_REVIEW if closes < self.reference else OPEN
        text = TEXTS[programme]
        created = opens - timedelta(days=30)
        call = Call(
            programme=programme,
            title=text.title.format(year=year),
            summary=text.summary,
            description=text.description,
            year=year,
            opens_at=opens,
            closes_at=closes,
            published=True,
            blind_review=programme == Programme.QUALITY_AWARD,
            min_age=18 if programme == Programme.STIPEND else None,
            no_city_employment_months=12 if programme == Programme.STIPEND else None,
            exclude_last_year_winners=programme == Programme.STIPEND,
            min_staff=5 if programme == Programme.QUALITY_AWARD else None,
            budget=BUDGETS.get(programme),
            results_published_at=published if state == DECIDED else None,
            created_by_id=self.office,
            created_at=created,
            updated_at=published if state == DECIDED else created,
        )
        criteria = [
            Criterion(call=call, name=c.name, description=c.description, weight=Decimal(c.weight))
            for c in text.criteria
        ]
        categories = [Category(call=call, name=name, entry_rule=rule) for name, rule in text.categories]
        pool = sorted({*_flatten(self.people.coaches_by_org), *_flatten(self.people.managers_by_org)})
        chosen = rng.sample(pool, k=min(5, len(pool)))
        jurors = [
            Juror(call=call, user_id=user, is_chair=i == 0, created_at=created, updated_at=created)
            for i, user in enumerate(chosen)
        ]
        plan = CallPlan(call, state, criteria, categories, jurors)
        chair_org = self.org_path.get(self.unit_of.get(chosen[0]) or -1)
        applications = self._applications(plan, n, chair_org)
        for application in applications:
            self._fate(plan, application, decided)
        self._decide(plan, decided)
        return plan

    # -- applications -----------------------------------------------------------------------------
    def _applications(self, plan: CallPlan, n: int, chair_org: str | None) -> list[Plan]:
        call = plan.call
        makers: dict[str, Callable[[CallPlan, int, datetime, str | None], Plan | None]] = {
            Programme.FUND: self._fund_application,
            Programme.STIPEND: self._stipend_application,
            Programme.QUALITY_AWARD: self._quality_entry,
            Programme.RENEWAL_PRIZE: self._renewal_nomination,
            Programme.OPEN_DATA_AWARD: self._open_data_entry,
        }
        maker = makers[call.programme]
        out = []
        span = (min(call.closes_at, self.reference) - call.opens_at).total_seconds()
        for i in range(n):
            started = call.opens_at + timedelta(seconds=self.rng.randint(3600, max(3601, int(span * 0.9))))
            made = maker(plan, i, started, chair_org)
            if made is not None:
                out.append(made)
        return out

    def _new(self, plan: CallPlan, applicant: int, started: datetime, **fields) -> Plan:
        application = Application(
            call=plan.call,
            applicant_id=applicant,
            status=Status.DRAFT,
            created_at=started,
            updated_at=started,
            version=2,  # started, then saved
            **fields,
        )
        return Plan(application, quality=self.rng.uniform(1.5, 4.8))

    def _employee(self, chair_org: str | None) -> int | None:
        for _attempt in range(20):
            org = self.rng.choice(sorted(self.people.by_org))
            staff = self.people.by_org[org]
            if staff and self.org_path.get(org) != chair_org:
                person = self.rng.choice(staff)
                if self.unit_of.get(person) is not None:
                    return person
        return None

    def _fund_application(self, plan: CallPlan, i: int, started: datetime, chair_org: str | None) -> Plan | None:
        rng = self.rng
        applicant = self._employee(chair_org)
        if applicant is None:
            return None
        unit = self.unit_of[applicant]
        in_lock = [idea for idea in self._sample_ideas(started) if idea.stage_at(started) in IN_THE_LOCK]
        own_org = self.org_path.get(unit)
        local = [idea for idea in in_lock if self.org_path.get(idea.unit) == own_org]
        candidates = local or in_lock or self._sample_ideas(started)
        if not candidates:
            return None
        idea = rng.choice(candidates)
        stage = idea.stage_at(started)
        summary, plan_text = rng.choice(texts.FUND_PLANS.get(stage, texts.FUND_PLANS["pilot"]))
        requested = Decimal(rng.randrange(100_000, 800_001, 10_000))
        made = self._new(
            plan,
            applicant,
            started,
            title=idea.title,
            summary=summary,
            description=f"{idea.proposal}\n\n{plan_text}",
            unit_id=unit,
            idea_id=idea.id,
            requested_amount=requested,
            co_financing=(requested * Decimal(rng.choice(("0.2", "0.3", "0.4"))) / 1000).quantize(Decimal(1)) * 1000,
        )
        lines = rng.choice(texts.BUDGET_LINES)
        amounts = [(requested * Decimal(str(share))).quantize(Decimal(1)) for _cost, share in lines[:-1]]
        amounts.append(requested - sum(amounts, Decimal(0)))
        made.budget = [
            BudgetLine(application=made.application, description=cost, amount=amount)
            for (cost, _share), amount in zip(lines, amounts, strict=True)
        ]
        return made

    def _sample_ideas(self, moment: datetime) -> list[IdeaInfo]:
        """Up to a few hundred of the ideas received before the moment (looking through all of them each time would
        be slow at city scale)."""
        received = bisect.bisect_left(self.received, moment)
        return [self.ideas[n] for n in self.rng.sample(range(received), k=min(400, received))]

    def _stipend_application(self, plan: CallPlan, i: int, started: datetime, chair_org: str | None) -> Plan | None:
        rng = self.rng
        last_year = self.winners.get((Programme.STIPEND, plan.call.year - 1), set())
        for _attempt in range(10):
            applicant = rng.choice(self.people.residents)
            if applicant not in last_year:
                break
        else:
            return None
        title, summary, description = rng.choice(texts.STIPEND_APPLICATIONS)
        born = date(plan.call.year - rng.randint(19, 75), rng.randint(1, 12), rng.randint(1, 28))
        return self._new(
            plan,
            applicant,
            started,
            title=title,
            summary=summary,
            description=description,
            requested_amount=Decimal(rng.randrange(15_000, 50_001, 5_000)),
            birth_date=born,
            residence=rng.choice((Residence.LIVES, Residence.LIVES, Residence.WORKS, Residence.STUDIES)),
        )

    def _quality_entry(self, plan: CallPlan, i: int, started: datetime, chair_org: str | None) -> Plan | None:
        rng = self.rng
        category = plan.categories[i % len(plan.categories)]
        if rng.random() < 0.08 and self.people.suppliers:
            # A private provider serving mainly the city's residents, entered for the district it works in.
            districts = sorted(u.id for u in self.units.values() if u.kind == UnitKind.DISTRICT_ADMINISTRATION)
            district = rng.choice([d for d in districts if self.org_path.get(d) != chair_org] or districts)
            title, summary, description = texts.PRIVATE_ENTRY
            # Registered through the committee: by the district's innovation office.
            registrar = self.people.office.get(district) or self.office
            return self._new(
                plan,
                registrar,
                started,
                title=title,
                summary=summary,
                description=description,
                category=category,
                unit_id=district,
                staff_count=rng.randint(8, 60),
                private_provider=True,
                serves_mainly_city_residents=True,
            )
        sectors = QUALITY_SECTORS[category.name]
        entering = [
            u
            for u in self.units.values()
            if u.kind == UnitKind.UNIT and self.headcount.get(u.id, 0) >= 5 and self.org_path.get(u.id) != chair_org
        ]
        units = [u.id for u in entering if any(s in u.sectors for s in sectors)] or [u.id for u in entering]
        unit = rng.choice(units)
        org = self.units[unit].org
        # Registered through the committee: by the administration's innovation office.
        applicant = self.people.office.get(org or -1) or self.office
        title, summary, description = rng.choice(texts.QUALITY_ENTRIES[category.name])
        return self._new(
            plan,
            applicant,
            started,
            title=title,
            summary=summary,
            description=description,
            category=category,
            unit_id=unit,
            staff_count=self.headcount[unit],
            has_budget_responsibility=True,
        )

    def _renewal_nomination(self, plan: CallPlan, i: int, started: datetime, chair_org: str | None) -> Plan | None:
        rng = self.rng
        ideas = [
            idea
            for idea in self._sample_ideas(started)
            if idea.stage_at(started) in REALISED and self.org_path.get(idea.unit) != chair_org
        ]
        if not ideas:
            return None
        idea = rng.choice(ideas)
        org = self.units[idea.unit].org
        applicant = rng.choice(self.people.managers_by_org.get(org or -1) or [self.office])
        kind = plan.categories[i % len(plan.categories)]
        return self._new(
            plan,
            applicant,
            started,
            title=idea.title,
            summary=texts.RENEWAL_MOTIVATIONS[kind.name],
            description=idea.proposal,
            category=kind,
            unit_id=idea.unit,
            idea_id=idea.id,
        )

    def _open_data_entry(self, plan: CallPlan, i: int, started: datetime, chair_org: str | None) -> Plan | None:
        rng = self.rng
        roll = rng.random()
        if roll < 0.5:
            applicant = rng.choice(self.people.residents)
        elif roll < 0.75 and self.people.suppliers:
            applicant = rng.choice(self.people.suppliers)
        else:
            applicant = self._employee(chair_org) or rng.choice(self.people.residents)
        title, summary, description = rng.choice(texts.OPEN_DATA_ENTRIES)
        return self._new(
            plan,
            applicant,
            started,
            title=title,
            summary=summary,
            description=description,
            open_data_used=texts.OPEN_DATA_USED[title],
        )

    # -- what becomes of each ---------------------------------------------------------------------
    def _fate(self, plan: CallPlan, made: Plan, decided: datetime) -> None:
        rng, call, application = self.rng, plan.call, made.application
        plan.plans.append(made)
        roll = rng.random()
        fates: tuple[tuple[float, str], ...]
        if plan.state == OPEN:
            fates = ((0.3, "draft"), (0.35, "withdrawn"), (0.42, "ineligible"), (1.0, "submitted"))
        elif plan.state == IN_REVIEW:
            fates = ((0.05, "draft"), (0.08, "withdrawn"), (0.15, "ineligible"), (0.2, "submitted"), (1.0, "review"))
        else:
            fates = ((0.05, "draft"), (0.09, "withdrawn"), (0.17, "ineligible"), (1.0, "review"))
        fate = next(f for limit, f in fates if roll < limit)
        if fate == "draft":
            return
        latest = min(call.closes_at, self.reference) - timedelta(minutes=5)
        submitted = min(application.created_at + timedelta(hours=rng.randint(1, 72)), latest)
        application.submitted_at = submitted
        application.status = Status.SUBMITTED
        application.version += 1
        application.updated_at = submitted
        if fate == "submitted":
            return
        if fate == "withdrawn":
            application.status = Status.WITHDRAWN
            application.version += 1
            application.updated_at = min(submitted + timedelta(days=rng.randint(1, 20)), latest)
            return
        # Screened after the deadline; while a call is open, as applications come in.
        after = submitted if plan.state == OPEN else max(submitted, call.closes_at)
        screened = min(after + timedelta(days=rng.randint(1, 10)), self.reference - timedelta(hours=2))
        application.screened_by_id = self.office
        application.screened_at = screened
        application.version += 1
        application.updated_at = screened
        if fate == "ineligible":
            application.status = Status.INELIGIBLE
            application.screening_note = rng.choice(texts.SCREENING_NOTES[call.programme])
            return
        application.status = Status.IN_REVIEW
        self._jury_work(plan, made, screened, decided)

    def _jury_work(self, plan: CallPlan, made: Plan, screened: datetime, decided: datetime) -> None:
        """Conflicts declared, assignments to the jurors not recused, and their scores."""
        rng, call, application = self.rng, plan.call, made.application
        unit = application.unit_id or self.unit_of.get(application.applicant_id)
        free = [j for j in plan.jurors if not self._recused(j.user_id, unit)]
        if len(free) > 3 and rng.random() < 0.04:
            declared = rng.choice([j for j in free if not j.is_chair])
            made.conflicts.append(
                Conflict(
                    application=application,
                    juror_id=declared.user_id,
                    reason=rng.choice(texts.CONFLICT_REASONS),
                    created_at=screened,
                    updated_at=screened,
                )
            )
            free.remove(declared)
        until = min(decided, self.reference) - timedelta(hours=1)
        for juror in rng.sample(free, k=min(3, len(free))):
            assigned = min(screened + timedelta(days=1), until)
            assignment = Assignment(
                application=application,
                juror_id=juror.user_id,
                assigned_by_id=self.office,
                version=1,
                created_at=assigned,
                updated_at=assigned,
            )
            criteria = plan.criteria
            if plan.state == IN_REVIEW:
                roll = rng.random()
                if roll < NOT_BEGUN:
                    made.assignments.append((assignment, []))
                    continue
                if roll < NOT_BEGUN + HALF_DONE:
                    criteria = criteria[: max(1, len(criteria) // 2)]
            scored_at = assigned + (until - assigned) * rng.uniform(0.2, 0.95)
            scores = []
            for criterion in criteria:
                value = min(call.scale_max, max(call.scale_min, round(made.quality + rng.gauss(0, 0.7))))
                level = "low" if value <= 2 else "middle" if value == 3 else "high"
                scores.append(
                    Score(
                        assignment=assignment,
                        criterion=criterion,
                        value=value,
                        comment=rng.choice(texts.SCORE_COMMENTS[level]),
                    )
                )
            assignment.version = 2
            assignment.updated_at = scored_at
            if len(criteria) == len(plan.criteria):
                assignment.submitted_at = scored_at
                assignment.total = weighted_total(
                    {id(s.criterion): s.value for s in scores}, {id(c): c.weight for c in plan.criteria}
                )
            made.assignments.append((assignment, scores))

    def _decide(self, plan: CallPlan, decided: datetime) -> None:
        """The chair's decisions on every application with the jury, best first; then payments and final reports."""
        if plan.state != DECIDED:
            return
        rng, call = self.rng, plan.call
        chair = next(j.user_id for j in plan.jurors if j.is_chair)
        reviewed = sorted((p for p in plan.plans if p.application.status == Status.IN_REVIEW), key=lambda p: -p.quality)
        if call.programme == Programme.FUND:
            best = reviewed[: max(1, round(len(reviewed) * 0.35))]
        elif call.programme == Programme.STIPEND:
            best = reviewed[: max(1, round(len(reviewed) * 0.2))]
        elif call.programme == Programme.OPEN_DATA_AWARD:
            best = reviewed[:2]
        else:  # the best in each class or kind
            best, classes = [], set()
            for p in reviewed:
                if id(p.application.category) not in classes:
                    classes.add(id(p.application.category))
                    best.append(p)
        winners = {id(p) for p in best}
        granted_total = Decimal(0)
        winners_here: set[int] = set()
        for made in reviewed:
            application = made.application
            granted = id(made) in winners
            amount = None
            if granted and call.is_funding:
                requested = application.requested_amount or Decimal(0)
                amount = (requested * Decimal(rng.choice(("1", "1", "0.8"))) / 1000).quantize(Decimal(1)) * 1000
                granted_total += amount
            kind = (
                ("granted" if granted else "rejected") if call.is_funding else ("winner" if granted else "not_winner")
            )
            made.decision = Decision(
                application=application,
                granted=granted,
                amount=amount,
                justification=rng.choice(texts.JUSTIFICATIONS[kind]),
                decided_by_id=chair,
                decided_at=decided,
            )
            application.status = Status.GRANTED if granted else Status.REJECTED
            application.granted_amount = amount
            application.version += 1
            application.updated_at = decided
            if granted:
                winners_here.add(application.applicant_id)
                if amount is not None:
                    self._follow_up(made, amount, decided)
        self.winners[(call.programme, call.year)] = winners_here
        if call.programme == Programme.FUND:
            # The budget the call had: what was granted, rounded up to whole millions.
            call.budget = (
                max(Decimal(1), (granted_total / 1_000_000).to_integral_value(rounding=ROUND_CEILING)) * 1_000_000
            )
        elif call.programme == Programme.STIPEND:
            call.budget = max(Decimal(500_000), Decimal(len(winners_here) * 50_000))

    def _follow_up(self, made: Plan, amount: Decimal, decided: datetime) -> None:
        """Paid 60 per cent at the start; once the project has run its course, the final report and the rest."""
        rng, application = self.rng, made.application
        today = self.reference.astimezone(CITY_TIME_ZONE).date()
        first_on = decided.astimezone(CITY_TIME_ZONE).date() + timedelta(days=rng.randint(5, 20))
        if first_on > today:
            return
        first = (amount * Decimal("0.6") / 1000).quantize(Decimal(1)) * 1000
        made.payments.append(
            Payment(
                application=application,
                amount=first,
                paid_on=first_on,
                recorded_by_id=self.office,
                note=texts.PAYMENT_NOTES[0],
            )
        )
        reported = decided + timedelta(days=rng.randint(180, 420), hours=rng.randint(0, 6))
        if reported >= self.reference:
            return
        results, lessons, spread = rng.choice(texts.FINAL_REPORTS)
        made.report = FinalReport(
            application=application,
            results=results,
            lessons=lessons,
            recommend_spread=spread,
            submitted_by_id=application.applicant_id,
            submitted_at=reported,
        )
        last_on = reported.astimezone(CITY_TIME_ZONE).date() + timedelta(days=rng.randint(5, 15))
        if last_on <= today:
            made.payments.append(
                Payment(
                    application=application,
                    amount=amount - first,
                    paid_on=last_on,
                    recorded_by_id=self.office,
                    note=texts.PAYMENT_NOTES[1],
                )
            )

    # -- writing ---------------------------------------------------------------------------------
    def _write(self, plans: list[CallPlan]) -> None:
        Call.objects.bulk_create([p.call for p in plans], batch_size=BATCH)
        Criterion.objects.bulk_create([c for p in plans for c in p.criteria], batch_size=BATCH)
        Category.objects.bulk_create([c for p in plans for c in p.categories], batch_size=BATCH)
        Juror.objects.bulk_create([j for p in plans for j in p.jurors], batch_size=BATCH)
        made = [m for p in plans for m in p.plans]
        Application.objects.bulk_create([m.application for m in made], batch_size=BATCH)
        self.rows["applications"] = len(made)
        self.say(f"applications: {len(made):,} in {len(plans)} calls")
        BudgetLine.objects.bulk_create([b for m in made for b in m.budget], batch_size=BATCH)
        Conflict.objects.bulk_create([c for m in made for c in m.conflicts], batch_size=BATCH)
        assignments = [a for m in made for a, _scores in m.assignments]
        Assignment.objects.bulk_create(assignments, batch_size=BATCH)
        scores = [s for m in made for _a, ss in m.assignments for s in ss]
        Score.objects.bulk_create(scores, batch_size=BATCH)
        decisions = [m.decision for m in made if m.decision is not None]
        Decision.objects.bulk_create(decisions, batch_size=BATCH)
        payments = [p for m in made for p in m.payments]
        Payment.objects.bulk_create(payments, batch_size=BATCH)
        FinalReport.objects.bulk_create([m.report for m in made if m.report is not None], batch_size=BATCH)
        self.rows.update(
            assignments=len(assignments), scores=len(scores), decisions=len(decisions), payments=len(payments)
        )
        self.say(
            f"applications: assignments {len(assignments):,}, scores {len(scores):,}, "
            f"decisions {len(decisions):,}, payments {len(payments):,}"
        )


def _flatten(groups: dict[int, list[int]]) -> list[int]:
    return [pk for key in sorted(groups) for pk in groups[key]]


def counts() -> dict[str, int]:
    """Rows per calls table."""
    return {
        "calls": Call.objects.count(),
        "applications": Application.objects.count(),
        "jurors": Juror.objects.count(),
        "assignments": Assignment.objects.count(),
        "scores": Score.objects.count(),
        "conflicts of interest": Conflict.objects.count(),
        "decisions on applications": Decision.objects.count(),
        "payments": Payment.objects.count(),
        "final reports": FinalReport.objects.count(),
    }
