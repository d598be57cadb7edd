"""The dialogue's API: published requests and answers without signing in; a registered supplier's own questions and
response, and nobody else's."""

from __future__ import annotations

import pytest
from django.test import Client

from organisation.services import api_token_create
from procurement.dialogue import services
from tests.procurement.dialogue.conftest import write_rfi

pytestmark = pytest.mark.django_db


def bearer(user) -> dict[str, str]:
    _token, key = api_token_create(user=user, name="Leverantörens system")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_published_requests_and_answers_are_read_without_signing_in(registered, suppliers, officers, client):
    q = services.question_ask(rfi=registered, by=suppliers["alfa"], text="Alfa Energi frågar om givare")
    services.answer_draft(
        question=q, by=officers["officer"], expected_version=q.version, public_text="Om givare", answer="Ja."
    )
    listed = client.get("/api/v1/procurement/cases").json()
    assert [c["id"] for c in listed["items"]] == [registered.case_id]
    # The list gives each request's count of published answers; a drafted answer is no answer yet.
    assert listed["items"][0]["published_question_count"] == 0
    assert "answers" not in listed["items"][0]
    assert client.get(f"/api/v1/procurement/cases/{registered.case_id}").json()["answers"] == []
    services.answers_publish(rfi=registered, by=officers["officer"])
    one = client.get(f"/api/v1/procurement/cases/{registered.case_id}").json()
    assert one["case_title"] == registered.case.title and one["rfi_id"] == registered.pk
    assert one["answers"] == [
        {"number": 1, "question": "Om givare", "answer": "Ja.", "published_at": one["answers"][0]["published_at"]}
    ]
    assert "Alfa Energi frågar" not in str(one)


def test_a_draft_request_is_not_found(case, officers, client):
    write_rfi(case, officers["officer"])
    assert client.get(f"/api/v1/procurement/cases/{case.pk}").status_code == 404
    assert client.get("/api/v1/procurement/cases").json()["items"] == []


def test_a_registered_supplier_asks_and_reads_its_own_questions_only(registered, suppliers):
    client = Client()
    url = f"/api/v1/procurement/cases/{registered.case_id}/questions"
    asked = client.post(url, {"text": "Alfas fråga"}, content_type="application/json", **bearer(suppliers["alfa"]))
    assert asked.status_code == 201, asked.content
    assert asked.json()["published"] is False
    services.question_ask(rfi=registered, by=suppliers["beta"], text="Betas fråga")
    mine = client.get(url, **bearer(suppliers["alfa"])).json()
    assert [q["text"] for q in mine] == ["Alfas fråga"]
    assert client.get(url, **bearer(suppliers["gamma"])).status_code == 403
    assert client.get(url).status_code == 401


def test_a_question_after_the_deadline_is_refused_with_the_field(registered, suppliers):
    from django.utils import timezone

    from procurement.models import Rfi

    Rfi.objects.filter(pk=registered.pk).update(questions_close_at=timezone.now())
    resp = Client().post(
        f"/api/v1/procurement/cases/{registered.case_id}/questions",
        {"text": "Sen fråga"},
        content_type="application/json",
        **bearer(suppliers["alfa"]),
    )
    assert resp.status_code == 400 and resp.json()["field"] == "text"


def test_a_supplier_saves_and_sends_its_response_and_reads_only_its_own(registered, suppliers):
    client = Client()
    url = f"/api/v1/procurement/cases/{registered.case_id}/response"
    alfa = bearer(suppliers["alfa"])
    assert client.get(url, **alfa).status_code == 404
    body = {"solution": "Alfas lösning", "maturity": "prototype", "price_indication": "Alfas pris"}
    saved = client.put(url, body, content_type="application/json", **alfa)
    assert saved.status_code == 200, saved.content
    assert saved.json()["status"] == "draft" and saved.json()["price_secret"] is True
    stale = client.put(url, {**body, "version": 7}, content_type="application/json", **alfa)
    assert stale.status_code == 409
    sent = client.put(
        url, {**body, "submit": True, "version": saved.json()["version"]}, content_type="application/json", **alfa
    )
    assert sent.json()["status"] == "submitted"
    beta = bearer(suppliers["beta"])
    assert client.get(url, **beta).status_code == 404  # Beta has none, and never reads Alfa's
    assert "Alfas" not in client.get(url, **beta).content.decode()
    assert client.get(url, **bearer(suppliers["gamma"])).status_code == 403
