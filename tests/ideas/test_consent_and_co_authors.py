"""Publishing needs the author's consent; co-authors are named by email."""

import pytest

from core.errors import DomainError
from ideas import services
from ideas.models import Idea, Visibility
from organisation.services import api_token_create
from tests import factories
from tests.ideas.test_views import idea_form_data


def test_a_public_idea_needs_consent(people):
    with pytest.raises(DomainError) as excinfo:
        factories.idea(author=people["employee"], visibility=Visibility.PUBLIC, public_consent=False)
    assert excinfo.value.field == "public_consent"
    assert not Idea.objects.exists()
    idea = factories.idea(author=people["employee"], visibility=Visibility.PUBLIC, public_consent=True)
    assert idea.public_consent_at is not None


def test_making_an_idea_public_later_needs_consent(people):
    idea = factories.idea(author=people["employee"])
    with pytest.raises(DomainError) as excinfo:
        services.idea_update(idea=idea, by=people["employee"], expected_version=idea.version, visibility="public")
    assert excinfo.value.field == "public_consent"
    services.idea_update(
        idea=idea, by=people["employee"], expected_version=idea.version, visibility="public", public_consent=True
    )
    idea.refresh_from_db()
    assert idea.visibility == Visibility.PUBLIC and idea.public_consent_at is not None


def test_form_refuses_public_without_consent_and_keeps_the_text(client, people, tree):
    client.force_login(people["employee"])
    data = idea_form_data(tree["SDF-N-ALD-1"])
    data.pop("public_consent")
    response = client.post("/ideas/new/", data)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'href="#id_public_consent"' in body
    assert "Cykelpool för hemtjänsten" in body
    assert not Idea.objects.exists()


def test_form_names_co_authors_by_email(client, people, tree):
    client.force_login(people["employee"])
    data = idea_form_data(tree["SDF-N-ALD-1"], co_authors="okand@example.se")
    response = client.post("/ideas/new/", data)
    assert "okand@example.se" in response.content.decode()
    assert not Idea.objects.exists()
    data["co_authors"] = f"{people['colleague'].email}, {people['supplier'].email.upper()}"
    response = client.post("/ideas/new/", data)
    idea = Idea.objects.get()
    assert response.status_code == 302
    assert set(idea.co_authors.all()) == {people["colleague"], people["supplier"]}
    assert people["colleague"].has_perm("ideas.edit_idea", idea)


def test_api_names_unknown_co_authors(client, people, tree):
    _token, key = api_token_create(user=people["employee"], name="test")
    payload = {
        "title": "Samåkning till jobbet",
        "problem": "Många kör ensamma.",
        "audience": "Medarbetare.",
        "proposal": "En samåkningstjänst.",
        "expected_value": "Färre bilar.",
        "kind": "service",
        "values": ["environmental"],
        "unit_id": tree["SDF-N-ALD-1"].pk,
        "co_authors": ["ingen@example.se"],
    }
    response = client.post(
        "/api/v1/ideas/", payload, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}"
    )
    assert response.status_code == 400
    assert response.json()["field"] == "co_authors"
    payload["visibility"] = "public"
    payload["co_authors"] = []
    response = client.post(
        "/api/v1/ideas/", payload, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}"
    )
    assert response.status_code == 400
    assert response.json()["field"] == "public_consent"
