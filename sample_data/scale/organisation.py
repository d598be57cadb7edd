"""City-scale units and people: the city's organisation, the demo's logins, and every employee,
resident and supplier, with their roles and email addresses."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import NamedTuple

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password

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
from sample_data.demo import DEMO_ADMIN_TOTP_SECRET, DEMO_DOMAIN, DEMO_PASSWORD, UNITS_CSV, email_local_part
from sample_data.demo import ideas_texts as content
from sample_data.scale import BATCH, DAY, People, ScaleBuilder, UnitInfo, timestamps_as_given

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


def build(scale: ScaleBuilder) -> None:
    org_services.units_import_csv(text=UNITS_CSV.read_text(encoding="utf-8"))
    organisation = OrganisationScale(scale)
    scale.units = organisation.units()
    scale.say(f"units: {len(scale.units):,}")
    with timestamps_as_given(RoleAssignment, SupplierOrganisation):
        scale.people = organisation.people(scale.units)
        org_services.person_authenticator_app_set(
            user=User.objects.get(email=f"admin@{DEMO_DOMAIN}"), secret=DEMO_ADMIN_TOTP_SECRET
        )


def counts() -> dict[str, int]:
    """Rows per organisation table."""
    return {
        "units": Unit.objects.count(),
        "people": User.objects.count(),
        "email addresses": EmailAddress.objects.count(),
        "roles": RoleAssignment.objects.count(),
        "supplier organisations": SupplierOrganisation.objects.count(),
    }


class OrganisationScale:
    def __init__(self, scale: ScaleBuilder) -> None:
        self.rng = scale.rng
        self.sizes = scale.sizes
        self.start = scale.start
        self.reference = scale.reference
        self.say = scale.say
        self.seed = scale.seed
        self.emails: dict[str, int] = {}

    # -- units -----------------------------------------------------------
    def units(self) -> dict[int, UnitInfo]:
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

    def people(self, units: dict[int, UnitInfo]) -> People:
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
        staff: list[tuple[int, int, datetime]] = []  # employees with no role: (id, unit, joined)
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
                elif spec.kind == PersonKind.EMPLOYEE and spec.login is None and spec.unit is not None:
                    staff.append((user.pk, spec.unit, user.date_joined))
            self.say(f"people: {chunk_start + len(chunk):,}/{len(specs):,}")
        heads = sum(r.role == Role.MANAGER for r in roles)
        line_managers = self._line_managers(staff, sizes.managers - heads)
        roles.extend(line_managers)
        RoleAssignment.objects.bulk_create(roles, batch_size=BATCH)
        self.say(f"roles: {len(roles):,} ({heads + len(line_managers):,} heads and managers)")
        # The nearest manager above each unit (the unit's own, its department's or its organisation's).
        by_path = {u.path: u.id for u in units.values()}
        for unit in units.values():
            for end in range(len(unit.path), 0, -Unit.steplen):
                manager = people.manager_of_unit.get(by_path.get(unit.path[:end], -1))
                if manager is not None:
                    people.manager_of_unit.setdefault(unit.id, manager)
                    break
        return people

    def _line_managers(self, staff: list[tuple[int, int, datetime]], count: int) -> list[RoleAssignment]:
        """The city's first-line managers, beside the heads of its organisations and departments: ``count`` of the
        employees with no other role, each the manager of their own unit, so the heads and managers number about
        2,000 at city scale (the group the capacity survey is put to). Drawn by a generator of their own, so the
        rest of the data stays as it was; they are not in the cast the ideas, calls and needs draw their managers
        from."""
        rng = random.Random(f"{self.seed}-line-managers")  # noqa: S311 - test data, not secrets
        chosen = rng.sample(staff, min(max(count, 0), len(staff)))
        return [
            RoleAssignment(user_id=pk, role=Role.MANAGER, unit_id=unit, created_at=joined, updated_at=joined)
            for pk, unit, joined in sorted(chosen)
        ]

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
