"""How much one person may write in an hour: ideas and comments (SPRANG_MAX_*_PER_HOUR)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone, translation
from django.utils.html import escape

from core.errors import DomainError
from ideas import services
from ideas.models import Comment, Idea, Visibility
from tests import factories
from tests.ideas.test_views import form_values, idea_form_data, sv

IDEAS_MESSAGE = (
    "You have sent %(limit)d ideas in the last hour, which is as many as one person may send in an hour. "
    "Send this one a little later."
)
COMMENTS_MESSAGE = (
    "You have written %(limit)d comments in the last hour, which is as many as one person may write in an "
    "hour. Send this one a little later."
)


@pytest.fixture
def public_idea(people):
    return factories.idea(author=people["employee"], visibility=Visibility.PUBLIC)


# --- Ideas ---


def test_the_idea_over_the_hourly_limit_is_refused_and_names_the_limit(settings, people):
    settings.SPRANG_MAX_IDEAS_PER_HOUR = 3
    for _i in range(3):
        factories.idea(author=people["employee"])
    with pytest.raises(DomainError) as refused, translation.override("en"):
        factories.idea(author=people["employee"])
    assert refused.value.code == "limit_reached"
    assert "3 ideas in the last hour" in refused.value.message
    assert Idea.objects.count() == 3


def test_the_idea_limit_is_per_person(settings, people):
    settings.SPRANG_MAX_IDEAS_PER_HOUR = 2
    for _i in range(2):
        factories.idea(author=people["employee"])
    factories.idea(author=people["colleague"])
    assert Idea.objects.count() == 3


def test_ideas_older_than_an_hour_do_not_count(settings, people):
    settings.SPRANG_MAX_IDEAS_PER_HOUR = 2
    now = timezone.now()
    factories.idea(author=people["employee"], now=now - timedelta(minutes=61))
    factories.idea(author=people["employee"], now=now - timedelta(minutes=30))
    factories.idea(author=people["employee"], now=now)
    with pytest.raises(DomainError):
        factories.idea(author=people["employee"], now=now)


def test_the_hour_is_the_one_before_now_so_history_can_be_written(settings, people):
    """The demo builder writes years of ideas by one author, each with its own past ``now``."""
    settings.SPRANG_MAX_IDEAS_PER_HOUR = 2
    start = timezone.now() - timedelta(days=365)
    for day in range(5):
        for minute in (0, 20):
            factories.idea(author=people["employee"], now=start + timedelta(days=day, minutes=minute))
    assert Idea.objects.filter(author=people["employee"]).count() == 10
    # Within one of those past hours the limit still holds.
    with pytest.raises(DomainError):
        factories.idea(author=people["employee"], now=start + timedelta(days=4, minutes=40))


def test_no_idea_limit_when_set_to_zero(settings, people):
    settings.SPRANG_MAX_IDEAS_PER_HOUR = 0
    for _i in range(3):
        factories.idea(author=people["employee"])
    assert Idea.objects.count() == 3


def test_the_form_keeps_the_text_and_shows_the_limit(client, settings, people, tree):
    settings.SPRANG_MAX_IDEAS_PER_HOUR = 1
    factories.idea(author=people["employee"])
    client.force_login(people["employee"])
    data = idea_form_data(tree["SDF-N-ALD-1"])
    response = client.post("/ideas/new/", data)
    assert response.status_code == 200
    assert Idea.objects.count() == 1
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert sv(IDEAS_MESSAGE, limit=1) in html
    kept = form_values(response)
    for name in ("title", "problem", "audience", "proposal", "expected_value"):
        assert kept[name] == [data[name]], name


def test_the_api_refuses_with_400_and_names_the_limit(client, settings, people, tree):
    from organisation.services import api_token_create

    settings.SPRANG_MAX_IDEAS_PER_HOUR = 1
    factories.idea(author=people["employee"])
    _token, key = api_token_create(user=people["employee"], name="Test")
    payload = {
        **factories.IDEA_TEXT,
        "kind": "process",
        "values": ["social"],
        "unit_id": tree["SDF-N-ALD-1"].pk,
    }
    response = client.post(
        "/api/v1/ideas/", payload, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "limit_reached"
    assert Idea.objects.count() == 1


# --- Comments ---


def test_the_comment_over_the_hourly_limit_is_refused_and_names_the_limit(settings, people, public_idea):
    settings.SPRANG_MAX_COMMENTS_PER_HOUR = 2
    for n in range(2):
        services.comment_add(idea=public_idea, author=people["resident"], body=f"Kommentar {n}")
    with pytest.raises(DomainError) as refused, translation.override("en"):
        services.comment_add(idea=public_idea, author=people["resident"], body="En till")
    assert refused.value.code == "limit_reached"
    assert "2 comments in the last hour" in refused.value.message
    assert Comment.objects.count() == 2
    # Someone else may still comment.
    services.comment_add(idea=public_idea, author=people["colleague"], body="Jag med")


def test_comments_are_counted_in_the_hour_before_now(settings, people, public_idea):
    settings.SPRANG_MAX_COMMENTS_PER_HOUR = 1
    now = timezone.now()
    services.comment_add(idea=public_idea, author=people["resident"], body="Förra året", now=now - timedelta(days=1))
    services.comment_add(idea=public_idea, author=people["resident"], body="Nu", now=now)
    with pytest.raises(DomainError):
        services.comment_add(idea=public_idea, author=people["resident"], body="Igen", now=now)


def test_the_comment_page_keeps_the_text_and_shows_the_limit(client, settings, people, public_idea):
    settings.SPRANG_MAX_COMMENTS_PER_HOUR = 1
    services.comment_add(idea=public_idea, author=people["resident"], body="Första")
    client.force_login(people["resident"])
    body = "Ett långt och genomtänkt svar som inte får försvinna."
    response = client.post(f"/ideas/{public_idea.pk}/comments/", {"body": body})
    assert response.status_code == 200
    html = response.content.decode()
    assert sv(COMMENTS_MESSAGE, limit=1) in html
    assert escape(body) in html
    assert form_values(response)["body"] == [body]
    assert Comment.objects.count() == 1
