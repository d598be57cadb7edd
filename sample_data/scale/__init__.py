"""City-scale test data: ten years of a city of Stockholm's size, written in bulk.

This is **test data** for benchmarks and for trying the product at size, not a way
to put real data in. Unlike the demo city (``core/demo.py``), it does not go through
the services: one service call per row (permission checks, notifications, a
transaction each) would take hours for a million rows. Rows are written with
``bulk_create`` in batches instead, and the services' invariants are kept by
construction:

- every idea's decisions follow the innovation lock (``ideas.lock.GATES``, and a
  parked idea goes back only to the stage it was parked in), in time order, and its
  ``stage``, ``stage_changed_at``, ``answered_at``, ``parked_*``, ``closed_reason``
  and ``version`` are those its last decision leaves;
- ``answer_due_at`` is the creation time plus ``SPRANG_FIRST_ANSWER_DAYS``;
  ``search_stems`` comes from ``ideas.search.idea_stems``;
- public ideas have their author's consent; supports never come from the author;
  authors, coaches and supporters follow their ideas; deciders hold the office or
  manager role for the idea's unit; a coach's active ideas stay within capacity;
- assessments exist only for ideas that reached implementation, and for every idea
  that reached spread, before that gate.

Ten years of calls (the innovation fund, the stipend and the three awards, about 20,000
applications with their scores, recusals, decisions and payments) are written after the
ideas by ``core/scale_calls.py``. Governance follow-up (ten years of goals, targets,
indicator values and reports) is written after that by ``core/scale_governance.py``, which
computes the indicator values through ``governance.services`` and keeps the reports as the
services leave them.

Everything follows from the seed (``random.Random(seed)``); times are counted back
from a fixed reference date, so two runs with the same seed give the same data.
No notifications and no audit-log entries are written (``bulk_create`` sends no
signals; the unit import, which does, runs with the audit log disabled).
"""

from __future__ import annotations

import contextlib
import random
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any, NamedTuple, TypeVar
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from auditlog.context import disable_auditlog
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import connection, models, transaction

from core.demo import DEMO_ADMIN_TOTP_SECRET, DEMO_DOMAIN, DEMO_PASSWORD, UNITS_CSV, email_local_part
from core.scale_calls import TIMESTAMPED as CALLS_MODELS
from core.scale_calls import CallsScale
from core.scale_calls import counts as calls_counts
from core.scale_governance import GovernanceScale
from core.scale_governance import counts as governance_counts
from governance.models import Activity, Goal, Report, ReportingPeriod, Target
from ideas.demo import content
from ideas.lock import ROUTE, Stage, gate_for
from ideas.models import (
    Assessment,
    Comment,
    Follow,
    GateDecision,
    Idea,
    Novelty,
    Source,
    Support,
    SupportKind,
    Visibility,
)
from ideas.search import idea_stems
from organisation import services as org_services
from organisation.models import (
    ORGANISATION_KINDS,
    PersonKind,
    Role,
    RoleAssignment,
    SupplierOrganisation,
    Unit,
    UnitKind,
    User,
)

T = TypeVar("T")

GOVERNANCE_MODELS = (Goal, Activity, Target, ReportingPeriod, Report)

#: The data ends here; everything before it is spread over ``YEARS`` years.
STOCKHOLM = ZoneInfo("Europe/Stockholm")
REFERENCE = datetime(2026, 11, 1, tzinfo=STOCKHOLM)
YEARS = 10
#: Rows per INSERT, and ideas generated per round.
BATCH = 5_000
DAY = 86_400


@dataclass(frozen=True)
class Sizes:
    employees: int
    residents: int
    suppliers: int
    ideas: int
    comments: int
    supports: int
    coaches: int
    applications: int


#: Stockholm over ten years. Gate decisions (about three per idea) and assessments
#: (a few thousand) follow from the ideas' journeys.
CITY = Sizes(
    employees=45_000,
    residents=70_000,
    suppliers=1_500,
    ideas=100_000,
    comments=400_000,
    supports=600_000,
    coaches=300,
    applications=20_000,
)
SCALES = {"small": 0.1, "city": 1.0}

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
SUPPLIER_TRADES = (
    "Bygg",
    "Omsorg",
    "IT-konsult",
    "Städ och Service",
    "Trädgård",
    "Teknik",
    "Transport",
    "Energi",
    "Larm",
    "Måltider",
    "Utbildning",
    "Fastighetsservice",
)


def sizes_for(factor: float) -> Sizes:
    """CITY times ``factor`` (units stay the same); at least a handful of each."""

    def part(n: int, least: int) -> int:
        return max(least, round(n * factor))

    return Sizes(
        employees=part(CITY.employees, 40),
        residents=part(CITY.residents, 20),
        suppliers=part(CITY.suppliers, 5),
        ideas=part(CITY.ideas, 20),
        comments=part(CITY.comments, 40),
        supports=part(CITY.supports, 60),
        coaches=part(CITY.coaches, 5),
        applications=part(CITY.applications, 60),
    )


@contextlib.contextmanager
def timestamps_as_given(*model_classes: type[models.Model]) -> Iterator[None]:
    """Let ``bulk_create`` keep the ``created_at``/``updated_at`` set on each row (no ``auto_now``)."""
    fields = [
        f
        for model in model_classes
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]  # type: ignore[attr-defined]
    for f in fields:
        setattr(f, "auto_now", False)  # noqa: B010 - Field stubs do not declare these
        setattr(f, "auto_now_add", False)  # noqa: B010
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            setattr(f, "auto_now", auto_now)  # noqa: B010
            setattr(f, "auto_now_add", auto_now_add)  # noqa: B010


@contextlib.contextmanager
def sqlite_bulk_pragmas() -> Iterator[None]:
    """On SQLite, skip fsync and keep a larger cache while loading; restored afterwards."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous")
        synchronous = cursor.fetchone()[0]
        cursor.execute("PRAGMA cache_size")
        cache_size = cursor.fetchone()[0]
        cursor.execute("PRAGMA synchronous = OFF")
        cursor.execute("PRAGMA cache_size = -262144")  # 256 MB
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA synchronous = {int(synchronous)}")
            cursor.execute(f"PRAGMA cache_size = {int(cache_size)}")
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def pick(rng: random.Random, options: Sequence[tuple[T, int]]) -> T:
    """One of the options, by weight."""
    return rng.choices([o for o, _w in options], [w for _o, w in options])[0]


def _org_number(rng: random.Random) -> str:
    digits = [5, 5, *(rng.randint(0, 9) for _ in range(7))]
    total = 0
    for i, d in enumerate(digits):
        n = d * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    digits.append((10 - total % 10) % 10)
    text = "".join(map(str, digits))
    return f"{text[:6]}-{text[6:]}"


class Spec(NamedTuple):
    """A person to create: kind, unit, role (and the unit it covers), a known login."""

    kind: str
    unit: int | None = None
    role: str | None = None
    role_unit: int | None = None
    login: str | None = None
    name: str | None = None
    supplier: int | None = None
    superuser: bool = False


@dataclass
class UnitInfo:
    id: int
    path: str
    kind: str
    code: str
    name: str
    org: int | None  # the administration or company it belongs to
    sectors: list[str]


@dataclass
class People:
    employees: list[int] = field(default_factory=list)
    residents: list[int] = field(default_factory=list)
    suppliers: list[int] = field(default_factory=list)
    by_org: dict[int, list[int]] = field(default_factory=dict)
    office: dict[int, int] = field(default_factory=dict)  # org id -> office person
    managers_by_org: dict[int, list[int]] = field(default_factory=dict)
    manager_of_unit: dict[int, int] = field(default_factory=dict)  # unit id -> nearest manager
    coaches_by_org: dict[int, list[int]] = field(default_factory=dict)
    capacity: dict[int, int] = field(default_factory=dict)
    director: int = 0


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


class ScaleBuilder:
    """Writes the city-scale data set. ``factor`` scales everything but the units (1.0 = the city)."""

    def __init__(
        self,
        *,
        seed: int = 2015,
        factor: float = 1.0,
        governance_years: int = YEARS,
        out: Callable[[str], None] | None = None,
    ) -> None:
        self.rng = random.Random(seed)  # noqa: S311 - test data, not secrets
        self.seed = seed
        self.governance_years = governance_years
        self.sizes = sizes_for(factor)
        self.out = out or (lambda msg: None)
        self.reference = REFERENCE.astimezone(UTC)  # UTC from here on: the database stores UTC
        self.start = self.reference - timedelta(days=round(YEARS * 365.25))
        self.started = time.monotonic()
        self.emails: dict[str, int] = {}
        self.stems: dict[tuple[int, str], str] = {}
        self.active_coached: dict[int, int] = {}
        self.comment_rate = self.sizes.comments / self.sizes.ideas
        self.support_rate = self.sizes.supports / self.sizes.ideas
        self.rows = dict.fromkeys(("decisions", "assessments", "comments", "supports", "follows", "co_authors"), 0)

    def say(self, message: str) -> None:
        self.out(f"{message} ({time.monotonic() - self.started:.1f} s)")

    # -- the whole load ------------------------------------------------------
    def build(self) -> dict[str, int]:
        with disable_auditlog(), sqlite_bulk_pragmas():
            with transaction.atomic():
                org_services.units_import_csv(text=UNITS_CSV.read_text(encoding="utf-8"))
                units = self._units()
                self.say(f"units: {len(units):,}")
                with timestamps_as_given(Idea, Comment, Support, Follow, RoleAssignment, SupplierOrganisation):
                    people = self._people(units)
                    org_services.person_authenticator_app_set(
                        user=User.objects.get(email=f"admin@{DEMO_DOMAIN}"), secret=DEMO_ADMIN_TOTP_SECRET
                    )
                    self._ideas(units, people)
            with transaction.atomic(), timestamps_as_given(*CALLS_MODELS):
                CallsScale(
                    seed=self.seed,
                    reference=self.reference,
                    years=YEARS,
                    applications=self.sizes.applications,
                    units=units,
                    people=people,
                    say=self.say,
                ).build()
            if connection.vendor == "postgresql":
                # The indicator values below are computed by queries over what was just loaded:
                # without statistics the planner picks nested loops and a year takes minutes.
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")
            with transaction.atomic(), timestamps_as_given(*GOVERNANCE_MODELS, RoleAssignment):
                GovernanceScale(
                    seed=self.seed,
                    reference=self.reference,
                    years=self.governance_years,
                    units=units,
                    people=people,
                    say=self.say,
                ).build()
            if connection.vendor == "postgresql":
                # After a bulk load: statistics for the planner, and the visibility map that lets
                # index-only scans (deep pages, counts) skip the table.
                # VACUUM cannot run inside a transaction (a caller's, such as a test's): then
                # statistics alone.
                command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
                with connection.cursor() as cursor:
                    cursor.execute(command)
                self.say(f"{command} done")
        return counts()

    # -- units -----------------------------------------------------------
    def _units(self) -> dict[int, UnitInfo]:
        rows = list(Unit.objects.order_by("path").values_list("id", "path", "kind", "code", "name", "sectors"))
        org_by_path = {path: pk for pk, path, kind, *_rest in rows if kind in ORGANISATION_KINDS}
        units = {}
        for pk, path, kind, code, name, sectors in rows:
            org = None
            for end in range(len(path), 0, -Unit.steplen):
                org = org_by_path.get(path[:end])
                if org is not None:
                    break
            units[pk] = UnitInfo(pk, path, kind, code, name, org, [s.strip() for s in sectors.split(";") if s.strip()])
        return units

    # -- people ------------------------------------------------------------
    def _email(self, name: str, login: str | None = None) -> str:
        if login:
            return f"{login}@{DEMO_DOMAIN}"
        base = email_local_part(name)
        n = self.emails.get(base, 0) + 1
        self.emails[base] = n
        return f"{base}@{DEMO_DOMAIN}" if n == 1 else f"{base}{n}@{DEMO_DOMAIN}"

    def _name(self) -> str:
        return f"{self.rng.choice(content.FIRST_NAMES)} {self.rng.choice(content.LAST_NAMES)}"

    def _people(self, units: dict[int, UnitInfo]) -> People:
        rng, sizes = self.rng, self.sizes
        orgs = [u for u in units.values() if u.kind in ORGANISATION_KINDS]
        farsta = next(u for u in orgs if "Farsta" in u.name)
        slk = next((u for u in orgs if u.code == "SLK"), orgs[0])
        root = next(u for u in units.values() if u.kind == UnitKind.CITY)
        own = self._own_headcounts(units, dict(Unit.objects.values_list("id", "headcount")))
        staff_units = [u.id for u in units.values() if u.org is not None]

        # The demo's logins first, then the roles, then everyone else.
        specs = [
            Spec(PersonKind.EMPLOYEE, slk.id, login="admin", name="Adam Berg", superuser=True),
            Spec(PersonKind.EMPLOYEE, slk.id, Role.DIRECTOR, root.id, login="direktor", name="Eva Lindqvist"),
        ]
        for org in orgs:
            here = org.id == farsta.id
            specs.append(
                Spec(
                    PersonKind.EMPLOYEE,
                    org.id,
                    Role.OFFICE,
                    org.id,
                    login="innovationskontor" if here else None,
                    name="Sara Holm" if here else None,
                )
            )
            specs.append(
                Spec(
                    PersonKind.EMPLOYEE,
                    org.id,
                    Role.MANAGER,
                    org.id,
                    login="chef" if here else None,
                    name="Johan Ek" if here else None,
                )
            )
        for dep in (u for u in units.values() if u.kind == UnitKind.DEPARTMENT):
            if rng.random() < 0.85:
                specs.append(Spec(PersonKind.EMPLOYEE, dep.id, Role.MANAGER, dep.id))
        org_staff = [max(sum(own[u.id] for u in units.values() if u.path.startswith(o.path)), 1) for o in orgs]
        coach_orgs = [farsta, *rng.choices(orgs, org_staff, k=sizes.coaches - 1)]
        specs.append(Spec(PersonKind.EMPLOYEE, farsta.id, Role.COACH, farsta.id, login="coach", name="Amira Haddad"))
        specs.extend(Spec(PersonKind.EMPLOYEE, o.id, Role.COACH, o.id) for o in coach_orgs[1:])
        farsta_unit = next(
            (u.id for u in units.values() if u.kind == UnitKind.UNIT and u.path.startswith(farsta.path)), farsta.id
        )
        specs.append(Spec(PersonKind.EMPLOYEE, farsta_unit, login="medarbetare", name="Lina Karlsson"))
        rest = max(sizes.employees - len(specs), 0)
        weights = [max(own[pk], 1) for pk in staff_units]
        specs.extend(Spec(PersonKind.EMPLOYEE, pk) for pk in rng.choices(staff_units, weights, k=rest))
        specs.append(Spec(PersonKind.RESIDENT, login="invanare", name="Maja Nilsson"))
        specs.extend(Spec(PersonKind.RESIDENT) for _i in range(sizes.residents - 1))
        suppliers = self._supplier_orgs(max(len(content.SUPPLIER_ORGANISATIONS), sizes.suppliers // 6))
        specs.append(Spec(PersonKind.SUPPLIER, supplier=suppliers[0], login="leverantor", name="Per Sandberg"))
        specs.extend(Spec(PersonKind.SUPPLIER, supplier=rng.choice(suppliers)) for _i in range(sizes.suppliers - 1))

        people = People()
        roles: list[RoleAssignment] = []
        password = make_password(DEMO_PASSWORD)  # one hash for every account: hashing is slow on purpose
        for chunk_start in range(0, len(specs), BATCH):
            chunk = specs[chunk_start : chunk_start + BATCH]
            users = [self._user(spec, password) for spec in chunk]
            User.objects.bulk_create(users, batch_size=BATCH)
            EmailAddress.objects.bulk_create(
                [EmailAddress(user_id=u.pk, email=u.email, verified=True, primary=True) for u in users],
                batch_size=BATCH,
            )
            for user, spec in zip(users, chunk, strict=True):
                role = self._register(people, user, spec, units)
                if role is not None:
                    roles.append(role)
            self.say(f"people: {chunk_start + len(chunk):,}/{len(specs):,}")
        RoleAssignment.objects.bulk_create(roles, batch_size=BATCH)
        self.say(f"roles: {len(roles):,}")
        # The nearest manager above each unit (the unit's own, its department's or its organisation's).
        by_path = {u.path: u.id for u in units.values()}
        for unit in units.values():
            for end in range(len(unit.path), 0, -Unit.steplen):
                manager = people.manager_of_unit.get(by_path.get(unit.path[:end], -1))
                if manager is not None:
                    people.manager_of_unit.setdefault(unit.id, manager)
                    break
        return people

    def _user(self, spec: Spec, password: str) -> User:
        name = spec.name or self._name()
        return User(
            email=self._email(name, spec.login),
            name=name,
            kind=spec.kind,
            unit_id=spec.unit,
            supplier_id=spec.supplier,
            language="en" if self.rng.random() < 0.04 else "sv",
            password=password,
            is_staff=spec.superuser,
            is_superuser=spec.superuser,
            date_joined=self.start - timedelta(seconds=self.rng.randint(0, 3 * 365 * DAY)),
        )

    def _register(self, people: People, user: User, spec: Spec, units: dict[int, UnitInfo]) -> RoleAssignment | None:
        """Note the person in the cast the ideas draw on; return their role, if any, to be written."""
        if spec.kind == PersonKind.RESIDENT:
            people.residents.append(user.pk)
            return None
        if spec.kind == PersonKind.SUPPLIER:
            people.suppliers.append(user.pk)
            return None
        people.employees.append(user.pk)
        org = units[spec.unit].org if spec.unit is not None else None
        if org is not None:
            people.by_org.setdefault(org, []).append(user.pk)
        if spec.role is None or spec.role_unit is None:
            return None
        capacity = self.rng.randint(10, 16) if spec.role == Role.COACH else 0
        if spec.role == Role.DIRECTOR:
            people.director = user.pk
        elif spec.role == Role.OFFICE:
            people.office[spec.role_unit] = user.pk
        elif spec.role == Role.MANAGER and org is not None:
            people.managers_by_org.setdefault(org, []).append(user.pk)
            people.manager_of_unit[spec.role_unit] = user.pk
        elif spec.role == Role.COACH and org is not None:
            people.coaches_by_org.setdefault(org, []).append(user.pk)
            people.capacity[user.pk] = capacity
        return RoleAssignment(
            user_id=user.pk,
            role=spec.role,
            unit_id=spec.role_unit,
            capacity=capacity,
            created_at=user.date_joined,
            updated_at=user.date_joined,
        )

    @staticmethod
    def _own_headcounts(units: dict[int, UnitInfo], headcount: dict[int, int]) -> dict[int, int]:
        """Each unit's own staff: its headcount less that of the units right below it."""
        by_path = {u.path: u.id for u in units.values()}
        below = dict.fromkeys(units, 0)
        for unit in units.values():
            parent = by_path.get(unit.path[: -Unit.steplen])
            if parent is not None:
                below[parent] += headcount.get(unit.id, 0)
        return {pk: max(headcount.get(pk, 0) - below[pk], 0) for pk in units}

    def _supplier_orgs(self, n: int) -> list[int]:
        when = self.start - timedelta(days=400)
        orgs = [
            SupplierOrganisation(
                name=name, org_number=org_services.normalise_org_number(number), created_at=when, updated_at=when
            )
            for name, number in content.SUPPLIER_ORGANISATIONS
        ]
        numbers = {o.org_number for o in orgs}
        while len(orgs) < n:
            number = _org_number(self.rng)
            if number in numbers:
                continue
            numbers.add(number)
            name = f"{self.rng.choice(content.LAST_NAMES)} {self.rng.choice(SUPPLIER_TRADES)} AB"
            orgs.append(SupplierOrganisation(name=name, org_number=number, created_at=when, updated_at=when))
        SupplierOrganisation.objects.bulk_create(orgs, batch_size=BATCH)
        self.say(f"supplier organisations: {len(orgs):,}")
        return [o.pk for o in orgs]

    # -- idea texts --------------------------------------------------------
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
    def _ideas(self, units: dict[int, UnitInfo], people: People) -> None:
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
            done += len(plans)
            self.say(
                f"ideas: {done:,}/{sizes.ideas:,}; decisions {self.rows['decisions']:,}, "
                f"comments {self.rows['comments']:,}, supports {self.rows['supports']:,}, "
                f"follows {self.rows['follows']:,}, assessments {self.rows['assessments']:,}"
            )

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
            idea.parked_until = (last.decided_at + timedelta(days=rng.randint(60, 300))).astimezone(STOCKHOLM).date()
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
        return GateDecision(
            from_stage=source,
            to_stage=target,
            decided_by_id=by,
            decided_at=when,
            rationale=rationale,
            checklist=checklist,
        )

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


def counts() -> dict[str, int]:
    """Rows per table of the data set."""
    return {
        "units": Unit.objects.count(),
        "people": User.objects.count(),
        "email addresses": EmailAddress.objects.count(),
        "roles": RoleAssignment.objects.count(),
        "supplier organisations": SupplierOrganisation.objects.count(),
        "ideas": Idea.objects.count(),
        "gate decisions": GateDecision.objects.count(),
        "assessments": Assessment.objects.count(),
        "comments": Comment.objects.count(),
        "supports": Support.objects.count(),
        "follows": Follow.objects.count(),
        "co-authors": Idea.co_authors.through.objects.count(),
        **calls_counts(),
        **governance_counts(),
    }


def has_data() -> bool:
    return Idea.objects.exists() or User.objects.exists() or Unit.objects.exists()


def build(
    *, seed: int, factor: float, governance_years: int = YEARS, out: Callable[[str], None] | None = None
) -> dict[str, int]:
    return ScaleBuilder(seed=seed, factor=factor, governance_years=governance_years, out=out).build()
