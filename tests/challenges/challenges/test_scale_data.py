"""The challenges of the city-scale data."""

from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from challenges.models import Answer, Challenge, ChallengeStatus, Response
from ideas.models import Idea
from sample_data.scale import People
from sample_data.scale import challenges_challenges as scale_challenges

NOW = datetime(2026, 11, 27, 10, tzinfo=ZoneInfo("Europe/Stockholm"))


@pytest.mark.django_db
def test_the_scale_data_ties_ideas_sent_while_open_and_keeps_the_counts(people):
    from tests import factories

    for n in range(40):
        # At most 20 ideas an hour per person.
        factories.idea(author=people[("employee", "colleague", "manager")[n % 3]], title=f"Idé {n}")
    Idea.objects.update(created_at=NOW)
    offices = {people["office"].unit_id: people["office"].pk}
    scale = SimpleNamespace(
        seed=1,
        reference=NOW.replace(year=2027),
        start=NOW.replace(year=2025),
        sizes=SimpleNamespace(ideas=10_000),
        people=People(
            employees=[people["employee"].pk],
            by_org={people["office"].unit_id: [people["employee"].pk]},
            office=offices,
            director=people["director"].pk,
        ),
        say=lambda message: None,
    )
    scale_challenges.build(scale)
    challenges = list(Challenge.objects.all())
    assert len(challenges) == 60
    assert Answer.objects.exists()
    for challenge in challenges:
        answers = list(challenge.answers.select_related("idea"))
        assert challenge.answer_count == len(answers)
        assert all(challenge.opens_at <= a.idea.created_at < challenge.closes_at for a in answers)
        if challenge.status == ChallengeStatus.SUMMARISED:
            assert all(a.response != Response.PENDING for a in answers)
    assert scale_challenges.counts()["challenges"] == 60
