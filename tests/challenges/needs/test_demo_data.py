# ruff: noqa: F811 - the tests take the imported fixture built_once by name
"""The demo's needs: every state, one from complaints, one from the user survey, one from an idea, one solved in
the lock that became an idea, and the routed needs the challenges and OpenLab parts look for by title."""

import pytest

from challenges.models import Need, NeedOrigin, NeedStatus, Route
from organisation.models import User
from sample_data.demo import DEMO_DOMAIN
from sample_data.demo import challenges_needs as demo_needs
from tests.demo_city import NOW, built_once  # noqa: F401 - the demo city built once, as this module's fixture


@pytest.fixture
def demo(built_once, db):
    return None


def test_needs_in_every_state_and_from_every_origin(demo):
    statuses = set(Need.objects.values_list("status", flat=True))
    assert {
        NeedStatus.DRAFT,
        NeedStatus.SUBMITTED,
        NeedStatus.RETURNED,
        NeedStatus.VALIDATED,
        NeedStatus.ROUTED,
    } <= statuses
    origins = set(Need.objects.values_list("origin", flat=True))
    assert {NeedOrigin.COMPLAINTS, NeedOrigin.USER_SURVEY, NeedOrigin.IDEA, NeedOrigin.OWN_WORK} <= origins
    assert set(Need.objects.exclude(route="").values_list("route", flat=True)) == set(Route.values)


def test_the_routed_needs_other_parts_look_for(demo):
    assert Need.objects.get(title=demo_needs.INTERNAL_CHALLENGE).route == Route.INTERNAL_CHALLENGE
    for title in demo_needs.PUBLIC_CHALLENGES:
        assert Need.objects.get(title=title).route == Route.PUBLIC_CHALLENGE
    for title in demo_needs.OPENLAB:
        assert Need.objects.get(title=title).route == Route.OPENLAB
    lock = Need.objects.get(title=demo_needs.LOCK)
    assert lock.routed_idea is not None and lock.routed_idea.author == lock.created_by


def test_the_demo_logins_see_their_step(demo):
    office = User.objects.get(email=f"innovationskontor@{DEMO_DOMAIN}")
    manager = User.objects.get(email=f"chef@{DEMO_DOMAIN}")
    waiting = Need.objects.get(status=NeedStatus.SUBMITTED)
    assert office.has_perm("challenges.validate_need", waiting)
    returned = Need.objects.get(status=NeedStatus.RETURNED)
    assert manager.has_perm("challenges.change_need", returned)
    assert Need.objects.filter(same_need_count__gt=0).exists()
