"""The published good example an idea needs before it moves to spread (the gate's condition, ``spread/examples/gates.py``).

The demo city and the scale generator move ideas to spread through the services; right before each move they
make the idea's example here, from the idea and its innovation assessment: its title and problem, the proposal as
what was done, the assessment's evidence as the effect, the idea's unit, its author as the owner; published at
that moment, internal. The spread app's own sample data adds the rest of the examples and their texts.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from ideas.models import Assessment, Idea
from spread.models import Example, ExampleStatus, ExampleVisibility, Sector


def _effect(idea: Idea, assessment: Assessment | None) -> str:
    if assessment is None:
        return idea.expected_value or idea.proposal
    if assessment.value_figures:
        return f"{assessment.value_evidence}\n\n{assessment.value_figures}"
    return assessment.value_evidence


def _sector(idea: Idea) -> str:
    """The first of the idea's unit's sectors that the library files examples under (the scale data's ideas come
    without their unit: its examples get their sector with the spread part's)."""
    if not Idea._meta.get_field("unit").is_cached(idea):
        return ""
    return next((s for s in idea.unit.sectors.split(";") if s in Sector.values), "")


def example_for(idea: Idea, *, at: datetime, assessment: Assessment | None = None) -> Example:
    """The idea's example, not saved yet: ``assessment`` is its latest (read here if not given)."""
    if assessment is None:
        assessment = idea.assessments.order_by("-assessed_at", "-pk").first()
    return Example(
        title=idea.title,
        idea=idea,
        unit_id=idea.unit_id,
        owner_id=idea.author_id,
        contact_id=idea.author_id,
        problem=idea.problem,
        what_was_done=idea.proposal,
        effect=_effect(idea, assessment),
        kind=idea.kind,
        sector=_sector(idea),
        value_economic=idea.value_economic,
        value_social=idea.value_social,
        value_environmental=idea.value_environmental,
        status=ExampleStatus.PUBLISHED,
        visibility=ExampleVisibility.INTERNAL,
        published_at=at,
        created_at=at,
        updated_at=at,
    )


def publish_examples(ideas: Iterable[tuple[Idea, datetime]]) -> list[Example]:
    """Publish a good example for each idea at its moment, in one write (the scale generator's ideas in bulk).

    Assessments are read in one query; an idea that already has an example keeps it.
    """
    pairs = list(ideas)
    latest: dict[int, Assessment] = {}
    for assessment in Assessment.objects.filter(idea__in=[idea.pk for idea, _at in pairs]).order_by(
        "assessed_at", "pk"
    ):
        latest[assessment.idea_id] = assessment
    taken = set(Example.objects.filter(idea__in=[idea.pk for idea, _at in pairs]).values_list("idea_id", flat=True))
    examples = [example_for(idea, at=at, assessment=latest.get(idea.pk)) for idea, at in pairs if idea.pk not in taken]
    return Example.objects.bulk_create(examples)


def publish_example(idea: Idea, *, at: datetime) -> Example:
    """Publish the idea's good example at ``at`` (right before the decision that moves it to spread)."""
    existing = Example.objects.filter(idea=idea).first()
    if existing is not None:
        return existing
    example = example_for(idea, at=at)
    example.save()
    return example
