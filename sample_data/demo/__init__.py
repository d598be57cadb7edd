"""The demo city: a deterministic, realistic Stockholm-like city built through the services.

Everything is written through the same service functions the product uses, with
their ``now`` argument set so that three years of history unfold in order: the ideas,
then the calls of the innovation fund, the stipend and the awards (``core/demo_calls.py``),
then governance follow-up (goals, targets and reports, ``core/demo_governance.py``).
"""

from __future__ import annotations

import contextlib
import random
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from core.demo_calls import CallsDemo
from core.demo_governance import GovernanceDemo
from ideas import services as idea_services
from ideas.demo import content
from ideas.lock import ROUTE, Stage
from ideas.models import Idea, Novelty, Source, SupportKind, Visibility
from organisation import services as org_services
from organisation.models import PersonKind, Role, Unit, UnitKind, User

UNITS_CSV = Path(settings.BASE_DIR) / "organisation" / "demo" / "stockholm_units.csv"
DEMO_PASSWORD = "demo-Sprang-2026"  # noqa: S105 - printed and documented on purpose
DEMO_DOMAIN = "demo.sprang.se"
#: The demo administrator's authenticator app secret (TOTP, base32), printed and documented on purpose:
#: the admin site asks for a code from the app, and anyone trying the demo adds this secret to theirs.
DEMO_ADMIN_TOTP_SECRET = "SPRANGDEMOADMINTOTPSECRETKEY2345"  # noqa: S105

#: The demo logins printed by the demo command and listed in the README.
DEMO_LOGINS = (
    ("medarbetare", "employee", "Medarbetare i Hemtjänsten Hökarängen, Farsta: egna idéer om äldreomsorgen"),
    ("chef", "manager", "Chef för Farsta stadsdelsförvaltning: egna idéer om äldreomsorgen"),
    ("coach", "coach", "Innovationscoach, ordförande i kvalitetsutmärkelsens jury"),
    ("innovationskontor", "office", "Innovationskontoret i Farsta"),
    ("direktor", "director", "Innovationsdirektör för hela staden"),
    ("stadsledningskontoret", "office", "Stadsledningskontoret: granskar förvaltningarnas och bolagens rapporter"),
    ("invanare", "resident", "Invånare i Farsta: egna idéer om Farsta"),
    ("leverantor", "supplier", "Leverantör på Nordlås Trygghet AB: idéer om trygghetslarm i Farstas äldreomsorg"),
    ("admin", "admin", "Systemadministratör (administrationssidorna)"),
)

#: The demo logins live and work in Farsta: the unit the employee works in, and the places of its district.
PERSONA_UNIT = "SDF-FA-ALD-01"  # Hemtjänsten Hökarängen, elderly care in Farsta
FARSTA_PLACES = frozenset({"Farsta", "Hökarängen", "Sköndal"})
#: How far the employee's own ideas have come, in the order she wrote them.
EMPLOYEE_FATES = (Stage.IMPLEMENTATION, Stage.PILOT, Stage.PRESTUDY, Stage.SPREAD, Stage.CLOSED, Stage.PARKED)

ORG_KINDS = (UnitKind.DISTRICT_ADMINISTRATION, UnitKind.SPECIALIST_ADMINISTRATION, UnitKind.COMPANY)

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


def email_local_part(name: str) -> str:
    """The part before @ of a demo address made from a name, in plain ASCII (å, ä, ö, ć, ş ... lose their marks).

    A sign-in form accepts only ASCII before the @, so an address with “å” could never sign in.
    """
    decomposed = unicodedata.normalize("NFKD", name.lower().replace(" ", "."))
    return "".join(ch for ch in decomposed if ch.isascii() and (ch.isalnum() or ch in ".-"))


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


@dataclass
class Cast:
    director: User | None = None
    executive_office: User | None = None  # the innovation office of the whole city, at Stadsledningskontoret
    offices: dict[int, User] = field(default_factory=dict)  # organisation unit id -> office person
    managers: dict[int, User] = field(default_factory=dict)  # organisation unit id -> manager
    coaches: list[User] = field(default_factory=list)
    employees: list[User] = field(default_factory=list)
    residents: list[User] = field(default_factory=list)
    suppliers: list[User] = field(default_factory=list)


class DemoBuilder:
    def __init__(
        self, *, seed: int = 2015, ideas: int = 400, governance_years: int = 3, now: datetime | None = None, out=None
    ) -> None:
        self.rng = random.Random(seed)
        self.seed = seed
        self.idea_count = ideas
        self.governance_years = governance_years
        self.out = out or (lambda msg: None)
        self.now = (now or timezone.now()).replace(microsecond=0)
        self.start = self.now - timedelta(days=3 * 365)
        self.used_emails: set[str] = set()

    # -- people -----------------------------------------------------------
    def _name(self) -> str:
        return f"{self.rng.choice(content.FIRST_NAMES)} {self.rng.choice(content.LAST_NAMES)}"

    def _email(self, name: str) -> str:
        base = email_local_part(name)
        email, n = f"{base}@{DEMO_DOMAIN}", 1
        while email in self.used_emails:
            n += 1
            email = f"{base}{n}@{DEMO_DOMAIN}"
        self.used_emails.add(email)
        return email

    def _person(self, *, kind: str, unit=None, supplier=None, name=None, login=None) -> User:
        name = name or self._name()
        email = f"{login}@{DEMO_DOMAIN}" if login else self._email(name)
        self.used_emails.add(email)
        user = org_services.person_create(email=email, name=name, kind=kind, unit=unit, supplier=supplier)
        return user

    def build(self) -> Cast:
        # No mail, and no query log (with DEBUG on it slows the build by a tenth).
        quiet = override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend", DEBUG=False)
        with quiet, transaction.atomic():
            org_services.units_import_csv(text=UNITS_CSV.read_text(encoding="utf-8"))
            self.out(f"{Unit.objects.count()} units")
            cast = self._cast()
            # Hashing is slow on purpose; every demo account shares one password, so hash it once.
            User.objects.update(password=make_password(DEMO_PASSWORD))
            self.out(f"{User.objects.count()} people")
            self._ideas(cast)
            # A generator of its own, so that a seed's governance follow-up is what it was.
            CallsDemo(rng=random.Random(f"calls-{self.seed}"), now=self.now, cast=cast, out=self.out).build()
            GovernanceDemo(rng=self.rng, now=self.now, cast=cast, out=self.out, years=self.governance_years).build()
        return cast

    def _cast(self) -> Cast:
        cast = Cast()
        root = Unit.objects.get_first_root_node()
        orgs = list(Unit.objects.filter(kind__in=ORG_KINDS).order_by("path"))
        farsta = next(u for u in orgs if "Farsta" in u.name)
        farsta_unit = Unit.objects.filter(code=PERSONA_UNIT).first() or (
            Unit.objects.filter(path__startswith=farsta.path, kind=UnitKind.UNIT).order_by("path").first() or farsta
        )
        slk = next((u for u in orgs if u.code == "SLK"), orgs[0])

        cast.director = self._person(kind=PersonKind.EMPLOYEE, unit=slk, name="Eva Lindqvist", login="direktor")
        org_services.role_assign(user=cast.director, role=Role.DIRECTOR, unit=root)
        cast.executive_office = self._person(
            kind=PersonKind.EMPLOYEE, unit=slk, name="Karin Åberg", login="stadsledningskontoret"
        )
        org_services.role_assign(user=cast.executive_office, role=Role.OFFICE, unit=root)
        admin = self._person(kind=PersonKind.EMPLOYEE, unit=slk, name="Adam Berg", login="admin")
        admin.is_staff = admin.is_superuser = True
        admin.save(update_fields=["is_staff", "is_superuser"])
        org_services.person_authenticator_app_set(user=admin, secret=DEMO_ADMIN_TOTP_SECRET)

        for org in orgs:
            login = "innovationskontor" if org == farsta else None
            office = self._person(kind=PersonKind.EMPLOYEE, unit=org, login=login, name="Sara Holm" if login else None)
            org_services.role_assign(user=office, role=Role.OFFICE, unit=org)
            cast.offices[org.pk] = office
            login = "chef" if org == farsta else None
            manager = self._person(kind=PersonKind.EMPLOYEE, unit=org, login=login, name="Johan Ek" if login else None)
            org_services.role_assign(user=manager, role=Role.MANAGER, unit=org)
            cast.managers[org.pk] = manager
        departments = list(Unit.objects.filter(kind=UnitKind.DEPARTMENT).order_by("path"))
        for dep in departments[:60]:
            manager = self._person(kind=PersonKind.EMPLOYEE, unit=dep)
            org_services.role_assign(user=manager, role=Role.MANAGER, unit=dep)
        for i in range(25):
            org = orgs[i % len(orgs)] if i else farsta
            coach = self._person(
                kind=PersonKind.EMPLOYEE,
                unit=org,
                login="coach" if i == 0 else None,
                name="Amira Haddad" if i == 0 else None,
            )
            org_services.role_assign(user=coach, role=Role.COACH, unit=org, capacity=self.rng.randint(10, 16))
            cast.coaches.append(coach)
        leaves = list(Unit.objects.filter(kind__in=(UnitKind.UNIT, UnitKind.DEPARTMENT)).order_by("path"))
        cast.employees.append(
            self._person(kind=PersonKind.EMPLOYEE, unit=farsta_unit, name="Lina Karlsson", login="medarbetare")
        )
        for _i in range(95):
            cast.employees.append(self._person(kind=PersonKind.EMPLOYEE, unit=self.rng.choice(leaves)))
        cast.residents.append(self._person(kind=PersonKind.RESIDENT, name="Maja Nilsson", login="invanare"))
        for _i in range(24):
            cast.residents.append(self._person(kind=PersonKind.RESIDENT))
        suppliers = [
            org_services.supplier_get_or_create(name=name, org_number=number)
            for name, number in content.SUPPLIER_ORGANISATIONS
        ]
        cast.suppliers.append(
            self._person(kind=PersonKind.SUPPLIER, supplier=suppliers[0], name="Per Sandberg", login="leverantor")
        )
        for i in range(11):
            cast.suppliers.append(self._person(kind=PersonKind.SUPPLIER, supplier=suppliers[(i + 1) % len(suppliers)]))
        return cast

    # -- ideas ------------------------------------------------------------
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

    def _ideas(self, cast: Cast) -> None:
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
