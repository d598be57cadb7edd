"""The indicator "Adoptions by other units": in use in the period, for both units, once per subtree; and where it shows."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from governance import services as governance
from governance.indicators import COMPUTATIONS
from governance.models import Indicator, IndicatorValue, Period, period_bounds
from spread.adoptions import services
from spread.adoptions.indicators import adoptions_by_other_units
from spread.models import Adoption
from tests.spread.adoptions.conftest import make_example

pytestmark = pytest.mark.django_db
STHLM = ZoneInfo("Europe/Stockholm")


def adopt(example, unit, by, *, start: date, in_use: date | None = None, stopped: date | None = None):
    adoption = services.adoption_start(example=example, unit=unit, by=by, start_date=start, changes="Så här.")
    for state, on, extra in (
        ("in_use", in_use, {"evidence": "Mätt och klart."}),
        ("stopped", stopped, {"stopped_reason": "Slutade."}),
    ):
        if on is not None:
            adoption = Adoption.objects.get(pk=adoption.pk)
            services.adoption_step(
                adoption=adoption, by=by, expected_version=adoption.version, to_state=state, on=on, **extra
            )
    return adoption


@pytest.fixture
def adoptions(tree, people):
    """Examples of Björkens (Norra) and of Skola Södra, adopted across the city in 2025."""
    director = people["director"]
    north = make_example(unit=tree["SDF-N-ALD-1"], title="Lås")
    south = make_example(unit=tree["SDF-S-SKO"], title="Läxhjälp")
    adopt(north, tree["SDF-S-SKO"], director, start=date(2025, 1, 5), in_use=date(2025, 2, 1))  # in use in T1
    adopt(north, tree["SLK"], director, start=date(2025, 1, 5), in_use=date(2025, 6, 1))  # in use from T2
    adopt(north, tree["SDF-S"], director, start=date(2025, 1, 5))  # never in use
    adopt(
        south, tree["SDF-N-ALD"], director, start=date(2025, 1, 5), in_use=date(2025, 1, 20), stopped=date(2025, 3, 1)
    )
    return north, south


def values(period: str, year: int = 2025) -> dict[str, int]:
    from organisation.models import Unit

    codes = dict(Unit.objects.values_list("pk", "code"))
    figures = adoptions_by_other_units(*period_bounds(year, period))
    return {codes[pk]: int(f.value) for pk, f in figures.items() if f.value}


def test_adoptions_in_use_count_for_both_units_and_once_per_subtree(adoptions):
    t1 = values(Period.T1)
    # Södra's school uses Norra's locks; Norra's department used Södra's homework help until 1 March.
    assert t1["SDF-S-SKO"] == 2 and t1["SDF-S"] == 2 and t1["SDN-S"] == 2
    assert t1["SDF-N-ALD-1"] == 1 and t1["SDF-N-ALD"] == 2 and t1["SDF-N"] == 2
    assert t1["CITY"] == 2  # each adoption once, though both of its units are below the city
    assert "SLK" not in t1
    t2 = values(Period.T2)  # periods run from the start of the year: January to August
    assert t2["SLK"] == 1 and t2["CITY"] == 3 and t2["SDF-N-ALD-1"] == 2 and t2["SDF-N-ALD"] == 3
    next_year = values(Period.T1, year=2026)  # the homework help stopped the year before: no longer counted
    assert next_year["CITY"] == 2 and next_year["SDF-N-ALD"] == 2 and next_year["SDF-S-SKO"] == 1


def test_a_fixed_number_of_queries(adoptions, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        adoptions_by_other_units(*period_bounds(2025, Period.ANNUAL))


def test_it_is_kept_shown_on_the_dashboard_in_reports_and_in_open_data(adoptions, client, people, tree):
    assert "adoptions_by_other_units" in COMPUTATIONS
    governance.indicator_values_compute(year=2025, period=Period.T1, now=datetime(2025, 5, 2, tzinfo=STHLM))
    indicator = Indicator.objects.get(computation="adoptions_by_other_units")
    kept = IndicatorValue.objects.get(indicator=indicator, unit=tree["CITY"], year=2025, period=Period.T1)
    assert kept.value == Decimal(2) and kept.basis == 2
    assert indicator in governance.report_indicators(unit=tree["SDF-N"], year=2025)
    client.force_login(people["director"])
    board = client.get(reverse("governance:dashboard") + "?year=2025&period=T1")
    assert board.status_code == 200 and "Adoptions by other units" in board.text
    client.logout()
    csv = client.get(reverse("opendata:csv", args=["indicators"]))
    assert csv.status_code == 200
    # Two adoptions rest on fewer than five: published as "<5", as every small count is.
    assert "2025,T1,CITY,Teststaden,city,adoptions-by-other-units," in csv.content.decode()
    assert ",count,<5,suppressed" in csv.content.decode()
