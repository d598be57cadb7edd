"""The demo's needs: every state, one from complaints, one from the user survey, one from an idea, one solved in
the lock that became an idea, and the routed needs the challenges and OpenLab parts look for by title."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from challenges.models import Need, NeedOrigin, NeedStatus, Route
from organisation.models import User
from sample_data.demo import DEMO_DOMAIN, DemoBuilder
from sample_data.demo import challenges_needs as demo_needs

NOW = datetime(2026, 11, 27, 10, tzinfo=ZoneInfo("Europe/Stockholm"))


@pytest.fixture(scope="module")
def built_once(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        DemoBuilder(ideas=40, governance_years=1, now=NOW).build()
        yield
        call_command("flush", "--no-input", verbosity=0)


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
