"""Governance fixtures: a reporting period, goals and a report of Norra stadsdelsförvaltningen."""

from __future__ import annotations

from datetime import date

import pytest

from governance import services
from governance.models import Indicator, Period


@pytest.fixture
def indicators(db):
    services.indicators_sync()
    return {i.computation or i.code: i for i in Indicator.objects.all()}


@pytest.fixture
def survey_indicator(people, indicators):
    return services.indicator_create(
        by=people["director"],
        code="survey-climate",
        name="Innovationsklimat i medarbetarenkäten",
        measure="percent",
        direction="higher",
        source="Medarbetarenkäten",
    )


@pytest.fixture
def goals(people, tree, survey_indicator, indicators):
    city = services.goal_create(
        by=people["director"],
        year=2026,
        unit=tree["CITY"],
        title="Fler idéer blir verklighet",
        indicators=[indicators["reached_pilot"], survey_indicator],
    )
    north = services.goal_create(
        by=people["manager"],
        year=2026,
        unit=tree["SDF-N"],
        parent=city,
        title="Varje enhet prövar minst en ny idé",
    )
    return {"city": city, "north": north}


@pytest.fixture
def t1(people):
    return services.reporting_period_open(
        by=people["director"], year=2026, period=Period.T1, deadline=date(2026, 5, 15)
    )


@pytest.fixture
def report(people, tree, goals, t1):
    return services.report_start(by=people["manager"], reporting_period=t1, unit=tree["SDF-N"])
