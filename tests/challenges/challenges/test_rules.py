"""The rules of challenges, and the list filter that is their SQL twin (tested equal)."""

import pytest

from challenges.challenges import services
from challenges.challenges.rules import visible_challenges_filter
from challenges.models import Audience, Challenge, Route
from organisation.models import PersonKind
from tests import factories
from tests.challenges.challenges.conftest import make_challenge

pytestmark = pytest.mark.django_db


@pytest.fixture
def every_kind(people, tree):
    made = {
        "public": make_challenge(people),
        "suppliers": make_challenge(people, audience=Audience.SUPPLIERS),
        "draft": make_challenge(people, publish=False),
        "internal_north": make_challenge(
            people, route=Route.INTERNAL_CHALLENGE, audience=Audience.UNIT_STAFF, audience_unit=tree["SDF-N"]
        ),
        "all_staff": make_challenge(
            people, route=Route.INTERNAL_CHALLENGE, audience=Audience.ALL_STAFF, by=people["director"]
        ),
    }
    cancelled = make_challenge(people, audience=Audience.ANYONE)
    made["cancelled"] = services.challenge_cancel(
        challenge=cancelled, by=people["office"], expected_version=cancelled.version
    )
    return made


def test_the_list_filter_equals_the_rule_for_everyone(people, every_kind):
    from django.contrib.auth.models import AnonymousUser

    student = factories.person(kind=PersonKind.UNIVERSITY, name="Stina Student")
    for who in [AnonymousUser(), student, *people.values()]:
        by_rule = {c.pk for c in Challenge.objects.all() if who.has_perm("challenges.view_challenge", c)}
        by_filter = set(Challenge.objects.filter(visible_challenges_filter(who)).values_list("pk", flat=True))
        assert by_rule == by_filter, who


def test_who_reads_what(people, every_kind):
    def reads(who, key):
        return people[who].has_perm("challenges.view_challenge", every_kind[key])

    assert reads("resident", "public") and reads("supplier", "suppliers")
    assert not reads("resident", "internal_north") and not reads("resident", "draft")
    assert reads("employee", "internal_north") and not reads("colleague", "internal_north")
    assert reads("colleague", "all_staff")
    assert reads("office", "draft") and not reads("other_office", "draft") and reads("director", "draft")
    assert not reads("resident", "cancelled") and reads("office", "cancelled")


def test_who_answers_what(people, every_kind):
    def answers(who, key):
        return people[who].has_perm("challenges.answer_challenge", every_kind[key])

    assert answers("resident", "public") and not answers("supplier", "public")
    assert answers("supplier", "suppliers") and not answers("employee", "suppliers")
    assert answers("employee", "internal_north") and not answers("colleague", "internal_north")
    assert not answers("office", "draft")


def test_who_closes_what(people, every_kind):
    def closes(who, key):
        return people[who].has_perm("challenges.close_challenge", every_kind[key])

    assert closes("office", "public") and closes("director", "public")
    assert not closes("other_office", "public") and not closes("resident", "public")
    assert not closes("employee", "internal_north") and not closes("manager", "public")
    assert not closes("office", "draft") and not closes("office", "cancelled")
