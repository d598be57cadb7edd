"""Who may do what with a need, role by role, and the list filters that must agree with the rules."""

import pytest

from challenges.models import Need, NeedStatus, Route
from challenges.needs import services
from challenges.needs.rules import decides_needs_filter, visible_needs_filter
from organisation.models import PersonKind, Role
from tests import factories
from tests.challenges.conftest import routed_need, write_need

pytestmark = pytest.mark.django_db

ROLES = (
    "employee",
    "colleague",
    "manager",
    "coach",
    "office",
    "other_office",
    "director",
    "resident",
    "supplier",
    "partner",
    "university",
)


@pytest.fixture
def everyone(people):
    return {
        **people,
        "partner": factories.person(kind=PersonKind.PARTNER, name="Per Partner"),
        "university": factories.person(kind=PersonKind.UNIVERSITY, name="Ulla Universitet"),
    }


PERMS = ("view", "change", "submit", "validate", "route", "follow")

#: role → the permissions held on a draft of Norra's manager, and on the same need once sent.
DRAFT = {
    "employee": set(),
    "colleague": set(),
    "manager": {"view", "change", "submit", "follow"},
    "coach": {"view", "change", "submit", "follow"},
    "office": {"view", "change", "submit", "follow"},
    "other_office": set(),
    "director": {"view", "change", "submit", "follow"},
    "resident": set(),
    "supplier": set(),
    "partner": set(),
    "university": set(),
}
SENT = {
    "employee": {"view", "follow"},
    "colleague": {"view", "follow"},
    "manager": {"view", "follow"},
    "coach": {"view", "follow"},
    "office": {"view", "validate", "route", "follow"},
    "other_office": {"view", "follow"},
    "director": {"view", "validate", "route", "follow"},
    "resident": set(),
    "supplier": set(),
    "partner": set(),
    "university": set(),
}


def held(person, need) -> set[str]:
    return {p for p in PERMS if person.has_perm(f"challenges.{p}_need", need)}


@pytest.mark.parametrize("role", ROLES)
def test_the_role_matrix(everyone, role):
    person = everyone[role]
    need = write_need(everyone["manager"])
    assert held(person, need) == DRAFT[role]
    services.need_submit(need=need, by=everyone["manager"], expected_version=need.version)
    assert held(person, need) == SENT[role]
    staff = role not in ("resident", "supplier", "partner", "university")
    assert person.has_perm("challenges.view_needs") == staff
    assert person.has_perm("challenges.add_need") == (
        role in ("manager", "coach", "office", "other_office", "director")
    )
    # Only a manager of another unit says "we have the same need"; Norra's own manager does not.
    assert not person.has_perm("challenges.report_same_need", need)


def test_a_manager_of_another_unit_reports_the_same_need(everyone, tree):
    south = factories.person(unit=tree["SDF-S"], role=Role.MANAGER)
    need = routed_need(writer=everyone["manager"], office=everyone["office"])
    assert south.has_perm("challenges.report_same_need", need)


def test_only_a_public_routed_need_is_read_outside_the_staff(everyone):
    need = routed_need(writer=everyone["manager"], office=everyone["office"], route=Route.PUBLIC_CHALLENGE)
    for role in ("resident", "supplier", "partner", "university"):
        assert not everyone[role].has_perm("challenges.view_need", need)
    Need.objects.filter(pk=need.pk).update(visibility="public")
    need.refresh_from_db()
    for role in ("resident", "supplier", "partner", "university"):
        assert everyone[role].has_perm("challenges.view_need", need)


@pytest.mark.parametrize("role", ROLES)
def test_the_list_filters_agree_with_the_rules(everyone, tree, role):
    writer, office = everyone["manager"], everyone["office"]
    draft = write_need(writer, title="Utkast")
    sent = write_need(writer, title="Skickat")
    services.need_submit(need=sent, by=writer, expected_version=sent.version)
    south = write_need(everyone["other_office"], unit=tree["SDF-S"], title="Södra")
    services.need_submit(need=south, by=everyone["other_office"], expected_version=south.version)
    routed = routed_need(writer=writer, office=office, title="Vald väg")
    public = routed_need(writer=writer, office=office, title="Offentligt")
    Need.objects.filter(pk=public.pk).update(visibility="public")
    person = everyone[role]
    visible = set(Need.objects.filter(visible_needs_filter(person)).values_list("pk", flat=True))
    deciding = set(
        Need.objects.filter(decides_needs_filter(person), status=NeedStatus.SUBMITTED).values_list("pk", flat=True)
    )
    for need in Need.objects.filter(pk__in=[draft.pk, sent.pk, south.pk, routed.pk, public.pk]):
        assert (need.pk in visible) == person.has_perm("challenges.view_need", need), (role, need.title)
        assert (need.pk in deciding) == person.has_perm("challenges.validate_need", need), (role, need.title)
