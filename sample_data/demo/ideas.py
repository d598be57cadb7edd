"""The demo city's ideas: about 400 over three years, each taken through the innovation lock by the services."""

from __future__ import annotations

import contextlib
import random
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from ideas import services as idea_services
from ideas.lessons import lessons_asked, lessons_required
from ideas.lock import ROUTE, Stage
from ideas.models import Idea, Novelty, Source, SupportKind, Visibility
from organisation.models import Unit, UnitKind, User
from sample_data.demo import ORG_KINDS, Cast, DemoBuilder, lessons_texts
from sample_data.demo import ideas_texts as content
from sample_data.demo.spread_examples_for_ideas import publish_example

#: The places of Farsta's district: a demo login's own ideas name no other.
FARSTA_PLACES = frozenset({"Farsta", "Hökarängen", "Sköndal"})
#: How far the employee's own ideas have come, in the order she wrote them.
EMPLOYEE_FATES = (Stage.IMPLEMENTATION, Stage.PILOT, Stage.PRESTUDY, Stage.SPREAD, Stage.CLOSED, Stage.PARKED)

# Where ideas end up: (final stage, weight).
FATES = (
    (Stage.IDEA, 16),
    (Stage.PRESTUDY, 14),
    (Stage.PILOT, 15),
    (Stage.IMPLEMENTATION, 12),
    (Stage.SPREAD, 9),
    (Stage.CLOSED, 24),
    (Stage.PARKED, 10),
)


@dataclass
class Persona:
    """A demo login's own ideas: which idea texts they wrote (their source and sectors, set in Farsta)."""

    person: User
    hint: str
    source: str
    sectors: frozenset[str]
    every: int = 1  # writes every n-th text that fits
    limit: int = 6
    fates: tuple[str, ...] = ()
    seen: int = 0
    written: int = 0


def build(demo: DemoBuilder) -> None:
    Ideas(demo).write(demo.cast)


class Ideas:
    def __init__(self, demo: DemoBuilder) -> None:
        self.rng = demo.rng
        self.seed = demo.seed
        self.now = demo.now
        self.start = demo.start
        self.idea_count = demo.idea_count
        self.out = demo.out

    def _units_for_sector(self) -> dict[str, list[Unit]]:
        by_sector: dict[str, list[Unit]] = {}
        for unit in Unit.objects.exclude(kind__in=(UnitKind.CITY, UnitKind.COMMITTEE, UnitKind.COMPANY_BOARD)):
            for sector in filter(None, unit.sectors.split(";")):
                by_sector.setdefault(sector.strip(), []).append(unit)
        return by_sector

    def _org_of(self, unit: Unit, orgs: dict[str, Unit]) -> Unit:
        for depth in range(unit.depth, 0, -1):
            org = orgs.get(unit.path[: depth * Unit.steplen])
            if org is not None:
                return org
        return unit

    def _author(self, cast: Cast, text: dict[str, Any], org: Unit, own: set[int]) -> tuple[User, str]:
        """Who wrote an idea text; never a demo login (``own``), who writes only the ideas of their persona."""
        hint = text["source_hint"]
        others = [e for e in cast.employees if e.pk not in own]
        if hint == "resident":
            return self.rng.choice([p for p in cast.residents if p.pk not in own]), Source.RESIDENT
        if hint == "supplier":
            return self.rng.choice([p for p in cast.suppliers if p.pk not in own]), Source.SUPPLIER
        if hint == "manager":
            manager = cast.managers.get(org.pk)
            if manager is not None and (manager.pk not in own or self._in_farsta(text)):
                return manager, Source.MANAGER
            return self.rng.choice(others), Source.MANAGER
        local = [e for e in others if e.unit and e.unit.path.startswith(org.path)]
        author = self.rng.choice(local or others)
        source = {"university": Source.UNIVERSITY, "city_unit": Source.CITY_UNIT, "feedback": Source.FEEDBACK}.get(
            hint, Source.EMPLOYEE
        )
        return author, source

    def _later(self, when, lo: int, hi: int):
        return min(
            when + timedelta(days=self.rng.randint(lo, hi), hours=self.rng.randint(0, 8)), self.now - timedelta(hours=1)
        )

    def write(self, cast: Cast) -> None:
        by_sector = self._units_for_sector()
        orgs = {u.path: u for u in Unit.objects.filter(kind__in=ORG_KINDS)}
        staff = cast.employees + cast.coaches + list(cast.managers.values())
        texts = content.idea_variants(self.rng, self.idea_count)
        fates, weights = zip(*FATES, strict=True)
        farsta = next(u for u in orgs.values() if u.code == "SDF-FA" or "Farsta" in u.name)
        farsta_units = list(Unit.objects.filter(path__startswith=farsta.path).order_by("path"))
        personas = self._personas(cast, farsta)
        own = {persona.person.pk for persona in personas}
        districts = {
            u.name.replace(" stadsdelsförvaltning", "").rstrip("s"): u
            for u in orgs.values()
            if u.kind == UnitKind.DISTRICT_ADMINISTRATION
        }
        for n, text in enumerate(texts, start=1):
            candidates = by_sector.get(text["sector"]) or list(orgs.values())
            # An idea that names a district belongs to a unit in that district.
            place = next((d for name, d in districts.items() if name in text["title"] or name in text["problem"]), None)
            if place is not None:
                local = [u for u in candidates if u.path.startswith(place.path)]
                candidates = local or [place]
            unit = self.rng.choice(candidates)
            org = self._org_of(unit, orgs)
            author, source = self._author(cast, text, org, own)
            persona = self._persona_for(text, personas)
            if persona is not None:
                # A demo login's own idea: set in Farsta, for the Farsta unit that does the work.
                author, source = persona.person, persona.source
                unit = self._farsta_unit(text, farsta_units)
                org = self._org_of(unit, orgs)
            if self.rng.random() < 0.08:
                # The latest weeks are busier, so the triage queue has something in it.
                created = self.now - timedelta(seconds=self.rng.randint(3600, 40 * 86400))
            else:
                created = self.start + timedelta(
                    seconds=self.rng.randint(0, int((self.now - self.start).total_seconds()))
                )
            fate = self.rng.choices(fates, weights)[0]
            age = (self.now - created).days
            if age < 20:
                fate = Stage.IDEA
            elif fate == Stage.IDEA and age > 25 and self.rng.random() < 0.85:
                # Nothing waits forever: most older ideas have had their answer; a few are overdue.
                fate = self.rng.choice((Stage.PRESTUDY, Stage.CLOSED, Stage.PILOT))
            if persona is not None and persona.fates and age >= 20:
                fate = persona.fates[(persona.written - 1) % len(persona.fates)]
            public = source in (Source.RESIDENT, Source.SUPPLIER) or self.rng.random() < 0.35
            idea = idea_services.idea_submit(
                author=author,
                unit=unit,
                title=text["title"],
                problem=text["problem"],
                audience=text["audience"],
                proposal=text["proposal"],
                expected_value=text["expected_value"],
                kind=text["kind"],
                values=text["values"],
                source=source,
                visibility=Visibility.PUBLIC if public else Visibility.INTERNAL,
                public_consent=public,
                now=created,
                notify_office=False,
            )
            self._journey(idea, fate, cast, org, created)
            self._conversation(idea, staff, cast, created)
            if n % 50 == 0:
                self.out(f"{n} ideas")

    def _personas(self, cast: Cast, farsta: Unit) -> list[Persona]:
        """The demo logins who write ideas of their own, all of them about Farsta."""
        elderly_care = frozenset({"elderly_care"})
        return [
            Persona(
                cast.employees[0], "employee", Source.EMPLOYEE, elderly_care, every=2, limit=6, fates=EMPLOYEE_FATES
            ),
            Persona(cast.managers[farsta.pk], "manager", Source.MANAGER, elderly_care, limit=3),
            Persona(cast.residents[0], "resident", Source.RESIDENT, frozenset(filter(None, farsta.sectors.split(";")))),
            Persona(cast.suppliers[0], "supplier", Source.SUPPLIER, elderly_care, limit=3),
        ]

    @staticmethod
    def _in_farsta(text: dict[str, Any]) -> bool:
        """Whether an idea text names no place outside Farsta's district and no other organisation."""
        places = set(content._places_in(text))
        other_organisation = " inom " in text["title"] and "Farsta" not in text["title"]
        return places <= FARSTA_PLACES and not other_organisation

    def _persona_for(self, text: dict[str, Any], personas: list[Persona]) -> Persona | None:
        for persona in personas:
            if text["source_hint"] != persona.hint or text["sector"] not in persona.sectors:
                continue
            if persona.written >= persona.limit or not self._in_farsta(text):
                return None
            persona.seen += 1
            if (persona.seen - 1) % persona.every:
                return None
            persona.written += 1
            return persona
        return None

    @staticmethod
    def _farsta_unit(text: dict[str, Any], units: list[Unit]) -> Unit:
        """The Farsta unit that does the work an idea text is about: the care home for a care home's idea."""
        fitting = [u for u in units if text["sector"] in u.sectors.split(";")] or units
        title = text["title"].lower()
        if "hemtjänst" not in title and ("boende" in title or "demens" in title):
            fitting = [u for u in fitting if "äldreboende" in u.name] or fitting
        else:
            fitting = [u for u in fitting if "äldreboende" not in u.name] or fitting
        return max(fitting, key=lambda u: (u.kind == UnitKind.UNIT, u.depth, -fitting.index(u)))

    def _decide(self, idea: Idea, by: User, to: str, when, key: str) -> None:
        from ideas.lock import gate_for

        gate = gate_for(idea.stage, to)
        rationale = self.rng.choice(content.RATIONALES.get(key) or content.RATIONALES["idea->prestudy"])
        kwargs: dict[str, Any] = {}
        if to == Stage.CLOSED:
            # The reason and the rationale are one answer, fitting how far the idea got.
            reached = idea.parked_from if idea.stage == Stage.PARKED else idea.stage
            kwargs["closed_reason"], rationale = self.rng.choice(content.closings_for(reached))
        if to == Stage.PARKED:
            kwargs["parked_until"] = (when + timedelta(days=self.rng.randint(60, 400))).date()
        if lessons_asked(idea.stage, to, parked_from=idea.parked_from):
            # Drawn apart from the city's other draws, so the lessons change nothing else in the demo.
            lessons_rng = random.Random(f"{self.seed}:{idea.title}:{to}")
            kwargs["lessons"] = lessons_texts.lessons_for(
                lessons_rng, to_stage=to, required=lessons_required(idea.stage, to, parked_from=idea.parked_from)
            )
        if to == Stage.SPREAD:
            publish_example(idea, at=when)
        idea_services.gate_decide(
            idea=idea,
            decided_by=by,
            to_stage=to,
            rationale=rationale,
            checklist={item.key: True for item in (gate.checklist if gate else ())},
            now=when,
            **kwargs,
        )

    def _journey(self, idea: Idea, fate: str, cast: Cast, org: Unit, created) -> None:
        office = cast.offices.get(org.pk) or cast.director
        if office is None:
            raise RuntimeError("The demo cast has no director; create the people before the ideas.")
        manager = cast.managers.get(org.pk) or office
        if fate == Stage.IDEA:
            return
        when = self._later(created, 3, 45)
        if fate in (Stage.CLOSED, Stage.PARKED) and self.rng.random() < 0.5:
            self._decide(idea, office, fate, when, "to_closed" if fate == Stage.CLOSED else "to_parked")
            return
        coach = self.rng.choice(cast.coaches)
        with contextlib.suppress(idea_services.DomainError):
            idea_services.coach_assign(idea=idea, coach=coach, by=office)
        target_index = ROUTE.index(fate) if fate in ROUTE else self.rng.randint(1, 3)
        first = Stage.PILOT if target_index >= 2 and self.rng.random() < 0.2 else Stage.PRESTUDY
        self._decide(idea, office, first, when, f"idea->{first}")
        while ROUTE.index(idea.stage) < target_index:
            nxt = ROUTE[ROUTE.index(idea.stage) + 1]
            when = self._later(when, 20, 160)
            if when >= self.now - timedelta(hours=2):
                return
            self._decide(idea, manager, nxt, when, f"{idea.stage}->{nxt}")
            if nxt == Stage.IMPLEMENTATION:
                self._assess(idea, manager, self._later(when, 20, 90))
        if fate in (Stage.CLOSED, Stage.PARKED):
            when = self._later(when, 20, 120)
            if when < self.now - timedelta(hours=2):
                self._decide(idea, manager, fate, when, "to_closed" if fate == Stage.CLOSED else "to_parked")

    def _assess(self, idea: Idea, by: User, when) -> None:
        innovation = self.rng.random() < 0.7
        idea_services.assessment_record(
            idea=idea,
            assessed_by=by,
            novelty=self.rng.choice((Novelty.UNIT, Novelty.CITY, Novelty.PUBLIC_SECTOR))
            if innovation
            else Novelty.NONE,
            value_evidence=self.rng.choice(content.ASSESSMENT_EVIDENCE),
            in_use=True,
            used_by=self.rng.choice(content.USED_BY),
            now=when,
        )

    def _conversation(self, idea: Idea, staff: list[User], cast: Cast, created) -> None:
        readers = staff if idea.visibility == Visibility.INTERNAL else staff + cast.residents
        for _i in range(self.rng.choice((0, 0, 1, 1, 2, 3, 4, 6))):
            person = self.rng.choice(readers)
            idea_services.comment_add(
                idea=idea, author=person, body=self.rng.choice(content.COMMENTS), now=self._later(created, 1, 200)
            )
        for person in self.rng.sample(readers, k=self.rng.choice((0, 1, 2, 3, 5, 8, 12))):
            if person.pk == idea.author_id:
                continue
            kind = SupportKind.SAME_NEED if self.rng.random() < 0.7 else SupportKind.WANT_TO_HELP
            idea_services.support_toggle(idea=idea, user=person, kind=kind, now=self._later(created, 1, 200))
