"""A year of ideas in Teststaden: eight for Norra stadsdelsförvaltningen, one for Södra, with decisions."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from governance.services import indicator_values_compute
from ideas.lock import Stage
from ideas.models import Idea
from tests import factories

STHLM = ZoneInfo("Europe/Stockholm")
#: The clock of the tests: after the whole of 2025, during 2026.
NOW = datetime(2026, 3, 10, 12, tzinfo=STHLM)


def at(month: int, day: int, hour: int = 9, *, year: int = 2025) -> datetime:
    return datetime(year, month, day, hour, tzinfo=STHLM)


@pytest.fixture
def year_of_ideas(people, tree):
    """2025 T1: six ideas from employees and two from a resident to Norra (three go on to pre-study in March),
    one from an employee to Södra. T2: one of Norra's pre-studies becomes a pilot in June."""
    employee, resident, office = people["employee"], people["resident"], people["office"]
    north = [factories.idea(author=employee, now=at(2, 3) + timedelta(hours=i)) for i in range(6)]
    north += [factories.idea(author=resident, unit=tree["SDF-N"], now=at(2, 10) + timedelta(hours=i)) for i in range(2)]
    south = factories.idea(author=people["colleague"], unit=tree["SDF-S-SKO"], now=at(3, 1))
    for i, idea in enumerate(north[:3]):
        factories.move(idea, by=office, to=Stage.PRESTUDY, now=at(3, 20) + timedelta(hours=i))
    factories.move(Idea.objects.get(pk=north[0].pk), by=office, to=Stage.PILOT, now=at(6, 15))
    return {"north": north, "south": south}


@pytest.fixture
def computed(year_of_ideas):
    """The indicator values of 2025, each computed after its period ended."""
    indicator_values_compute(year=2025, period="T1", now=at(5, 2))
    indicator_values_compute(year=2025, period="T2", now=at(9, 2))
    indicator_values_compute(year=2025, period="VB", now=at(1, 5, year=2026))
    return year_of_ideas
