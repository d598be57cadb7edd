"""Who may do what with procurement cases, role by role, and the list filters that must agree with the rules."""

from __future__ import annotations

import pytest

from organisation.models import PersonKind, Role
from procurement.cases import services as cases
from procurement.cases.rules import officer_cases_filter, visible_cases_filter
from procurement.models import ProcurementCase
from tests import factories

pytestmark = pytest.mark.django_db

CASE_PERMS = ("view_case", "change_case", "decide_case", "read_case_log")
GLOBAL_PERMS = ("view_cases", "set_thresholds", "enter_procured_value")


@pytest.fixture
def everyone(people, officers, tree):
    return {
        **people,
        **officers,
        "south_officer": factories.person(unit=tree["SDF-S"], role=Role.PROCUREMENT, name="Sune Söder"),
        "partner": factories.person(kind=PersonKind.PARTNER, name="Per Partner"),
    }


#: role → (case permissions on an open case of Norra, permissions without an object, may make a case from the need)
MATRIX = {
    "employee": ({"view_case"}, {"view_cases"}, False),
    "manager": ({"view_case"}, {"view_cases"}, False),
    "office": ({"view_case"}, {"view_cases"}, False),
    "director": ({"view_case"}, {"view_cases"}, False),
    "officer": (set(CASE_PERMS), {"view_cases", "enter_procured_value"}, True),
    "central": (set(CASE_PERMS), set(GLOBAL_PERMS), True),
    "south_officer": ({"view_case"}, {"view_cases", "enter_procured_value"}, False),
    "resident": (set(), set(), False),
    "supplier": (set(), set(), False),
    "partner": (set(), set(), False),
}


@pytest.mark.parametrize("role", sorted(MATRIX))
def test_the_matrix(everyone, case, market_need, role):
    user = everyone[role]
    on_case, global_, may_add = MATRIX[role]
    assert {p for p in CASE_PERMS if user.has_perm(f"procurement.{p}", case)} == on_case
    assert {p for p in GLOBAL_PERMS if user.has_perm(f"procurement.{p}")} == global_
    assert user.has_perm("procurement.add_case_from", market_need) is may_add
    assert ProcurementCase.objects.filter(visible_cases_filter(user)).exists() is ("view_case" in on_case)
    assert ProcurementCase.objects.filter(officer_cases_filter(user)).exists() is ("read_case_log" in on_case)


def test_a_closed_case_is_read_but_not_changed(everyone, case):
    cases.case_close(case=case, by=everyone["officer"], expected_version=case.version, reason="Nej.")
    for role in ("officer", "central"):
        user = everyone[role]
        assert user.has_perm("procurement.read_case_log", case)
        assert not user.has_perm("procurement.change_case", case)
        assert not user.has_perm("procurement.decide_case", case)


def test_procured_values_only_for_the_officers_own_organisations(everyone, tree):
    officer = everyone["officer"]
    assert officer.has_perm("procurement.enter_procured_value", tree["SDF-N"])
    assert not officer.has_perm("procurement.enter_procured_value", tree["SDF-S"])
    assert everyone["central"].has_perm("procurement.enter_procured_value", tree["SDF-S"])
