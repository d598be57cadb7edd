"""A challenge that takes answers to the end of 31 January closes at midnight on 1 February: wherever its closing
is shown, the last day to answer is 31 January, not the first of the next month."""

from __future__ import annotations

import datetime

import pytest

from challenges.models import Challenge
from core.city import CITY_TIME_ZONE
from tests.challenges.challenges.conftest import make_challenge

pytestmark = pytest.mark.django_db


def test_the_need_page_lists_its_challenge_with_the_last_day_to_answer(client, people):
    challenge = make_challenge(people)
    midnight = datetime.datetime(2027, 2, 1, tzinfo=CITY_TIME_ZONE)
    Challenge.objects.filter(pk=challenge.pk).update(closes_at=midnight)
    client.force_login(people["office"])

    page = client.get(challenge.need.get_absolute_url()).content.decode()

    assert "31 januari 2027" in page or "31 January 2027" in page
    assert "1 februari 2027" not in page and "1 February 2027" not in page
