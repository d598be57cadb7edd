"""The API's gate decisions take and give the lessons; the spread gate's condition refuses there too."""

from __future__ import annotations

from django.utils import timezone

from ideas.lock import Stage
from ideas.models import Idea
from sample_data.demo.spread_examples_for_ideas import publish_example
from tests import factories
from tests.ideas.test_api import API, token_for

LESSON = {"factor": "leadership", "effect": "helped", "note": "Chefen frågade efter resultaten varje vecka."}


def implemented(people) -> Idea:
    idea = factories.idea(author=people["employee"], title="Lånecyklar för hemtjänsten")
    for stage in (Stage.PRESTUDY, Stage.PILOT, Stage.IMPLEMENTATION):
        factories.move(idea, by=people["office"], to=stage)
    return Idea.objects.get(pk=idea.pk)


def spread(client, people, idea, **changes):
    data = {
        "to_stage": "spread",
        "rationale": "Tre stadsdelar vill pröva arbetssättet.",
        "checklist": {"assessed": True},
        "lessons": [LESSON],
    }
    data.update(changes)
    return client.post(
        f"{API}/ideas/{idea.pk}/decisions", data, content_type="application/json", **token_for(people["manager"])
    )


def test_spread_without_a_published_example_is_refused_then_recorded_with_its_lessons(client, people):
    idea = implemented(people)
    refused = spread(client, people, idea)
    assert refused.status_code == 400
    assert refused.json()["field"] == "to_stage"

    publish_example(idea, at=timezone.now())
    response = spread(client, people, idea)
    assert response.status_code == 201
    assert response.json()["lessons"] == [LESSON]
    assert Idea.objects.get(pk=idea.pk).stage == Stage.SPREAD


def test_spread_without_lessons_names_the_lessons_field(client, people):
    idea = implemented(people)
    publish_example(idea, at=timezone.now())
    response = spread(client, people, idea, lessons=[])
    assert response.status_code == 400
    assert response.json()["field"] == "lessons"
    assert Idea.objects.get(pk=idea.pk).stage == Stage.IMPLEMENTATION


def test_an_unknown_factor_is_an_invalid_request(client, people):
    idea = implemented(people)
    response = spread(client, people, idea, lessons=[{**LESSON, "factor": "weather"}])
    assert response.status_code == 422
