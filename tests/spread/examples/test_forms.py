"""Every form of the good examples, submitted as a browser does (``tests/forms``' harness): the page rendered, only
the fields it shows filled in, the next page free of errors and the change made."""

from __future__ import annotations

import pytest
from django.urls import reverse

from spread.examples import services
from spread.models import Example, ExampleStatus, ExampleVisibility
from tests.forms.browser_like import errors, fill, post_forms
from tests.spread.examples.conftest import TEXTS


def submit(django_app, user, url, posts_to, values=None):
    page = django_app.get(url, user=user)
    forms = post_forms(page, url)
    assert posts_to in forms, f"{url} shows no form posting to {posts_to}: {sorted(forms)}"
    response = fill(forms[posts_to][0], values or {}).submit()
    assert response.status_int in (302, 303), errors(response)
    followed = response.follow(user=user)
    assert not errors(followed)
    return followed


@pytest.mark.parametrize("role", ["office", "employee"])
def test_publish_an_idea(django_app, people, idea_in_practice, role):
    url = reverse("spread:example_publish", args=[idea_in_practice.pk])
    values = {"public_consent": True} if role == "employee" else {}
    submit(django_app, people[role], url, "spread:example_publish", values)
    example = Example.objects.get(idea=idea_in_practice)
    assert example.status == ExampleStatus.PUBLISHED
    assert example.effect.startswith("Mätt under sex månader")
    assert example.visibility == (ExampleVisibility.PUBLIC if role == "employee" else ExampleVisibility.INTERNAL)


@pytest.fixture
def example(people, idea_in_practice):
    return services.example_publish_from_idea(idea=idea_in_practice, by=people["office"], **TEXTS)


def test_edit(django_app, people, example):
    url = reverse("spread:example_edit", args=[example.pk])
    submit(django_app, people["employee"], url, "spread:example_edit", {"cost": "Tio cyklar, 150 000 kronor."})
    assert Example.objects.get(pk=example.pk).cost == "Tio cyklar, 150 000 kronor."


@pytest.mark.parametrize(("step", "role"), [("unpublish", "office"), ("consent", "employee")])
def test_steps(django_app, people, example, step, role):
    url = reverse("spread:example_step", args=[example.pk, step])
    submit(django_app, people[role], url, "spread:example_step")
    current = Example.objects.get(pk=example.pk)
    if step == "unpublish":
        assert current.status == ExampleStatus.UNPUBLISHED
    else:
        assert current.visibility == ExampleVisibility.PUBLIC


def test_confirm_a_proposed_example(django_app, people):
    proposed = Example.objects.create(
        title="Trygg natt",
        unit=people["manager"].unit,
        owner=people["manager"],
        problem="Oro på natten.",
        what_was_done="Nattpatrull.",
        effect="",
        status=ExampleStatus.PROPOSED,
    )
    url = reverse("spread:example_edit", args=[proposed.pk])
    submit(django_app, people["director"], url, "spread:example_edit", {"values": ["social"]})
    assert Example.objects.get(pk=proposed.pk).status == ExampleStatus.PUBLISHED
