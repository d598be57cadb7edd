"""City-scale ideas: ten years of them, with their gate decisions, assessments, comments, supports and
followers, each idea's journey kept to the innovation lock's rules."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from types import SimpleNamespace
from typing import Any

from django.conf import settings
from django.db import models

from core.city import CITY_TIME_ZONE
from ideas.lessons import lessons_asked, lessons_required
from ideas.lock import ROUTE, Stage, gate_for
from ideas.models import (
    Assessment,
    Comment,
    Follow,
    GateDecision,
    Idea,
    Lesson,
    Novelty,
    Source,
    Support,
    SupportKind,
    Visibility,
)
from ideas.search import idea_stems
from organisation.models import UnitKind
from sample_data.demo import ideas_texts as content
from sample_data.demo.lessons_texts import lessons_for
from sample_data.demo.spread_examples_for_ideas import publish_examples
from sample_data.scale import BATCH, DAY, People, ScaleBuilder, UnitInfo, pick, timestamps_as_given

#: Where ideas come from (M2): mostly employees.
SOURCE_MIX = (
    (Source.EMPLOYEE, 58),
    (Source.MANAGER, 9),
    (Source.RESIDENT, 16),
    (Source.SUPPLIER, 4),
    (Source.UNIVERSITY, 3),
    (Source.CITY_UNIT, 4),
    (Source.FEEDBACK, 6),
)
#: Share of non-resident ideas made public with the author's consent.
PUBLIC_SHARE = 0.3

_RESUME = "resume"
#: What happens after an idea's time in a stage: (next stage, weight); None = it is still there.
MOVES: dict[str, tuple[tuple[str | None, int], ...]] = {
    Stage.IDEA: ((Stage.PRESTUDY, 50), (Stage.PILOT, 8), (Stage.CLOSED, 16), (Stage.PARKED, 26)),
    Stage.PRESTUDY: ((Stage.PILOT, 46), (Stage.CLOSED, 16), (Stage.PARKED, 30), (None, 8)),
    Stage.PILOT: ((Stage.IMPLEMENTATION, 42), (Stage.CLOSED, 18), (Stage.PARKED, 30), (None, 10)),
    Stage.IMPLEMENTATION: ((Stage.SPREAD, 30), (Stage.CLOSED, 6), (Stage.PARKED, 10), (None, 54)),
    Stage.SPREAD: ((Stage.CLOSED, 6), (None, 94)),
    Stage.PARKED: ((_RESUME, 72), (Stage.CLOSED, 18), (None, 10)),
}
#: Days spent in a stage before the next decision: (shortest, longest).
DWELL: dict[str, tuple[int, int]] = {
    Stage.IDEA: (2, 28),
    Stage.PRESTUDY: (30, 150),
    Stage.PILOT: (60, 270),
    Stage.IMPLEMENTATION: (120, 500),
    Stage.SPREAD: (200, 900),
    Stage.PARKED: (60, 300),
}
#: Days until the first answer: most in time, some late, a few very late.
FIRST_ANSWER: tuple[tuple[tuple[int, int], int], ...] = (((2, 28), 80), ((31, 90), 15), ((91, 200), 5))

#: Sentences added to some ideas' problem text, so that repeated texts differ, by who wrote them.
EXTRA_SENTENCES: dict[str, tuple[str, ...]] = {
    "staff": (
        "Frågan har kommit upp på flera arbetsplatsträffar under året.",
        "Kollegorna på enheten har bidragit med synpunkter på förslaget.",
        "Vi har sett samma mönster i de senaste brukarundersökningarna.",
        "Liknande synpunkter har kommit in via stadens synpunktshantering.",
        "Problemet blir tydligast under sommarmånaderna när många vikarier arbetar.",
        "Skyddsombudet har också lyft frågan i samverkansgruppen.",
        "Det är ett återkommande problem som tar tid från kärnuppdraget.",
        "Flera invånare har hört av sig om samma sak det senaste halvåret.",
        "Vi har pratat med chefer på två andra förvaltningar som känner igen behovet.",
        "Idén växte fram under en workshop med medarbetare och brukare.",
    ),
    Source.RESIDENT: (
        "Jag har pratat med flera grannar som upplever samma sak.",
        "Frågan har diskuterats på föreningens årsmöte flera gånger.",
        "Jag har tidigare lämnat synpunkter om detta men inte fått något svar.",
        "Många barnfamiljer i området har samma erfarenhet.",
    ),
    Source.SUPPLIER: (
        "Vi har sett liknande lösningar fungera i andra kommuner där vi har uppdrag.",
        "Vi bidrar gärna med kunskap från våra uppdrag och kan ställa upp i en pilot.",
        "Förslaget bygger på erfarenheter från våra medarbetare som arbetar i stadens verksamheter.",
    ),
}
RESUME_RATIONALES = (
    "Resurser finns nu avsatta i budgeten och arbetet tas upp igen där det slutade.",
    "Omorganisationen är klar och idén har fått en ny ansvarig. Arbetet återupptas.",
    "Den nya upphandlingen är klar, så hindret för att gå vidare är borta.",
    "Idégivaren är tillbaka och ledningsgruppen beslutar att återuppta arbetet.",
    "Besked har kommit från stadsledningskontoret och arbetet kan fortsätta.",
)
#: The reason for closing that each closing rationale gives.
CLOSE_REASON_OF = {text: reason for reason, _stages, text in content.CLOSINGS}
HIDE_REASONS = (
    "Kommentaren innehöll personuppgifter om en brukare.",
    "Kommentaren var kränkande mot en namngiven medarbetare.",
    "Reklam som inte hör till idén.",
)


@dataclass
class Text:
    fields: dict[str, Any]
    units: list[int]


@dataclass
class Plan:
    """One idea and the rows that hang on it, before the idea has its id."""

    idea: Idea
    children: list[Any] = field(default_factory=list)
    co_authors: list[int] = field(default_factory=list)


def build(scale: ScaleBuilder) -> None:
    with timestamps_as_given(Idea, Comment, Support, Follow):
        IdeasScale(scale).write(scale.units, scale.people)


def counts() -> dict[str, int]:
    """Rows per ideas table."""
    return {
        "ideas": Idea.objects.count(),
        "gate decisions": GateDecision.objects.count(),
        "assessments": Assessment.objects.count(),
        "lessons": Lesson.objects.count(),
        "comments": Comment.objects.count(),
        "supports": Support.objects.count(),
        "follows": Follow.objects.count(),
        "co-authors": Idea.co_authors.through.objects.count(),
    }


class IdeasScale:
    def __init__(self, scale: ScaleBuilder) -> None:
        self.rng = scale.rng
        # The lessons are drawn apart, so they change nothing else the seed gives.
        self.lessons_rng = random.Random(f"{scale.seed}:lessons")  # noqa: S311 - test data, not secrets
        self.sizes = scale.sizes
        self.start = scale.start
        self.reference = scale.reference
        self.say = scale.say
        self.stems: dict[tuple[int, str], str] = {}
        self.active_coached: dict[int, int] = {}
        self.comment_rate = self.sizes.comments / self.sizes.ideas
        self.support_rate = self.sizes.supports / self.sizes.ideas
        self.rows = dict.fromkeys(("decisions", "assessments", "comments", "supports", "follows", "co_authors"), 0)

    def _texts(self, units: dict[int, UnitInfo]) -> dict[str, list[Text]]:
        """A pool of distinct Swedish ideas (base texts and variants), grouped by the kind of author they suit."""
        pool_size = min(self.sizes.ideas, max(1_000, self.sizes.ideas * 3 // 100))
        variants = content.idea_variants(self.rng, pool_size)
        idea_units = [u for u in units.values() if u.org is not None]
        by_sector: dict[str, list[UnitInfo]] = {}
        for unit in idea_units:
            for sector in unit.sectors:
                by_sector.setdefault(sector, []).append(unit)
        districts = {
            u.name.replace(" stadsdelsförvaltning", "").rstrip("s"): u
            for u in idea_units
            if u.kind == UnitKind.DISTRICT_ADMINISTRATION
        }
        pool: dict[str, list[Text]] = {}
        for text in variants:
            candidates = by_sector.get(text["sector"]) or idea_units
            # An idea that names a district belongs to a unit in that district.
            place = next((d for name, d in districts.items() if name in text["title"] or name in text["problem"]), None)
            if place is not None:
                candidates = [u for u in candidates if u.path.startswith(place.path)] or [place]
            pool.setdefault(text["source_hint"], []).append(Text(text, [u.id for u in candidates]))
        self.say(f"idea texts: {len(variants):,} distinct")
        return pool

    def _stems(self, key: tuple[int, str], fields: dict[str, str]) -> str:
        """Stems of an idea's text, computed once per distinct text (many ideas share one)."""
        stems = self.stems.get(key)
        if stems is None:
            stems = self.stems[key] = idea_stems(SimpleNamespace(**fields))
        return stems

    # -- ideas ---------------------------------------------------------------
    def write(self, units: dict[int, UnitInfo], people: People) -> None:
        rng, sizes = self.rng, self.sizes
        pool = self._texts(units)
        all_texts = [t for texts in pool.values() for t in texts]
        text_index = {id(t): i for i, t in enumerate(all_texts)}
        span = (self.reference - timedelta(hours=1) - self.start).total_seconds()
        # More ideas in later years, as the way of working spreads.
        offsets = sorted(span * rng.random() ** 0.75 for _ in range(sizes.ideas))
        sources, source_weights = zip(*SOURCE_MIX, strict=True)
        done = 0
        for batch_start in range(0, sizes.ideas, BATCH):
            plans = []
            for offset in offsets[batch_start : batch_start + BATCH]:
                created = self.start + timedelta(seconds=int(offset))
                source = rng.choices(sources, source_weights)[0]
                texts = pool.get(source) or pool["employee"]
                text = rng.choice(texts)
                plans.append(self._plan(created, source, text, text_index[id(text)], units, people))
            Idea.objects.bulk_create([p.idea for p in plans], batch_size=BATCH)
            children: dict[type[models.Model], list[Any]] = {}
            through = Idea.co_authors.through
            for plan in plans:
                for child in plan.children:
                    child.idea_id = plan.idea.pk
                    children.setdefault(type(child), []).append(child)
                for user_id in plan.co_authors:
                    children.setdefault(through, []).append(through(idea_id=plan.idea.pk, user_id=user_id))
            for model in (GateDecision, Assessment, Comment, Support, Follow, through):
                model._default_manager.bulk_create(children.get(model, []), batch_size=BATCH)
            self._lessons_and_examples(plans, children.get(GateDecision, []))
            done += len(plans)
            self.say(
                f"ideas: {done:,}/{sizes.ideas:,}; decisions {self.rows['decisions']:,}, "
                f"comments {self.rows['comments']:,}, supports {self.rows['supports']:,}, "
                f"follows {self.rows['follows']:,}, assessments {self.rows['assessments']:,}"
            )

    def _lessons_and_examples(self, plans: list[Plan], decisions: list[GateDecision]) -> None:
        """The lessons of the batch's decisions that close an idea or move it to spread, and before each move to
        spread, the idea's published good example (the gate's condition), each in one write."""
        lessons = [
            Lesson(decision_id=d.pk, factor=e.factor, effect=e.effect, note=e.note)
            for d in decisions
            for e in getattr(d, "lesson_entries", ())
        ]
        Lesson.objects.bulk_create(lessons, batch_size=BATCH)
        self.rows["lessons"] = self.rows.get("lessons", 0) + len(lessons)
        by_pk = {p.idea.pk: p.idea for p in plans}
        first_moved: dict[int, datetime] = {}
        for d in decisions:
            if d.to_stage == Stage.SPREAD:
                first_moved.setdefault(d.idea_id, d.decided_at)
        publish_examples([(by_pk[pk], at) for pk, at in first_moved.items()])

    def _author(self, source: str, org: int, people: People) -> int:
        rng = self.rng
        if source == Source.RESIDENT:
            return rng.choice(people.residents)
        if source == Source.SUPPLIER:
            return rng.choice(people.suppliers)
        if source == Source.MANAGER and people.managers_by_org.get(org):
            return rng.choice(people.managers_by_org[org])
        return rng.choice(people.by_org.get(org) or people.employees)

    def _plan(
        self, created: datetime, source: str, text: Text, index: int, units: dict[int, UnitInfo], people: People
    ) -> Plan:
        rng = self.rng
        unit = units[rng.choice(text.units)]
        org = unit.org or unit.id
        author = self._author(source, org, people)
        fields = {name: text.fields[name] for name in ("title", "problem", "audience", "proposal", "expected_value")}
        extra = ""
        if rng.random() < 0.4:
            extra = rng.choice(EXTRA_SENTENCES.get(source) or EXTRA_SENTENCES["staff"])
            fields["problem"] = f"{fields['problem']} {extra}"
        public = source == Source.RESIDENT or rng.random() < PUBLIC_SHARE
        idea = Idea(
            **fields,
            kind=text.fields["kind"],
            **Idea.value_fields(text.fields["values"]),
            source=source,
            author_id=author,
            unit_id=unit.id,
            visibility=Visibility.PUBLIC if public else Visibility.INTERNAL,
            public_consent_at=created if public else None,
            public_consent_by_id=author if public else None,
            stage=Stage.IDEA,
            stage_changed_at=created,
            answer_due_at=created + timedelta(days=settings.SPRANG_FIRST_ANSWER_DAYS),
            answered_at=None,
            search_stems=self._stems((index, extra), fields),
            created_at=created,
            updated_at=created,
        )
        plan = Plan(idea)
        followers = {author: created}
        self._journey(plan, unit, org, people, followers)
        if source not in (Source.RESIDENT, Source.SUPPLIER) and rng.random() < 0.05:
            colleagues = people.by_org.get(org) or people.employees
            plan.co_authors = sorted({c for c in rng.sample(colleagues, k=min(2, len(colleagues))) if c != author})
            self.rows["co_authors"] += len(plan.co_authors)
        self._conversation(plan, org, people, followers)
        for user_id, since in followers.items():
            plan.children.append(Follow(user_id=user_id, created_at=since, updated_at=since))
        self.rows["follows"] += len(followers)
        return plan

    def _journey(self, plan: Plan, unit: UnitInfo, org: int, people: People, followers: dict[int, datetime]) -> None:
        """The idea's way through the lock up to the reference date, as decisions in time order."""
        rng, idea = self.rng, plan.idea
        end = self.reference - timedelta(hours=1)
        office = people.office.get(org, people.director)
        manager = people.manager_of_unit.get(unit.id, office)
        when = idea.created_at
        stage: str = Stage.IDEA
        parked_from = ""
        decisions: list[GateDecision] = []
        implemented_at: datetime | None = None
        assessed = False
        while True:
            lo, hi = pick(rng, FIRST_ANSWER) if not decisions else DWELL[stage]
            when = when + timedelta(seconds=rng.randint(lo * DAY, hi * DAY))
            if when > end:
                break
            target = pick(rng, MOVES[stage])
            if target is None:
                break
            if target == _RESUME:
                target = parked_from
            if target == Stage.SPREAD and not assessed and implemented_at is not None:
                # The spread gate asks for the innovation assessment: it is recorded first.
                self._assess(plan, rng.choice((manager, office)), implemented_at + (when - implemented_at) * 0.7)
                assessed = True
            decider = office if not decisions and rng.random() < 0.8 else manager
            if rng.random() < 0.02:
                decider = people.director
            decisions.append(self._decision(stage, target, parked_from, decider, when))
            if stage == Stage.PARKED:
                parked_from = ""
            if target == Stage.PARKED:
                parked_from = stage
            stage = target
            if target == Stage.IMPLEMENTATION and implemented_at is None:
                implemented_at = when
            if target == Stage.CLOSED:
                break
        if implemented_at is not None and not assessed and rng.random() < 0.15:
            self._assess(plan, manager, min(implemented_at + timedelta(days=rng.randint(30, 200)), end))
        plan.children.extend(decisions)
        self.rows["decisions"] += len(decisions)
        if not decisions:
            return
        last = decisions[-1]
        idea.stage = stage
        idea.stage_changed_at = last.decided_at
        idea.answered_at = decisions[0].decided_at
        idea.updated_at = last.decided_at
        idea.version = 1 + len(decisions)
        if stage == Stage.PARKED:
            idea.parked_from = parked_from
            idea.parked_until = (
                (last.decided_at + timedelta(days=rng.randint(60, 300))).astimezone(CITY_TIME_ZONE).date()
            )
        if stage == Stage.CLOSED:
            idea.closed_reason = CLOSE_REASON_OF[last.rationale]
        first = decisions[0]
        if first.to_stage in (Stage.PRESTUDY, Stage.PILOT):
            self._coach(plan, org, people, followers, first.decided_at)

    def _decision(self, source: str, target: str, parked_from: str, by: int, when: datetime) -> GateDecision:
        rng = self.rng
        if source == Stage.PARKED and target == parked_from:
            rationale, checklist = rng.choice(RESUME_RATIONALES), {}
        else:
            gate = gate_for(source, target)
            if gate is None:
                raise RuntimeError(f"No gate from {source} to {target}.")
            if target == Stage.CLOSED:
                # The reason shown on the idea follows from this text (CLOSE_REASON_OF).
                reached = parked_from if source == Stage.PARKED else source
                rationale = rng.choice(content.closings_for(reached))[1]
            else:
                rationale = rng.choice(
                    content.RATIONALES["to_parked" if target == Stage.PARKED else f"{source}->{target}"]
                )
            checklist = {item.key: item.required or rng.random() < 0.6 for item in gate.checklist}
        decision = GateDecision(
            from_stage=source,
            to_stage=target,
            decided_by_id=by,
            decided_at=when,
            rationale=rationale,
            checklist=checklist,
        )
        if lessons_asked(source, target, parked_from=parked_from):
            decision.lesson_entries = lessons_for(  # type: ignore[attr-defined]
                self.lessons_rng,
                to_stage=target,
                required=lessons_required(source, target, parked_from=parked_from),
            )
        return decision

    def _assess(self, plan: Plan, by: int, when: datetime) -> None:
        rng = self.rng
        innovation = rng.random() < 0.7
        novelty = rng.choice((Novelty.UNIT, Novelty.CITY, Novelty.PUBLIC_SECTOR)) if innovation else Novelty.NONE
        evidence = rng.choice(content.ASSESSMENT_EVIDENCE)
        plan.children.append(
            Assessment(
                novelty=novelty,
                value_evidence=evidence,
                in_use=True,
                used_by=rng.choice(content.USED_BY),
                is_innovation=novelty != Novelty.NONE,
                assessed_by_id=by,
                assessed_at=when,
            )
        )
        self.rows["assessments"] += 1

    def _coach(self, plan: Plan, org: int, people: People, followers: dict[int, datetime], when: datetime) -> None:
        """A coach from the organisation's network; an idea still on the route counts against their capacity."""
        rng, idea = self.rng, plan.idea
        coaches = people.coaches_by_org.get(org) or [c for cs in people.coaches_by_org.values() for c in cs]
        if not coaches:
            return
        if idea.stage in ROUTE:
            free = [c for c in coaches if self.active_coached.get(c, 0) < people.capacity[c]]
            if not free:
                return
            coach = rng.choice(free)
            self.active_coached[coach] = self.active_coached.get(coach, 0) + 1
        else:
            coach = rng.choice(coaches)
        idea.coach_id = coach
        idea.version += 1
        followers.setdefault(coach, when)

    def _conversation(self, plan: Plan, org: int, people: People, followers: dict[int, datetime]) -> None:
        rng, idea = self.rng, plan.idea
        created = idea.created_at
        end = self.reference - timedelta(minutes=1)
        public = idea.visibility == Visibility.PUBLIC
        local = people.by_org.get(org) or people.employees
        # Mean about 1 over all ideas, public ones discussed more, and a long tail of much-discussed ideas.
        popularity = rng.lognormvariate(0, 0.9) / 1.5 * (1.3 if public else 0.8)

        def reader() -> int:
            r = rng.random()
            if public and r < 0.35:
                return rng.choice(people.residents)
            return rng.choice(local) if r < 0.7 else rng.choice(people.employees)

        def moment() -> datetime:
            later = created + timedelta(seconds=int(rng.expovariate(1 / (45 * DAY))) + 60)
            return min(later, end)

        for _i in range(int(popularity * self.comment_rate + rng.random())):
            by = idea.author_id if rng.random() < 0.1 else reader()
            at = moment()
            hidden = rng.random() < 0.004
            office = people.office.get(org, people.director)
            plan.children.append(
                Comment(
                    author_id=by,
                    body=rng.choice(content.COMMENTS),
                    hidden=hidden,
                    hidden_reason=rng.choice(HIDE_REASONS) if hidden else "",
                    hidden_by_id=office if hidden else None,
                    created_at=at,
                    updated_at=at,
                )
            )
            self.rows["comments"] += 1
        supporters: set[int] = set()
        for _i in range(int(popularity * self.support_rate + rng.random())):
            by = reader()
            if by == idea.author_id or by in supporters:
                continue
            supporters.add(by)
            at = moment()
            kind = SupportKind.SAME_NEED if rng.random() < 0.7 else SupportKind.WANT_TO_HELP
            plan.children.append(Support(user_id=by, kind=kind, created_at=at, updated_at=at))
            followers.setdefault(by, at)
            self.rows["supports"] += 1
