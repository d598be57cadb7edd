"""The computed indicators of the innovation fund: kronor granted, and the share of ideas in the lock with funding."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from calls import services as calls
from calls.indicators import call_applications, funded_share, granted_funding
from calls.models import Programme
from governance import services
from governance.indicators import COMPUTATIONS, Figure
from governance.models import Indicator, IndicatorValue, Measure, Period, period_bounds
from ideas.lock import Stage
from tests import factories

STHLM = ZoneInfo("Europe/Stockholm")


def at(month: int, day: int) -> datetime:
    return datetime(2026, month, day, 10, tzinfo=STHLM)


@pytest.fixture
def funding(people, tree):
    """Five ideas of Norra moving through the lock in 2026, and fund applications decided at different times.

    A: pre-study 1 Feb; granted 100,000 (its own unit) on 20 April and 50,000 (from Södra) on 1 June.
    B: pre-study 2 Feb, pilot 1 June; granted 30,000 on 1 October.
    C: pre-study 3 Feb, closed 1 July; an application not granted on 10 June.
    D: still an idea. E: pre-study 1 October.
    """
    director, office = people["director"], people["office"]
    ideas = {}
    for n, name in enumerate("ABCDE"):
        ideas[name] = factories.idea(
            author=people["employee"], title=f"Idé {name}", now=at(1, 10 + n), notify_office=False
        )
    for n, name in enumerate("ABC"):
        factories.move(ideas[name], by=office, to=Stage.PRESTUDY, now=at(2, 1 + n))
    factories.move(ideas["B"], by=office, to=Stage.PILOT, now=at(6, 1))
    factories.move(ideas["C"], by=office, to=Stage.CLOSED, now=at(7, 1))
    factories.move(ideas["E"], by=office, to=Stage.PRESTUDY, now=at(10, 1))

    call = calls.call_create(
        by=director,
        programme=Programme.FUND,
        title="Innovationsfonden 2026",
        summary="Pengar till idéer i slussen.",
        description="Sök medel.",
        year=2026,
        opens_at=at(3, 1),
        closes_at=at(4, 30),
        budget=Decimal(1_000_000),
    )
    calls.criterion_add(call=call, by=director, name="Nytta")
    calls.call_publish(call=call, by=director)
    chair = factories.person(unit=director.unit, name="Jonas Juryordförande")  # the office sits on no jury
    calls.juror_add(call=call, by=director, user=chair, is_chair=True)

    def apply(applicant, idea, amount: int | None, decided: datetime) -> None:
        application = calls.application_start(call=call, applicant=applicant, now=at(4, 1))
        application = calls.application_save(
            application=application,
            by=applicant,
            expected_version=application.version,
            title=f"Medel till {idea.title}",
            summary="Kort.",
            description="Längre.",
            idea=idea,
            requested_amount=Decimal(200_000),
            budget_lines=[("Arbetstid", Decimal(200_000))],
        )
        calls.application_submit(
            application=application, by=applicant, expected_version=application.version, now=at(4, 1)
        )
        calls.application_screen(application=application, by=director, eligible=True)
        calls.decision_record(
            application=application,
            by=chair,
            granted=amount is not None,
            amount=Decimal(amount) if amount is not None else None,
            justification="Enligt juryns rangordning.",
            now=decided,
        )

    apply(people["employee"], ideas["A"], 100_000, at(4, 20))
    apply(people["colleague"], ideas["A"], 50_000, at(6, 1))
    apply(people["employee"], ideas["B"], 30_000, at(10, 1))
    apply(people["colleague"], ideas["C"], None, at(6, 10))
    return ideas


def bounds(period: str) -> tuple[datetime, datetime]:
    return period_bounds(2026, period)


def test_granted_funding_sums_the_decisions_of_the_period_per_subtree(funding, tree):
    t1, t2, year = (granted_funding(*bounds(p)) for p in (Period.T1, Period.T2, Period.ANNUAL))
    assert t1[tree["CITY"].pk] == Figure(Decimal("100000.00"), 1)
    assert t1[tree["SDF-S"].pk] == Figure(Decimal("0.00"), 0)
    # The application from Södra about Norra's idea counts for both, and once for the city.
    assert t2[tree["CITY"].pk] == Figure(Decimal("150000.00"), 2)
    assert t2[tree["SDF-N"].pk] == Figure(Decimal("150000.00"), 2)
    assert t2[tree["SDF-N-ALD-1"].pk] == Figure(Decimal("150000.00"), 2)
    assert t2[tree["SDF-S"].pk] == Figure(Decimal("50000.00"), 1)
    assert t2[tree["SLK"].pk] == Figure(Decimal("0.00"), 0)
    assert year[tree["CITY"].pk] == Figure(Decimal("180000.00"), 3)
    assert set(t2) == {u.pk for u in tree.values()}  # a figure for every unit


def test_call_applications_count_what_was_submitted_in_the_period_per_subtree(funding, tree):
    t1, t2 = (call_applications(*bounds(p)) for p in (Period.T1, Period.T2))
    # All four were submitted on 1 April: two from Norra, two from Södra about Norra's ideas.
    assert t1[tree["CITY"].pk] == Figure(Decimal(4), 4)
    assert t1[tree["SDF-N"].pk] == Figure(Decimal(4), 4)  # its own and those about its ideas, once each
    assert t1[tree["SDF-S"].pk] == Figure(Decimal(2), 2)
    assert t1[tree["SLK"].pk] == Figure(Decimal(0), 0)
    assert t2[tree["CITY"].pk] == Figure(Decimal(4), 4)  # T2 runs from the year's start too
    after = call_applications(datetime(2026, 4, 2, tzinfo=STHLM), bounds(Period.ANNUAL)[1])
    assert after[tree["CITY"].pk] == Figure(Decimal(0), 0)


def test_funded_share_counts_the_ideas_in_the_lock_at_the_periods_end(funding, tree):
    t1, t2, year = (funded_share(*bounds(p)) for p in (Period.T1, Period.T2, Period.ANNUAL))
    north = tree["SDF-N"].pk
    assert t1[north] == Figure(Decimal("33.33"), 3)  # A, B and C in pre-study; A granted on 20 April
    assert t2[north] == Figure(Decimal("50.00"), 2)  # C closed; B not yet granted
    assert year[north] == Figure(Decimal("66.67"), 3)  # E in pre-study; A and B granted
    assert t2[tree["CITY"].pk] == t2[north]
    assert tree["SDF-S"].pk not in t2  # no ideas of its own in the lock: no figure, not zero


def test_both_are_period_stable(funding, tree):
    """What is decided after a period's end does not change it."""
    start, end = bounds(Period.T1)
    before = (granted_funding(start, end), funded_share(start, end))
    factories.move(funding["D"], by=factories.person(unit=tree["SDF-N"], role="office"), to=Stage.PRESTUDY)
    assert (granted_funding(start, end), funded_share(start, end)) == before


def test_they_are_kept_with_the_other_computed_indicators(funding, tree):
    services.indicator_values_compute(year=2026, period=Period.T2, now=at(9, 2))
    granted = Indicator.objects.get(computation="granted_funding")
    share = Indicator.objects.get(computation="funded_share")
    assert granted.measure == Measure.SEK and share.measure == Measure.PERCENT
    assert IndicatorValue.objects.get(indicator=granted, unit=tree["SDF-S"], year=2026, period=Period.T2).value == (
        Decimal("50000.00")
    )
    assert IndicatorValue.objects.get(indicator=share, unit=tree["CITY"], year=2026, period=Period.T2).basis == 2
    assert {"granted_funding", "funded_share"} <= set(COMPUTATIONS)


def test_a_fixed_number_of_queries_whatever_the_data(funding, django_assert_max_num_queries):
    start, end = bounds(Period.ANNUAL)
    with django_assert_max_num_queries(2):
        granted_funding(start, end)
    with django_assert_max_num_queries(2):
        funded_share(start, end)
