"""Who may do what with events: every rule, role by role, and the list's SQL twin equal to the rule."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from spread.events.rules import events_visible_to
from spread.models import EventKind, Membership, Network
from tests.spread.events.conftest import make_event

pytestmark = pytest.mark.django_db

OFFICE = {"office", "other_office", "director"}


@pytest.mark.parametrize(
    "role", ["employee", "colleague", "manager", "coach", "office", "other_office", "director", "resident", "supplier"]
)
def test_the_events_rules_for_each_role(people, role):
    user = people[role]
    assert user.has_perm("spread.manage_events") == (role in OFFICE)
    assert user.has_perm("spread.decide_exhibitor") == (role in OFFICE)
    assert user.has_perm("spread.mark_attendance") == (role in OFFICE)


def test_who_sees_which_event_and_the_list_says_the_same(people):
    office = people["office"]
    internal = make_event(by=office, title="Intern")
    public = make_event(by=office, title="Öppen", is_public=True)
    network = Network.objects.create(name="Nätverket", kind="open", description="Utifrån.", owner=people["coach"])
    Membership.objects.create(network=network, person=people["resident"])
    of_network = make_event(by=office, title="Nätverksträff", kind=EventKind.NETWORK, network=network)
    everyone = [internal, public, of_network]
    for user in [AnonymousUser(), *people.values()]:
        seen = {e.pk for e in everyone if user.has_perm("spread.view_event", e)}
        assert seen == set(events_visible_to(user).values_list("pk", flat=True)), user
    assert not AnonymousUser().has_perm("spread.view_event", internal)
    assert AnonymousUser().has_perm("spread.view_event", public)
    assert people["resident"].has_perm("spread.view_event", of_network)
    assert not people["resident"].has_perm("spread.view_event", internal)
    assert not people["supplier"].has_perm("spread.view_event", of_network)
    assert people["employee"].has_perm("spread.view_event", internal)


@pytest.mark.parametrize(
    "role", ["employee", "colleague", "manager", "coach", "office", "other_office", "director", "resident", "supplier"]
)
def test_only_the_examples_owner_withdraws_its_application(people, role, example):
    from spread.events import services

    exhibitor = services.exhibitor_apply(event=make_event(by=people["office"]), example=example, by=people["employee"])
    assert people[role].has_perm("spread.withdraw_exhibitor", exhibitor) == (role == "employee")
    assert not AnonymousUser().has_perm("spread.withdraw_exhibitor", exhibitor)
