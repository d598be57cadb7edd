"""The challenges API: public challenges without signing in; internal ones only to those they ask; answers as ideas."""

from __future__ import annotations

import pytest

from challenges.models import Answer
from organisation.services import api_token_create
from tests.challenges.challenges.conftest import close

pytestmark = pytest.mark.django_db

API = "/api/v1/challenges"


def bearer(user) -> dict:
    _token, key = api_token_create(user=user, name="Test")
    return {"headers": {"Authorization": f"Bearer {key}"}}


ANSWER = {
    "title": "Checklista före ansökan",
    "problem": "Ansökningar är ofullständiga.",
    "audience": "Sökande.",
    "proposal": "En checklista.",
    "expected_value": "Färre kompletteringar.",
    "values": ["social"],
}


def test_signed_out_callers_list_and_read_public_challenges_only(client, public_challenge, internal_challenge):
    listed = client.get(f"{API}/").json()
    assert [c["id"] for c in listed["items"]] == [public_challenge.pk]
    read = client.get(f"{API}/{public_challenge.pk}").json()
    assert read["question"] == public_challenge.question and read["audience"] == "residents"
    assert client.get(f"{API}/{internal_challenge.pk}").status_code == 404


def test_internal_challenges_only_to_those_they_ask(client, people, internal_challenge):
    assert client.get(f"{API}/{internal_challenge.pk}", **bearer(people["employee"])).status_code == 200
    assert client.get(f"{API}/{internal_challenge.pk}", **bearer(people["colleague"])).status_code == 404
    assert client.get(f"{API}/{internal_challenge.pk}", **bearer(people["resident"])).status_code == 404
    assert client.get(f"{API}/", **bearer(people["resident"])).json()["items"] == []


def test_a_resident_answers_through_the_api(client, people, public_challenge):
    response = client.post(
        f"{API}/{public_challenge.pk}/answers", ANSWER, content_type="application/json", **bearer(people["resident"])
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["answered"] is True
    assert Answer.objects.get(challenge=public_challenge).idea_id == body["idea"]["id"]


def test_a_late_answer_through_the_api_is_an_ordinary_idea(client, people, public_challenge):
    close(public_challenge)
    response = client.post(
        f"{API}/{public_challenge.pk}/answers", ANSWER, content_type="application/json", **bearer(people["resident"])
    )
    assert response.status_code == 201 and response.json()["answered"] is False
    assert not Answer.objects.exists()


def test_someone_not_asked_is_refused(client, people, public_challenge):
    response = client.post(
        f"{API}/{public_challenge.pk}/answers", ANSWER, content_type="application/json", **bearer(people["supplier"])
    )
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"


def test_answering_needs_sign_in(client, public_challenge):
    response = client.post(f"{API}/{public_challenge.pk}/answers", ANSWER, content_type="application/json")
    assert response.status_code == 401
