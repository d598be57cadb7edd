"""Making a procurement case from a need routed to a market dialogue."""

from __future__ import annotations

import pytest

from challenges.models import Route
from core.errors import DomainError, PermissionDeniedError
from procurement.cases import services as cases
from procurement.models import CaseStage, LogKind
from tests.challenges.conftest import routed_need

pytestmark = pytest.mark.django_db


def test_an_officer_of_the_unit_makes_a_case_with_its_log(case, officers, market_need):
    assert case.stage == CaseStage.PLANNING
    assert case.unit == market_need.unit
    assert case.officer == officers["officer"]
    assert [e.kind for e in case.log.all()] == [LogKind.CREATED]
    assert "energ" in case.search_stems


def test_a_case_is_made_only_from_a_need_routed_to_a_market_dialogue(people, officers):
    need = routed_need(writer=people["manager"], office=people["office"], route=Route.PUBLIC_CHALLENGE)
    with pytest.raises(PermissionDeniedError):
        cases.case_create(
            need=need, by=officers["officer"], title="X", estimated_value_sek=1, period_months=1, plan="P"
        )


def test_the_estimate_is_checked_field_by_field(market_need, officers):
    kwargs = {"need": market_need, "by": officers["officer"], "title": "T", "plan": "P", "period_months": 12}
    with pytest.raises(DomainError) as err:
        cases.case_create(**kwargs, estimated_value_sek="två miljoner")
    assert err.value.field == "estimated_value_sek"
    with pytest.raises(DomainError) as err:
        cases.case_create(**{**kwargs, "period_months": 0}, estimated_value_sek=100)
    assert err.value.field == "period_months"
    assert not market_need.procurement_cases.exists()
