"""Every move through the lock tells the idea's people what happened, not just the idea's title."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from core.models import Notification
from ideas import lock
from ideas import services as idea_services
from ideas.lock import Stage
from tests import factories

#: Every move the lock allows: its gates, and a parked idea taken up again in each stage it may have been parked in.
MOVES = [(g.source, g.target) for g in lock.GATES] + [(Stage.PARKED, stage) for stage in lock.ROUTE]


def _park(idea, *, by):
    return factories.move(idea, by=by, to=Stage.PARKED, parked_until=timezone.localdate() + timedelta(days=30))


def _bring_to(idea, stage, *, by, parked_from=Stage.IDEA):
    """Move a new idea along the route to ``stage`` (parked: parked in ``parked_from``)."""
    if stage == Stage.PARKED:
        _bring_to(idea, parked_from, by=by)
        _park(idea, by=by)
        return
    for step in lock.ROUTE[1 : lock.ROUTE.index(stage) + 1]:
        factories.move(idea, by=by, to=step)


def test_every_move_of_the_lock_is_listed():
    assert (Stage.PARKED, Stage.IDEA) in MOVES
    assert {target for _source, target in MOVES} == set(Stage.values)


@pytest.mark.parametrize(("source", "target"), MOVES, ids=[f"{s}-{t}" for s, t in MOVES])
def test_every_move_notifies_with_a_message(people, source, target):
    author, follower, office = people["employee"], people["colleague"], people["office"]
    follower.language = "en"
    follower.save(update_fields=["language"])
    idea = factories.idea(author=author)
    idea_services.follow_toggle(idea=idea, user=follower)
    _bring_to(
        idea, source, by=office, parked_from=target if source == Stage.PARKED and target != Stage.CLOSED else Stage.IDEA
    )
    Notification.objects.all().delete()

    if target == Stage.PARKED:
        _park(idea, by=office)
    else:
        factories.move(idea, by=office, to=target)

    notes = {n.recipient_id: n.message for n in Notification.objects.all()}
    assert set(notes) == {author.pk, follower.pk}
    for message in notes.values():
        assert idea.title in message
        assert message.strip('“”" .') != idea.title


def test_an_idea_taken_up_again_as_an_idea_says_so(people):
    author, follower, office = people["employee"], people["colleague"], people["office"]
    follower.language = "en"
    follower.save(update_fields=["language"])
    idea = factories.idea(author=author)
    idea_services.follow_toggle(idea=idea, user=follower)
    _park(idea, by=office)
    Notification.objects.all().delete()

    factories.move(idea, by=office, to=Stage.IDEA)

    message = Notification.objects.get(recipient=follower).message
    assert message == "“Digitala lås i hemtjänsten” is back as an idea, to be considered again."
