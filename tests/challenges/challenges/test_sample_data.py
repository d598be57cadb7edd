# ruff: noqa: F811 - the tests take the imported fixture built_once by name
"""The challenges of the demo city and of the city-scale data."""

from __future__ import annotations

import pytest

from challenges.models import Answer, Audience, Challenge, ChallengeStatus, Response
from ideas.models import Source
from tests.demo_city import NOW, built_once  # noqa: F401 - the demo city built once, as this module's fixture


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


@pytest.mark.django_db
def test_the_closed_challenges_shortlist_was_scored_by_a_small_jury(built_once):
    from calls.models import Assignment, Programme, Status

    closed = Challenge.objects.get(status=ChallengeStatus.SUMMARISED)
    call = closed.jury_call
    assert call is not None and call.programme == Programme.CHALLENGE and not call.published
    shortlisted = set(closed.answers.filter(shortlisted=True).values_list("idea_id", flat=True))
    assert len(shortlisted) == 3
    assert set(call.applications.filter(status=Status.IN_REVIEW).values_list("idea_id", flat=True)) == shortlisted
    assert 2 <= call.jurors.count() <= 3 and call.jurors.filter(is_chair=True).count() == 1
    assignments = Assignment.objects.filter(application__call=call)
    assert assignments.exists() and not assignments.filter(submitted_at__isnull=True).exists()
    assert all(score.comment for a in assignments for score in a.scores.all())
