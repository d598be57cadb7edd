"""The city's innovation office sees the proposed good examples waiting on its start page; others see no group."""

from __future__ import annotations

from django.urls import reverse

from spread.examples.todo import proposed_examples
from spread.models import Example, ExampleStatus


def test_the_city_office_sees_the_proposed_examples_waiting(people):
    assert proposed_examples(people["office"]) is None  # a district's office does not confirm
    empty = proposed_examples(people["director"])
    assert empty is not None and empty.lines == []
    Example.objects.create(
        title="Trygg natt",
        problem="Oro på natten.",
        what_was_done="Nattpatrull.",
        effect="",
        status=ExampleStatus.PROPOSED,
    )
    group = proposed_examples(people["director"])
    assert group is not None
    [line] = group.lines
    assert line.count == 1 and line.url == reverse("spread:examples_proposed")


def test_the_proposed_page_lists_them_for_the_city_office_only(client, people):
    Example.objects.create(
        title="Trygg natt", problem="Oro.", what_was_done="Patrull.", effect="", status=ExampleStatus.PROPOSED
    )
    client.force_login(people["director"])
    assert "Trygg natt" in client.get(reverse("spread:examples_proposed")).content.decode()
    client.force_login(people["office"])
    assert client.get(reverse("spread:examples_proposed")).status_code == 403
