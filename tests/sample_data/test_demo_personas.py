"""The demo's personas tell one story: each login's unit, roles and own ideas fit what the README says of them.

The employee works in elderly care in Farsta and has written elderly-care ideas that have come
different distances; the manager leads Farsta; the resident and the supplier have ideas of
their own, about Farsta.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from ideas.models import Idea, Source
from organisation.models import PersonKind, Role, Unit, User
from sample_data.demo import DEMO_DOMAIN, DEMO_LOGINS, DemoBuilder

NOW = datetime(2026, 11, 27, 10, tzinfo=ZoneInfo("Europe/Stockholm"))
README = Path(__file__).resolve().parents[2] / "README.md"


@pytest.fixture(scope="module")
def built_once(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        DemoBuilder(ideas=80, governance_years=1, now=NOW).build()
        yield
        call_command("flush", "--no-input", verbosity=0)


@pytest.fixture
def farsta(built_once, db) -> Unit:
    return Unit.objects.get(code="SDF-FA")


def login(name: str) -> User:
    return User.objects.select_related("unit").get(email=f"{name}@{DEMO_DOMAIN}")


def own_ideas(person: User) -> list[Idea]:
    """The ideas the person sent on their own (not answers to a city-wide challenge, which go to its unit)."""
    return list(Idea.objects.filter(author=person, challenge_answer__isnull=True).select_related("unit"))


def in_farsta(unit: Unit, farsta: Unit) -> bool:
    return unit.path.startswith(farsta.path)


def test_the_employee_works_in_elderly_care_in_farsta_and_her_ideas_are_its(farsta):
    employee = login("medarbetare")
    assert employee.kind == PersonKind.EMPLOYEE
    assert employee.unit is not None
    assert employee.unit.code == "SDF-FA-ALD-01"  # Hemtjänsten Hökarängen
    assert "elderly_care" in employee.unit.sectors.split(";")
    ideas = own_ideas(employee)
    assert len(ideas) >= 3
    elderly_care = Unit.objects.get(code="SDF-FA-ALD")
    for idea in ideas:
        assert idea.unit.path.startswith(elderly_care.path), (idea.title, idea.unit)
        assert idea.source == Source.EMPLOYEE
    assert len({idea.stage for idea in ideas}) >= 3, [idea.stage for idea in ideas]
    # Home care's ideas are her own unit's; a care home's go to the care home.
    assert any(idea.unit == employee.unit for idea in ideas)


def test_the_manager_leads_farsta_and_writes_for_farsta(farsta):
    manager = login("chef")
    assert manager.unit == farsta
    assert manager.role_assignments.filter(role=Role.MANAGER, unit=farsta).exists()
    for idea in own_ideas(manager):
        assert in_farsta(idea.unit, farsta), (idea.title, idea.unit)


def test_the_office_and_the_coach_work_in_farsta(farsta):
    office = login("innovationskontor")
    assert office.unit == farsta and office.role_assignments.filter(role=Role.OFFICE, unit=farsta).exists()
    coach = login("coach")
    assert coach.unit == farsta and coach.role_assignments.filter(role=Role.COACH).exists()


def test_the_resident_has_her_own_ideas_about_farsta(farsta):
    resident = login("invanare")
    assert resident.kind == PersonKind.RESIDENT and resident.unit is None
    ideas = own_ideas(resident)
    assert ideas
    for idea in ideas:
        assert idea.source == Source.RESIDENT
        assert in_farsta(idea.unit, farsta), (idea.title, idea.unit)


def test_the_supplier_has_ideas_of_his_trade_for_farstas_elderly_care(farsta):
    supplier = login("leverantor")
    assert supplier.kind == PersonKind.SUPPLIER
    assert supplier.supplier is not None and supplier.supplier.name == "Nordlås Trygghet AB"
    ideas = own_ideas(supplier)
    assert ideas
    for idea in ideas:
        assert idea.source == Source.SUPPLIER
        assert in_farsta(idea.unit, farsta) and "elderly_care" in idea.unit.sectors.split(";"), idea.title


def test_the_readme_describes_each_login_as_the_demo_builds_it(built_once):
    readme = README.read_text(encoding="utf-8")
    for name, _role, _description in DEMO_LOGINS:
        assert f"`{name}@{DEMO_DOMAIN}`" in readme
    rows = {line.split("|")[1].strip(): line for line in readme.splitlines() if f"@{DEMO_DOMAIN}`" in line}
    assert "Hemtjänsten Hökarängen" in rows[f"`medarbetare@{DEMO_DOMAIN}`"]
    assert "Nordlås Trygghet AB" in rows[f"`leverantor@{DEMO_DOMAIN}`"]
    assert "Farsta" in rows[f"`invanare@{DEMO_DOMAIN}`"]
