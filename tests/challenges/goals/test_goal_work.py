"""Needs and challenges serve goals (``challenges/goals/goal_work.py``, ADR 0031): who may tie them to goals, and
that the goal view and the dashboard show them only to those who may read them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from challenges.models import Audience, Challenge, ChallengeStatus
from core.errors import PermissionDeniedError
from governance import goal_work, selectors
from governance import services as gov
from governance.models import Goal
from tests.challenges.conftest import routed_need, write_need

pytestmark = pytest.mark.django_db


@pytest.fixture
def goals(people, tree):
    year = selectors.current_period()[0]
    city = gov.goal_create(by=people["director"], year=year, unit=tree["CITY"], title="Kortare väntetider")
    north = gov.goal_create(
        by=people["manager"], year=year, unit=tree["SDF-N"], parent=city, title="Svar inom fyra veckor"
    )
    return {"city": city, "north": north}


def _challenge(need, *, status: str, audience: str = Audience.RESIDENTS, title: str = "Hur kortar vi kön?"):
    """A challenge as the challenges part's services will leave it (written here until they exist)."""
    now = timezone.now()
    return Challenge.objects.create(
        need=need,
        unit=need.unit,
        title=title,
        question="Hur kan vi ge besked om bygglov inom fyra veckor?",
        background="Handläggningstiden är 14 veckor.",
        audience=audience,
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=30),
        criteria="Genomförbart inom ett år.",
        contact=need.created_by,
        status=status,
        created_by=need.created_by,
    )


def _tag(thing, goal: Goal, by) -> None:
    gov.goal_links_set(thing=thing, by=by, goals=[goal], expected=[g.pk for g in selectors.goals_of(thing)])


def test_needs_and_challenges_are_declared_kinds_of_work():
    assert goal_work.kind("need").model.__name__ == "Need"
    assert goal_work.kind("challenge").model is Challenge


def test_who_may_tie_a_need_to_goals(people, goals):
    need = write_need(people["manager"])
    for who in ("manager", "coach", "office", "director"):
        _tag(need, goals["north"], people[who])
    for who in ("employee", "colleague", "other_office", "resident", "supplier"):
        with pytest.raises(PermissionDeniedError):
            gov.goal_links_set(thing=need, by=people[who], goals=[goals["city"]], expected=[goals["north"].pk])


def test_who_may_tie_a_challenge_to_goals(people, goals):
    need = routed_need(writer=people["manager"], office=people["office"])
    challenge = _challenge(need, status=ChallengeStatus.PUBLISHED)
    _tag(challenge, goals["city"], people["office"])
    for who in ("employee", "colleague", "other_office", "resident"):
        with pytest.raises(PermissionDeniedError):
            gov.goal_links_set(thing=challenge, by=people[who], goals=[], expected=[goals["city"].pk])


def test_a_challenge_is_read_through_the_goal_view_only_by_those_who_may(people, goals):
    need = routed_need(writer=people["manager"], office=people["office"])
    _challenge(need, status=ChallengeStatus.DRAFT, title="Utkast till utmaning")
    _challenge(need, status=ChallengeStatus.PUBLISHED, audience=Audience.ALL_STAFF, title="Intern")
    _challenge(need, status=ChallengeStatus.PUBLISHED, title="Publik")
    kind = goal_work.kind("challenge")

    def readable(person) -> set[str]:
        return set(Challenge.objects.filter(kind.readable(person)).values_list("title", flat=True))

    assert readable(people["manager"]) == {"Utkast till utmaning", "Intern", "Publik"}
    assert readable(people["colleague"]) == {"Intern", "Publik"}
    assert readable(people["resident"]) == {"Publik"}
    from django.contrib.auth.models import AnonymousUser

    assert readable(AnonymousUser()) == {"Publik"}


def test_the_goal_view_counts_needs_and_challenges_by_how_far_they_have_come(client, people, goals):
    need = routed_need(writer=people["manager"], office=people["office"], title="Långa köer till bygglov")
    _tag(need, goals["north"], people["office"])
    _tag(_challenge(need, status=ChallengeStatus.PUBLISHED), goals["north"], people["office"])
    _tag(_challenge(need, status=ChallengeStatus.SUMMARISED, title="Avslutad"), goals["north"], people["office"])
    _tag(write_need(people["manager"], title="Ett utkast"), goals["north"], people["manager"])
    client.force_login(people["director"])
    response = client.get(reverse("governance:goal_work", args=[goals["north"].pk]))
    work = {count.kind.key: count for count in response.context["work"]}
    assert (work["need"].total, work["need"].done) == (2, 1)
    assert (work["challenge"].total, work["challenge"].done) == (2, 1)
    assert {str(label): n for label, n in work["challenge"].stages} == {
        "Öppen för svar": 1,
        str(ChallengeStatus.SUMMARISED.label): 1,
    }
    # Another administration's employee sees neither the draft need nor anything it may not read.
    client.force_login(people["colleague"])
    work = {
        c.kind.key: c for c in client.get(reverse("governance:goal_work", args=[goals["north"].pk])).context["work"]
    }
    assert work["need"].total == 1 and "Ett utkast" not in [str(row) for row, _s, _a in work["need"].rows]
