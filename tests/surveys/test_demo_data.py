# ruff: noqa: F811 - the tests take the imported fixture built_once by name
"""The demo city's surveys: what the seed describes (2.3) is what a demo login finds in the results."""

from __future__ import annotations

import pytest

from organisation.models import UnitKind
from sample_data.demo import DEMO_DOMAIN
from surveys.models import (
    EmployeeSurveyImport,
    GroupResult,
    Invitation,
    ResultStatus,
    Round,
    RoundState,
    Scope,
    TargetGroup,
)
from tests.demo_city import NOW, built_once  # noqa: F401 - the demo city built once, as this module's fixture


def _managers_rounds() -> list[Round]:
    return list(Round.objects.filter(target_group=TargetGroup.MANAGERS).order_by("year"))


@pytest.mark.django_db
def test_the_managers_were_asked_three_years_running_and_every_round_is_closed(built_once):
    managers = _managers_rounds()
    assert [r.year for r in managers] == [NOW.year - 3, NOW.year - 2, NOW.year - 1]
    assert all(r.state == RoundState.CLOSED and r.results_at is not None for r in managers)


@pytest.mark.django_db
def test_companies_rate_their_strategy_above_the_specialist_and_district_administrations(built_once):
    for round_ in _managers_rounds():
        means: dict[str, float] = {
            r.kind: r.mean
            for r in GroupResult.objects.filter(
                round=round_, scope=Scope.KIND, question_key="strategy", version=None, status=ResultStatus.SHOWN
            )
            if r.mean is not None
        }
        company = means[UnitKind.COMPANY]
        assert company > means[UnitKind.SPECIALIST_ADMINISTRATION], round_.year
        assert company > means[UnitKind.DISTRICT_ADMINISTRATION], round_.year


@pytest.mark.django_db
def test_procurement_is_the_lowest_rated_area_in_the_city(built_once):
    for round_ in _managers_rounds():
        city: dict[str, float] = {
            r.question_key: r.mean
            for r in GroupResult.objects.filter(round=round_, scope=Scope.CITY, version=None, status=ResultStatus.SHOWN)
            if r.mean is not None
        }
        assert "procurement" in city and min(city, key=lambda key: city[key]) == "procurement", round_.year


@pytest.mark.django_db
def test_farstas_employee_round_is_open_and_the_demo_employee_is_invited_and_has_not_answered(built_once):
    farsta = Round.objects.get(target_group=TargetGroup.EMPLOYEES)
    assert farsta.state == RoundState.OPEN and "Farsta" in farsta.unit.name and farsta.year == NOW.year
    invitation = Invitation.objects.get(round=farsta, person__email=f"medarbetare@{DEMO_DOMAIN}")
    assert not invitation.answered
    assert Invitation.objects.filter(round=farsta, answered=True).exists()  # others have


@pytest.mark.django_db
def test_the_employee_survey_is_imported_for_the_last_two_years(built_once):
    imports = EmployeeSurveyImport.objects.all()
    assert sorted(i.year for i in imports) == [NOW.year - 2, NOW.year - 1]
    assert all(i.rows > 0 and i.results.filter(status=ResultStatus.SHOWN).exists() for i in imports)
