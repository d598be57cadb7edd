"""The spread gate of the lock asks for a published good example: what others can use is written down."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext

from ideas.gates import condition
from ideas.lock import Stage
from spread.models import Example, ExampleStatus


def has_published_example(idea) -> str:
    if Example.objects.filter(idea_id=idea.pk, status=ExampleStatus.PUBLISHED).exists():
        return ""
    return gettext(
        "The idea moves to spread only when it is published as a good example: write down what others can use "
        "(the problem, what was done and its effect) first."
    )


def where_to_publish(idea) -> tuple[str, str] | None:
    try:
        url = reverse("spread:example_publish", args=[idea.pk])
    except NoReverseMatch:
        return None
    return url, gettext("Publish the idea as a good example")


condition("spread.published_example", target=Stage.SPREAD, check=has_published_example, fix=where_to_publish)
