"""Calls fixtures: a fund call with a rubric and a jury, a stipend call with eligibility rules, applications."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from calls import services
from calls.models import Programme
from ideas.lock import Stage
from tests import factories

STHLM = ZoneInfo("Europe/Stockholm")
OPENS = datetime(2026, 3, 1, 9, tzinfo=STHLM)
CLOSES = datetime(2026, 4, 30, 23, 59, tzinfo=STHLM)
DURING = datetime(2026, 4, 1, 12, tzinfo=STHLM)


@pytest.fixture
def jurors(tree, people):
    """Two jurors outside Norra and one inside it; the chair from Södra."""
    return {
        "expert": factories.person(unit=tree["SLK"], name="Erik Expert"),
        "north": factories.person(unit=tree["SDF-N-ALD"], name="Nora Norra"),
        "chair": factories.person(unit=tree["SDF-S-SKO"], name="Carl Chair"),
    }


@pytest.fixture
def fund(people, jurors):
    call = services.call_create(
        by=people["director"],
        programme=Programme.FUND,
        title="Innovationsfonden 2026",
        summary="Pengar till förstudier, piloter och införanden.",
        description="Sök medel för en idé i innovationsslussen.",
        year=2026,
        opens_at=OPENS,
        closes_at=CLOSES,
        budget=Decimal(2_000_000),
    )
    services.criterion_add(call=call, by=people["director"], name="Nytta för stockholmarna", weight="2")
    services.criterion_add(call=call, by=people["director"], name="Genomförbarhet", weight="1")
    services.call_publish(call=call, by=people["director"])
    services.juror_add(call=call, by=people["director"], user=jurors["expert"])
    services.juror_add(call=call, by=people["director"], user=jurors["north"])
    services.juror_add(call=call, by=people["director"], user=jurors["chair"], is_chair=True)
    return call


@pytest.fixture
def stipend(people):
    call = services.call_create(
        by=people["director"],
        programme=Programme.STIPEND,
        title="Innovationsstipendiet 2026",
        summary="För dig som bor, arbetar eller studerar i staden.",
        description="Stipendium för att gå vidare med en idé.",
        year=2026,
        opens_at=OPENS,
        closes_at=CLOSES,
        min_age=18,
        no_city_employment_months=12,
        exclude_last_year_winners=True,
    )
    services.criterion_add(call=call, by=people["director"], name="Nyhetsvärde")
    services.call_publish(call=call, by=people["director"])
    return call


@pytest.fixture
def pilot_idea(people):
    idea = factories.idea(author=people["employee"], title="Digitala lås i hemtjänsten")
    factories.move(idea, by=people["office"], to=Stage.PRESTUDY)
    return idea


@pytest.fixture
def fund_application(people, fund, pilot_idea):
    """A complete fund application from Norra, submitted."""
    employee = people["employee"]
    application = services.application_start(call=fund, applicant=employee, now=DURING)
    application = services.application_save(
        application=application,
        by=employee,
        expected_version=application.version,
        title="Pilot med digitala lås",
        summary="Vi vill pröva digitala lås i två hemtjänstgrupper.",
        description="Piloten pågår i sex månader och utvärderas av brukarna.",
        idea=pilot_idea,
        requested_amount=Decimal(150_000),
        co_financing=Decimal(50_000),
        budget_lines=[("Lås och installation", Decimal(120_000)), ("Utvärdering", Decimal(30_000))],
    )
    return services.application_submit(
        application=application, by=employee, expected_version=application.version, now=DURING
    )


@pytest.fixture
def with_jury(people, jurors, fund_application):
    """The fund application screened eligible and given to the expert and the chair (the juror from Norra is
    recused)."""
    services.application_screen(application=fund_application, by=people["director"], eligible=True)
    for name in ("expert", "chair"):
        services.assignment_add(application=fund_application, juror=jurors[name], by=people["director"])
    fund_application.refresh_from_db()
    return fund_application


@pytest.fixture
def resident_stipend_draft(people, stipend):
    resident = people["resident"]
    application = services.application_start(call=stipend, applicant=resident, now=DURING)
    return services.application_save(
        application=application,
        by=resident,
        expected_version=application.version,
        title="Cykelkök för grannar",
        summary="Ett mobilt kök på cykel.",
        description="Kvarterskök som rullar mellan gårdarna.",
        requested_amount=Decimal(40_000),
        birth_date=date(1990, 5, 17),
        residence="lives",
    )
