"""What people write is shown as text, never run as HTML: titles, comments and names with markup in them."""

from __future__ import annotations

import pytest
from django.utils.html import escape

from ideas import services
from ideas.models import Visibility
from organisation.services import person_update_profile
from tests import factories

SCRIPT = "<script>alert(1)</script>"
IMAGE = "<img src=x onerror=alert(1)>"
TITLE = f"Digitala lås {SCRIPT} i hemtjänsten {IMAGE}"
COMMENT = f"Vi vill också! {IMAGE} {SCRIPT}"
NAME = f"Kalle {SCRIPT}{IMAGE}"


@pytest.fixture
def idea(people):
    person_update_profile(user=people["colleague"], name=NAME, language="sv", email_notifications=False)
    idea = factories.idea(author=people["employee"], title=TITLE, visibility=Visibility.PUBLIC)
    services.comment_add(idea=idea, author=people["colleague"], body=COMMENT)
    return idea


def assert_escaped(html: str, *texts: str) -> None:
    for markup in (SCRIPT, IMAGE):
        assert markup not in html
    for text in texts:
        assert escape(text) in html, text


def test_detail_page_escapes_the_title_the_comment_and_the_name(client, people, idea):
    client.force_login(people["employee"])
    response = client.get(f"/ideas/{idea.pk}/")
    assert response.status_code == 200
    assert_escaped(response.content.decode(), TITLE, COMMENT, NAME)


def test_detail_page_escapes_for_anonymous_visitors_too(client, idea):
    response = client.get(f"/ideas/{idea.pk}/")
    assert response.status_code == 200
    assert_escaped(response.content.decode(), TITLE, COMMENT)


@pytest.mark.parametrize("htmx", [False, True])
def test_list_page_escapes_the_title(client, people, idea, htmx):
    client.force_login(people["colleague"])
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = client.get("/ideas/", **headers)
    assert response.status_code == 200
    assert_escaped(response.content.decode(), TITLE)


def test_notifications_page_escapes_the_title_and_the_name(client, people, idea):
    """The author is told of the comment: “<name> commented on “<title>”.”"""
    client.force_login(people["employee"])
    response = client.get("/notifications/")
    assert response.status_code == 200
    html = response.content.decode()
    assert_escaped(html, TITLE, NAME)
    start = client.get("/")
    assert_escaped(start.content.decode(), TITLE)


def test_similar_ideas_partial_escapes_the_title(client, people, idea):
    client.force_login(people["colleague"])
    response = client.get("/ideas/similar/", {"title": "digitala lås", "problem": "hemtjänsten"})
    assert response.status_code == 200
    html = response.content.decode()
    assert f"/ideas/{idea.pk}/" in html  # the idea is found, so its title is really shown
    assert_escaped(html, TITLE)


def test_triage_and_pipeline_escape_the_title(client, people, idea):
    client.force_login(people["office"])
    for path in ("/ideas/triage/", "/ideas/pipeline/", "/ideas/pipeline/?view=table"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert_escaped(response.content.decode(), TITLE)
