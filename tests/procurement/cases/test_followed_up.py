"""How procurement cases are followed up: the indicators by route, made and concluded, the share of procured value
through innovation-friendly routes; the officer's tasks; a person's own data; the need page's hook."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from challenges.models import Route
from challenges.needs import route_work
from governance.indicators import COMPUTATIONS
from procurement.cases import services as cases
from procurement.models import ProcurementRoute
from tests.challenges.conftest import routed_need

pytestmark = pytest.mark.django_db

STHLM = ZoneInfo("Europe/Stockholm")
YEAR = (datetime(2026, 1, 1, tzinfo=STHLM), datetime(2027, 1, 1, tzinfo=STHLM))
DURING = datetime(2026, 5, 4, 10, tzinfo=STHLM)


def concluded(case, officer, value: int) -> None:
    cases.case_route_choose(
        case=case,
        by=officer,
        expected_version=case.version,
        route=ProcurementRoute.INNOVATION_PARTNERSHIP,
        rationale="R",
        now=DURING,
    )
    cases.case_tender_link(case=case, by=officer, expected_version=case.version, reference="U-1", url="https://e.se/1")
    cases.case_outcome_record(
        case=case,
        by=officer,
        expected_version=case.version,
        suppliers="556036-0793",
        value_sek=value,
        starts_on=date(2026, 6, 1),
        ends_on=None,
        now=DURING,
    )


def test_cases_by_route_and_the_share_of_procured_value(case, officers, tree):
    officer, north = officers["officer"], tree["SDF-N"]
    concluded(case, officer, 5_000_000)
    cases.procured_value_set(
        by=officer, unit=north, year=2026, value_sek=100_000_000, source="Årsredovisning", now=DURING
    )
    by_route = COMPUTATIONS["procurement_route_innovation_partnership"].compute(*YEAR)
    assert by_route[north.pk].value == 1
    assert north.pk not in COMPUTATIONS["procurement_route_design_contest"].compute(*YEAR)
    assert COMPUTATIONS["procurement_cases_concluded"].compute(*YEAR)[north.pk].basis == 1
    share = COMPUTATIONS["procurement_innovation_share"].compute(*YEAR)
    assert share[north.pk].value == Decimal("5.00") and share[north.pk].basis == 1
    city = tree["SDF-N"].get_root()
    assert share[city.pk].value == Decimal("5.00")
    assert tree["SDF-S"].pk not in share


def test_without_an_entered_value_there_is_no_share(case, officers):
    concluded(case, officers["officer"], 1_000)
    assert COMPUTATIONS["procurement_innovation_share"].compute(*YEAR) == {}


def test_the_officers_open_cases_are_their_tasks(case, officers, people):
    from procurement.cases.todo import open_cases

    group = open_cases(officers["officer"])
    assert [line.url for line in group.lines] == [case.get_absolute_url()]
    assert open_cases(people["manager"]) is None


def test_a_persons_own_data_holds_their_cases_and_log(case, officers, threshold):
    from procurement.cases.personal_data import procurement_case_log, procurement_cases, thresholds_and_values

    assert [c["id"] for c in procurement_cases(officers["officer"])] == [case.pk]
    assert procurement_case_log(officers["officer"])[0]["case"] == case.pk
    assert thresholds_and_values(officers["central"])["thresholds_set"][0]["source"] == threshold.source


def test_the_need_page_hook_shows_the_cases_only_for_a_market_dialogue(case, officers, people, market_need):
    shown = route_work.shown(officers["officer"], market_need)
    assert [w.key for w in shown] == ["procurement_cases"]
    assert shown[0].context["cases"] == [case] and shown[0].context["may_add"]
    assert route_work.shown(people["colleague"], market_need)[0].context["may_add"] is False
    assert route_work.shown(people["resident"], market_need) == []
    other = routed_need(writer=people["manager"], office=people["office"], route=Route.OPENLAB)
    assert route_work.shown(officers["officer"], other) == []


def test_cases_are_counted_as_they_reach_the_dialogue_the_tender_and_closing(case, officers, tree, people):
    from tests.procurement.dialogue.conftest import published_rfi

    north = tree["SDF-N"]
    officer = officers["officer"]
    published_rfi(case, officer)
    case.refresh_from_db()
    assert COMPUTATIONS["procurement_dialogues_opened"].compute(*YEAR)[north.pk].basis == 1
    assert north.pk not in COMPUTATIONS["procurement_tenders_linked"].compute(*YEAR)
    cases.case_route_choose(
        case=case, by=officer, expected_version=case.version, route=ProcurementRoute.FUNCTIONAL, rationale="R"
    )
    cases.case_tender_link(case=case, by=officer, expected_version=case.version, reference="U-1", url="https://e.se/1")
    # Linked again (a corrected address): still one case taken to tender.
    cases.case_tender_link(case=case, by=officer, expected_version=case.version, reference="U-1", url="https://e.se/2")
    assert COMPUTATIONS["procurement_tenders_linked"].compute(*YEAR)[north.pk].basis == 1
    other = routed_need(
        writer=people["manager"], office=people["office"], route=Route.MARKET_DIALOGUE, title="Kalla matlådor"
    )
    closing = cases.case_create(
        need=other, by=officer, title="Varm mat", estimated_value_sek=100_000, period_months=12, plan="P"
    )
    cases.case_close(case=closing, by=officer, expected_version=closing.version, reason="Löst inom ramavtal.")
    assert COMPUTATIONS["procurement_cases_closed"].compute(*YEAR)[north.pk].basis == 1
