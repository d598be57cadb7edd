"""The city's response to an answer on the idea's timeline: what was decided about the idea sent to a challenge,
and why (``answer_respond``)."""

from __future__ import annotations

from django.db.models import Exists, OuterRef

from challenges.models import Answer, Response
from ideas.timeline import TimelineEntry, part

#: Draws the response on the idea's page; it reads ``idea.challenge_response``.
TEMPLATE = "challenges/challenges/partials/idea_timeline_response.html"


def _has_response() -> Exists:
    return Exists(Answer.objects.filter(idea=OuterRef("pk")).exclude(response=Response.PENDING))


def _load(idea) -> None:
    """``idea.challenge_response``: the idea's answer to a challenge, with its challenge."""
    idea.challenge_response = (
        Answer.objects.filter(idea=idea).exclude(response=Response.PENDING).select_related("challenge__unit").first()
    )


def _entries(idea) -> list[TimelineEntry]:
    answer = getattr(idea, "challenge_response", None)
    if answer is None or answer.responded_at is None:
        return []
    return [TimelineEntry(answer.responded_at, "challenge_response", template=TEMPLATE)]


part("challenge_response", exists=_has_response, load=_load, entries=_entries)
