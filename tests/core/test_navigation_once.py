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
