"""The demo city's units and people: the city's organisation, the demo logins and everyone else."""

from __future__ import annotations

from django.contrib.auth.hashers import make_password

from organisation import services as org_services
from organisation.models import PersonKind, Role, RoleAssignment, Unit, UnitKind, User
from sample_data.demo import (
    DEMO_ADMIN_TOTP_SECRET,
    DEMO_DOMAIN,
    DEMO_PASSWORD,
    ORG_KINDS,
    UNITS_CSV,
    Cast,
    DemoBuilder,
    email_local_part,
)
from sample_data.demo import ideas_texts as content

#: The demo logins live and work in Farsta: the unit the employee works in.
PERSONA_UNIT = "SDF-FA-ALD-01"  # Hemtjänsten Hökarängen, elderly care in Farsta


def build(demo: DemoBuilder) -> None:
    """The units from the city's file, then the people, who all share the documented password."""
    org_services.units_import_csv(text=UNITS_CSV.read_text(encoding="utf-8"))
    demo.out(f"{Unit.objects.count()} units")
    People(demo).cast(demo.cast)
    # Hashing is slow on purpose; every demo account shares one password, so hash it once.
    # ... and everyone has worked in the city, in the role they have, since before the demo's history begins.
    User.objects.update(password=make_password(DEMO_PASSWORD), date_joined=demo.start)
    RoleAssignment.objects.update(created_at=demo.start)
    demo.out(f"{User.objects.count()} people")


class People:
    def __init__(self, demo: DemoBuilder) -> None:
        self.rng = demo.rng
        self.used_emails = demo.used_emails

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

    def cast(self, cast: Cast) -> Cast:
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
