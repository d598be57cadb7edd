"""Every step of a procurement case through its services: the estimate against the EU thresholds, changing it,
the route, the tender, the outcome as a contract, the pilot in the lock, closing, the thresholds and the
procured values, and the refusals."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from core.errors import ConflictError, DomainError, PermissionDeniedError
from ideas.lock import Stage
from organisation.models import Role
from procurement.cases import services as cases
from procurement.models import CaseStage, ContractKind, LogKind, ProcuredValue, ProcurementRoute
from tests import factories

pytestmark = pytest.mark.django_db

STHLM = ZoneInfo("Europe/Stockholm")


def kinds(case) -> list[str]:
    return [e.kind for e in case.log.order_by("created_at", "pk")]


def test_the_estimate_is_assessed_against_the_threshold_in_force(market_need, officers, threshold):
    case = cases.case_create(
        need=market_need,
        by=officers["officer"],
        title="Styrning",
        estimated_value_sek=4_000_000,
        period_months=48,
        plan="Dialog.",
    )
    assert case.above_eu_threshold and case.threshold == threshold
    later = cases.threshold_set(
        by=officers["central"],
        valid_from=date(2026, 1, 1),
        supplies_services_sek=5_000_000,
        works_sek=60_000_000,
        social_services_sek=9_000_000,
        source="EUT 2025",
    )
    cases.case_update(
        case=case,
        by=officers["officer"],
        expected_version=case.version,
        title="Styrning",
        purchase_kind=case.purchase_kind,
        estimated_value_sek=4_000_000,
        period_months=48,
        plan="Dialog.",
        officer=officers["officer"],
        now=datetime(2026, 6, 1, 12, tzinfo=STHLM),
    )
    case.refresh_from_db()
    assert not case.above_eu_threshold and case.threshold == later
    assert sorted(kinds(case)) == [LogKind.CHANGED, LogKind.CREATED]


def test_without_thresholds_the_case_is_not_assessed(case):
    assert case.threshold is None and not case.above_eu_threshold


def test_a_change_from_an_old_version_is_refused(case, officers):
    data = {
        "title": "Ny titel",
        "purchase_kind": case.purchase_kind,
        "estimated_value_sek": 1,
        "period_months": 1,
        "plan": "P",
        "officer": officers["officer"],
    }
    cases.case_update(case=case, by=officers["officer"], expected_version=case.version, **data)
    with pytest.raises(ConflictError):
        cases.case_update(case=case, by=officers["officer"], expected_version=1, **data)


def test_the_officer_must_procure_for_the_unit_and_contracts_be_the_organisations(
    case, officers, people, tree, old_contract
):
    south = factories.person(unit=tree["SDF-S"], role=Role.PROCUREMENT, name="Sune Söder")
    base = {
        "title": "T",
        "purchase_kind": case.purchase_kind,
        "estimated_value_sek": 10,
        "period_months": 1,
        "plan": "P",
    }
    with pytest.raises(DomainError) as err:
        cases.case_update(case=case, by=officers["officer"], expected_version=case.version, officer=south, **base)
    assert err.value.field == "officer"
    old_contract.unit = tree["SDF-S"]
    with pytest.raises(DomainError) as err:
        cases.case_update(
            case=case,
            by=officers["officer"],
            expected_version=case.version,
            officer=officers["central"],
            affected_contracts=[old_contract],
            **base,
        )
    assert err.value.field == "affected_contracts"


def test_the_whole_way_to_a_contract(case, officers, suppliers):
    officer = officers["officer"]
    cases.case_route_choose(
        case=case,
        by=officer,
        expected_version=case.version,
        route=ProcurementRoute.INNOVATION_PARTNERSHIP,
        rationale="Ingen färdig lösning finns.",
    )
    assert case.stage == CaseStage.ROUTE_CHOSEN and case.route_decided_by == officer
    cases.case_tender_link(
        case=case, by=officer, expected_version=case.version, reference="UH-2026-123", url="https://e-avrop.se/123"
    )
    assert case.stage == CaseStage.TENDERING
    contract = cases.case_outcome_record(
        case=case,
        by=officer,
        expected_version=case.version,
        suppliers="556036-0793\n5566778899 Beta Bygg AB\n556677-8899",
        value_sek=3_500_000,
        starts_on=date(2027, 1, 1),
        ends_on=date(2030, 12, 31),
    )
    case.refresh_from_db()
    assert case.stage == CaseStage.CONCLUDED and case.outcome_value_sek == 3_500_000
    assert contract.from_case == case and contract.owner == officer and contract.kind == ContractKind.CONTRACT
    assert sorted(s.org_number for s in contract.suppliers.all()) == ["556036-0793", "556677-8899"]
    assert kinds(case) == [LogKind.CREATED, LogKind.ROUTE, LogKind.TENDER, LogKind.OUTCOME, LogKind.OUTCOME]
    with pytest.raises(PermissionDeniedError):
        cases.case_close(case=case, by=officer, expected_version=case.version, reason="Klart.")


def test_an_unknown_supplier_needs_its_name_and_a_bad_number_is_named(case, officers):
    officer = officers["officer"]
    cases.case_route_choose(
        case=case, by=officer, expected_version=case.version, route=ProcurementRoute.FUNCTIONAL, rationale="R"
    )
    for text in ("559126-4428", "123 Fel AB", ""):
        with pytest.raises(DomainError) as err:
            cases.case_outcome_record(
                case=case,
                by=officer,
                expected_version=case.version,
                suppliers=text,
                value_sek=1,
                starts_on=date(2027, 1, 1),
                ends_on=None,
            )
        assert err.value.field == "suppliers"
    with pytest.raises(DomainError) as err:
        cases.case_outcome_record(
            case=case,
            by=officer,
            expected_version=case.version,
            suppliers="559126-4428 Gamma AB",
            value_sek=1,
            starts_on=date(2027, 1, 1),
            ends_on=date(2026, 1, 1),
        )
    assert err.value.field == "ends_on"


def test_steps_out_of_order_are_refused(case, officers):
    officer = officers["officer"]
    with pytest.raises(DomainError):
        cases.case_tender_link(case=case, by=officer, expected_version=case.version, reference="R", url="https://x.se")
    with pytest.raises(DomainError):
        cases.case_pilot_start(case=case, by=officer, expected_version=case.version, kind="service", values=["x"])
    with pytest.raises(DomainError) as err:
        cases.case_route_choose(case=case, by=officer, expected_version=case.version, route="", rationale="R")
    assert err.value.field == "route"
    with pytest.raises(DomainError) as err:
        cases.case_route_choose(
            case=case, by=officer, expected_version=case.version, route=ProcurementRoute.FUNCTIONAL, rationale=" "
        )
    assert err.value.field == "rationale"


def test_a_pilot_is_an_idea_in_the_lock_linked_to_the_case(case, officers, market_need):
    officer = officers["officer"]
    cases.case_route_choose(
        case=case,
        by=officer,
        expected_version=case.version,
        route=ProcurementRoute.EXISTING_SOLUTION,
        rationale="En färdig lösning finns.",
    )
    assert not cases.may_link_tender(case) and not cases.may_record_outcome(case)
    cases.case_pilot_start(case=case, by=officer, expected_version=case.version, kind="service", values=["economic"])
    case.refresh_from_db()
    idea = case.pilot_idea
    assert idea.author == officer and idea.unit == case.unit and idea.stage == Stage.IDEA
    assert kinds(case)[-1] == LogKind.PILOT
    with pytest.raises(DomainError):
        cases.case_pilot_start(case=case, by=officer, expected_version=case.version, kind="service", values=["x"])


def test_closing_needs_a_reason_and_only_the_cases_officers_decide(case, officers, people):
    with pytest.raises(PermissionDeniedError):
        cases.case_close(case=case, by=people["office"], expected_version=case.version, reason="Nej.")
    with pytest.raises(DomainError) as err:
        cases.case_close(case=case, by=officers["officer"], expected_version=case.version, reason="")
    assert err.value.field == "reason"
    cases.case_close(case=case, by=officers["central"], expected_version=case.version, reason="Löst på annat sätt.")
    assert case.stage == CaseStage.CLOSED and kinds(case)[-1] == LogKind.CLOSED


def test_only_the_central_function_sets_thresholds_once_a_day(officers, threshold):
    values = {"supplies_services_sek": 1, "works_sek": 2, "social_services_sek": 3, "source": "S"}
    with pytest.raises(PermissionDeniedError):
        cases.threshold_set(by=officers["officer"], valid_from=date(2028, 1, 1), **values)
    with pytest.raises(DomainError) as err:
        cases.threshold_set(by=officers["central"], valid_from=threshold.valid_from, **values)
    assert err.value.field == "valid_from"
    with pytest.raises(DomainError) as err:
        cases.threshold_set(by=officers["central"], valid_from=date(2028, 1, 1), **{**values, "works_sek": "0"})
    assert err.value.field == "works_sek"


def test_procured_values_per_organisation_and_year_are_versioned(officers, tree):
    officer, north = officers["officer"], tree["SDF-N"]
    assert north in cases.procured_value_organisations(officer)
    value = cases.procured_value_set(by=officer, unit=north, year=2025, value_sek=900_000_000, source="Årsredovisning")
    with pytest.raises(DomainError) as err:
        cases.procured_value_set(by=officer, unit=north, year=2025, value_sek=1, source="S")
    assert err.value.field == "year"
    fixed = cases.procured_value_set(
        by=officer, unit=north, year=2025, value_sek=950_000_000, source="Rättad", expected_version=value.version
    )
    assert fixed.version == 2 and ProcuredValue.objects.get().value_sek == 950_000_000
    with pytest.raises(ConflictError):
        cases.procured_value_set(
            by=officer, unit=north, year=2025, value_sek=1, source="S", expected_version=value.version
        )
    with pytest.raises(PermissionDeniedError):
        cases.procured_value_set(by=officer, unit=tree["SDF-S"], year=2025, value_sek=1, source="S")
    with pytest.raises(DomainError) as err:
        cases.procured_value_set(by=officer, unit=tree["SDF-N-ALD"], year=2025, value_sek=1, source="S")
    assert err.value.field == "unit"
