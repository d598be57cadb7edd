"""What the datasets publish: aggregated figures, small ones suppressed, only periods that have ended."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from governance.models import Measure
from governance.services import indicator_values_compute
from opendata import selectors
from organisation.models import Unit, UnitKind
from tests import factories
from tests.opendata.conftest import NOW, at


def rows_by(rows, **match):
    return [r for r in rows if all(r[k] == v for k, v in match.items())]


def one(rows, **match):
    found = rows_by(rows, **match)
    assert len(found) == 1, (match, found)
    return found[0]


@pytest.mark.parametrize(
    ("value", "basis", "measure", "published"),
    [
        (Decimal(0), 0, Measure.COUNT, ("0", "")),
        (Decimal(1), 1, Measure.COUNT, ("<5", "suppressed")),
        (Decimal(4), 4, Measure.COUNT, ("<5", "suppressed")),
        (Decimal(5), 5, Measure.COUNT, ("5", "")),
        (Decimal(120), 120, Measure.COUNT, ("120", "")),
        (Decimal("75.00"), 4, Measure.PERCENT, (None, "suppressed")),
        (Decimal("0.00"), 0, Measure.PER_THOUSAND, (None, "suppressed")),
        (Decimal("12.50"), 3, Measure.DAYS, (None, "suppressed")),
        (Decimal("12.50"), 5, Measure.DAYS, ("12.50", "")),
        (Decimal("33.33"), 6, Measure.PERCENT, ("33.33", "")),
    ],
)
def test_small_figures_are_never_published_exactly(value, basis, measure, published):
    assert selectors.published_figure(value=value, basis=basis, measure=measure) == published


# --- indicators ---


def test_indicators_are_published_per_organisation_with_small_figures_suppressed(computed):
    rows = selectors.indicator_rows(now=NOW)
    t1 = rows_by(rows, year=2025, period="T1")
    # Eight ideas for Norra's 500 employees, six from employees and two from a resident: 16 per thousand
    # would give the total, and the total minus the six the two. The rate is withheld.
    rate = one(t1, unit_code="SDF-N", indicator_code="ideas-per-thousand")
    assert (rate["value"], rate["note"]) == (None, "withheld")
    # Two of them from a resident: 25 % of the eight published would give the two away.
    external = one(t1, unit_code="SDF-N", indicator_code="external-share")
    assert (external["value"], external["note"]) == (None, "suppressed")
    # Södra's one idea: the rate rests on one idea and is not published.
    south = one(t1, unit_code="SDF-S", indicator_code="ideas-per-thousand")
    assert (south["value"], south["note"]) == (None, "suppressed")
    # Three first decisions: too few for a median.
    days = one(t1, unit_code="SDF-N", indicator_code="median-days-idea")
    assert (days["value"], days["note"]) == (None, "suppressed")
    # One pilot in T2 is "<5"; no pilot in T1 is a plain zero.
    assert one(rows, year=2025, period="T2", unit_code="SDF-N", indicator_code="reached-pilot")["value"] == "<5"
    assert one(t1, unit_code="SDF-N", indicator_code="reached-pilot")["value"] == "0"
    assert one(t1, unit_code="CITY", indicator_code="reached-pilot")["note"] == ""


def test_indicator_rows_carry_swedish_names_and_the_unit(computed):
    row = one(
        selectors.indicator_rows(now=NOW), year=2025, period="VB", unit_code="SDF-N", indicator_code="reached-pilot"
    )
    assert row["unit_name"] == "Norra stadsdelsförvaltningen"
    assert row["unit_kind"] == UnitKind.DISTRICT_ADMINISTRATION
    assert row["measure"] == Measure.COUNT
    assert row["indicator_name"]


def test_departments_and_units_below_the_organisations_are_not_published(computed):
    published = {r["unit_code"] for r in selectors.indicator_rows(now=NOW)}
    assert published == {"CITY", "KS", "SLK", "SDN-N", "SDF-N", "SDN-S", "SDF-S"}
    assert not published & set(Unit.objects.filter(depth__gt=3).values_list("code", flat=True))


def test_only_ended_periods_computed_after_their_end_are_published(year_of_ideas):
    # Computed while T1 2025 still ran: provisional, not published.
    indicator_values_compute(year=2025, period="T1", now=at(4, 20))
    assert selectors.indicator_rows(now=NOW) == []
    assert selectors.indicator_periods(now=NOW) == []
    # Computed after its end: published.
    indicator_values_compute(year=2025, period="T1", now=at(5, 2))
    assert {(r["year"], r["period"]) for r in selectors.indicator_rows(now=NOW)} == {(2025, "T1")}
    # 2026's T1 runs until 1 May: nothing of it is published in March, whenever it was computed.
    indicator_values_compute(year=2026, period="T1", now=NOW)
    assert selectors.indicator_periods(now=NOW) == [(2025, "T1")]
    assert selectors.indicator_periods(now=at(5, 1, 0, year=2026)) == [(2025, "T1")]  # computed before the end


def test_indicator_filters(computed):
    rows = selectors.indicator_rows(year=2025, period="T2", now=NOW)
    assert rows and {(r["year"], r["period"]) for r in rows} == {(2025, "T2")}
    assert selectors.indicator_rows(year=2024, now=NOW) == []


# --- ideas received and stages reached ---


def test_ideas_are_counted_per_organisation_source_and_stage_with_small_counts_suppressed(year_of_ideas):
    rows = selectors.idea_rows(year=2025, period="T1", now=NOW)
    north = rows_by(rows, unit_code="SDF-N")
    # Six from employees and two from a resident; the total (through the rate per thousand) is withheld,
    # since 8 − 6 would give the two away.
    assert one(north, breakdown="source", category="employee")["ideas"] == "6"
    resident = one(north, breakdown="source", category="resident")
    assert (resident["ideas"], resident["note"]) == ("<5", "suppressed")
    assert one(north, breakdown="source", category="supplier")["ideas"] == "0"
    assert one(north, breakdown="stage", category="prestudy")["ideas"] == "<5"
    assert one(north, breakdown="stage", category="pilot")["ideas"] == "0"
    assert one(rows, unit_code="SDF-S", breakdown="source", category="employee")["ideas"] == "<5"
    assert one(rows, unit_code="SLK", breakdown="source", category="employee")["ideas"] == "0"


def test_idea_counts_are_cumulative_from_january_like_the_reports(year_of_ideas):
    rows = selectors.idea_rows(year=2025, now=NOW)
    pilots = {r["period"]: r["ideas"] for r in rows_by(rows, unit_code="SDF-N", category="pilot")}
    assert pilots == {"T1": "0", "T2": "<5", "VB": "<5"}
    received = {r["period"]: r["ideas"] for r in rows_by(rows, unit_code="SDF-N", category="supplier")}
    assert received == {"T1": "0", "T2": "0", "VB": "0"}


def test_ideas_are_published_only_for_ended_periods(year_of_ideas):
    assert selectors.idea_periods(now=at(4, 30)) == []
    assert selectors.idea_periods(now=at(5, 1, 0)) == [(2025, "T1")]
    assert selectors.idea_periods(now=NOW) == [(2025, "T1"), (2025, "T2"), (2025, "VB")]
    assert {(r["year"], r["period"]) for r in selectors.idea_rows(now=at(6, 1))} == {(2025, "T1")}


def test_only_administrations_and_companies_have_idea_rows(year_of_ideas):
    assert {r["unit_code"] for r in selectors.idea_rows(now=NOW)} == {"SLK", "SDF-N", "SDF-S"}


def test_no_ideas_means_nothing_published(tree):
    assert selectors.idea_rows(now=NOW) == []
    assert selectors.indicator_rows(now=NOW) == []


def test_the_number_of_queries_does_not_grow_with_the_data(computed, people, tree, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        selectors.idea_rows(now=NOW)
    with django_assert_max_num_queries(5):
        selectors.indicator_rows(now=NOW)
    for i in range(5):
        factories.idea(author=people["supplier"], unit=tree["SDF-S"], now=at(7, 1) + timedelta(hours=i))
    indicator_values_compute(year=2025, period="VB", now=at(1, 6, year=2026))
    with django_assert_max_num_queries(4):
        supplier = one(selectors.idea_rows(year=2025, period="VB", now=NOW), unit_code="SDF-S", category="supplier")
    assert (supplier["ideas"], supplier["note"]) == ("5", "")
    with django_assert_max_num_queries(5):
        selectors.indicator_rows(now=NOW)
