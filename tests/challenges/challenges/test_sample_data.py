"""The challenges of the demo city and of the city-scale data."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from challenges.models import Answer, Audience, Challenge, ChallengeStatus, Response
from ideas.models import Source
from sample_data.demo import DemoBuilder

NOW = datetime(2026, 11, 27, 10, tzinfo=ZoneInfo("Europe/Stockholm"))


@pytest.fixture(scope="module")
def built_once(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        DemoBuilder(ideas=40, governance_years=1, now=NOW).build()
        yield
        call_command("flush", "--no-input", verbosity=0)


@pytest.mark.django_db
def test_the_demo_has_an_open_internal_a_public_answered_and_a_closed_summarised_challenge(built_once):
    internal = Challenge.objects.get(audience=Audience.UNIT_STAFF)
    assert internal.status == ChallengeStatus.PUBLISHED and internal.opens_at < NOW < internal.closes_at
    public = Challenge.objects.get(audience=Audience.ANYONE)
    sources = set(Answer.objects.filter(challenge=public).values_list("idea__source", flat=True))
    assert {Source.RESIDENT, Source.SUPPLIER} <= sources
    closed = Challenge.objects.get(status=ChallengeStatus.SUMMARISED)
    assert closed.summary and closed.closes_at < NOW
    assert closed.answers.exists() and not closed.answers.filter(response=Response.PENDING).exists()
    for challenge in Challenge.objects.all():
        assert challenge.answer_count == challenge.answers.count()
