"""Challenges built through ``challenges.challenges.services`` as the office publishes them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from challenges.challenges import services
from challenges.models import Audience, Challenge, Route
from tests.challenges.conftest import routed_need

IDEA = {
    "title": "Digital förhandsgranskning",
    "problem": "Ansökningar kommer in ofullständiga och skickas fram och tillbaka.",
    "audience": "Sökande och handläggare.",
    "proposal": "En tjänst som granskar ansökan innan den skickas in.",
    "expected_value": "Kortare handläggningstid.",
    "values": ["economic", "social"],
}


def idea_fields(author, **changes):
    fields = dict(IDEA)
    if author.kind == "employee":
        fields.update(kind="service", unit=author.unit)
    fields.update(changes)
    return fields


def make_challenge(
    people,
    *,
    route=Route.PUBLIC_CHALLENGE,
    audience=Audience.RESIDENTS,
    audience_unit=None,
    publish=True,
    opens_in=timedelta(days=-1),
    closes_in=timedelta(days=30),
    title="Hur når vi besked om bygglov på fyra veckor?",
    by=None,
) -> Challenge:
    by = by or people["office"]
    need = routed_need(writer=people["manager"], office=by, route=route)
    now = timezone.now()
    challenge = services.challenge_create(
        need=need,
        by=by,
        title=title,
        question="Hur kan sökande få besked om bygglov inom fyra veckor?",
        background=services.background_from(need),
        audience=audience,
        audience_unit=audience_unit,
        opens_at=now + opens_in,
        closes_at=now + closes_in,
        criteria="Genomförbart inom ett år, ger kortare väntan.",
        prizes="De bästa svaren prövas i en pilot.",
    )
    if publish:
        challenge = services.challenge_publish(challenge=challenge, by=by, expected_version=challenge.version)
    return challenge


def close(challenge: Challenge, *, ago=timedelta(minutes=1)) -> Challenge:
    """Moves the closing moment into the past, as if time had passed."""
    Challenge.objects.filter(pk=challenge.pk).update(
        closes_at=timezone.now() - ago, opens_at=timezone.now() - ago * 2 - timedelta(days=1)
    )
    challenge.refresh_from_db()
    return challenge


@pytest.fixture
def public_challenge(people):
    return make_challenge(people)


@pytest.fixture
def internal_challenge(people, tree):
    return make_challenge(
        people,
        route=Route.INTERNAL_CHALLENGE,
        audience=Audience.UNIT_STAFF,
        audience_unit=tree["SDF-N"],
        title="Hur minskar vi sjukfrånvaron i hemtjänsten?",
    )
