"""The header's question (unread notifications, which menu entries a person sees) is asked once per request, even when
parts of the page are drawn on their own with the request (an example's sections)."""

import pytest
from django.db import connection
from django.template import engines
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from core.context_processors import navigation

pytestmark = pytest.mark.django_db


def test_a_part_drawn_with_the_request_does_not_ask_the_header_question_again(people):
    request = RequestFactory().get("/")
    request.user = people["director"]
    request.user.role_paths  # noqa: B018 - read once, as the middleware does
    with CaptureQueriesContext(connection) as first:
        context = navigation(request)
    assert len(first.captured_queries) >= 1
    with CaptureQueriesContext(connection) as again:
        assert navigation(request) is context
        engines["django"].from_string("{{ unread_notifications }}").render({}, request=request)
    assert again.captured_queries == []


def test_the_header_row_written_once_answers_as_the_orm_does_for_each_person(people, monkeypatch):
    from django.utils import timezone

    from core import context_processors
    from core.models import Notification

    employee, resident = people["employee"], people["resident"]
    for n in range(3):
        Notification.objects.create(recipient=employee, message=f"Nytt {n}")
    Notification.objects.create(recipient=employee, message="Läst", read_at=timezone.now())
    Notification.objects.create(recipient=resident, message="Till invånaren")

    written = []
    build = context_processors._header_query
    monkeypatch.setattr(context_processors, "_header_query", lambda pk: written.append(pk) or build(pk))
    monkeypatch.setattr(context_processors._header, "_written", {})
    for person in (employee, resident, people["director"], people["supplier"]):
        row = context_processors._header_row(person)
        expected = build(person.pk).get()
        assert {key: int(value) for key, value in row.items()} == {key: int(v) for key, v in expected.items()}
    assert context_processors._header_row(employee)["unread"] == 3
    assert context_processors._header_row(resident)["unread"] == 1
    assert bool(context_processors._header_row(employee)["menu_my_learning"]) is True
    assert bool(context_processors._header_row(resident)["menu_my_learning"]) is False
    assert len(written) == 1, "the statement is written once per process, not on every page"


def test_a_menu_condition_that_names_a_person_is_refused(people, monkeypatch):
    from django.core.exceptions import ImproperlyConfigured
    from django.db.models import BooleanField, ExpressionWrapper, Q

    from core import context_processors, statements

    monkeypatch.setattr(context_processors._header, "_written", {})
    monkeypatch.setattr(
        context_processors,
        "menu_conditions",
        lambda: {"menu_odd": ExpressionWrapper(Q(pk=statements.ABSENT), output_field=BooleanField())},
    )
    with pytest.raises(ImproperlyConfigured, match="2 times"):
        context_processors._header_row(people["employee"])
