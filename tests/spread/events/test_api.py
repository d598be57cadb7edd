"""The events API: public events without signing in; internal ones for the city's staff; others answered 404."""

from __future__ import annotations

import pytest

from organisation.services import api_token_create
from spread.events import services

pytestmark = pytest.mark.django_db


def test_signed_out_callers_list_and_read_public_events_only(client, people, fair, public_fair):
    listed = client.get("/api/v1/events/").json()
    assert [e["id"] for e in listed["items"]] == [public_fair.pk]
    assert client.get(f"/api/v1/events/{public_fair.pk}").status_code == 200
    assert client.get(f"/api/v1/events/{fair.pk}").status_code == 404


def test_staff_with_a_token_see_internal_events_with_places_and_stands(client, people, fair, example):
    services.registration_create(event=fair, by=people["colleague"])
    services.exhibitor_decide(
        exhibitor=services.exhibitor_apply(event=fair, example=example, by=people["employee"]),
        by=people["office"],
        accept=True,
    )
    _token, key = api_token_create(user=people["employee"], name="Test")
    read = client.get(f"/api/v1/events/{fair.pk}", headers={"Authorization": f"Bearer {key}"}).json()
    assert read["places_taken"] == 1 and read["waiting"] == 0 and read["capacity"] == fair.capacity
    assert read["exhibitors"] == [{"example_id": example.pk, "example_title": example.title}]
    assert read["calendar_url"].endswith("/event.ics")


def test_a_resident_with_a_token_gets_404_for_an_internal_event(client, people, fair):
    _token, key = api_token_create(user=people["resident"], name="Test")
    headers = {"Authorization": f"Bearer {key}"}
    assert client.get(f"/api/v1/events/{fair.pk}", headers=headers).status_code == 404
    assert client.get("/api/v1/events/", headers=headers).json()["items"] == []


def test_a_wrong_token_is_refused_rather_than_treated_as_signed_out(client, public_fair):
    assert client.get("/api/v1/events/", headers={"Authorization": "Bearer wrong"}).status_code == 401


def test_upcoming_filters_and_orders(client, people, public_fair):
    from datetime import timedelta

    from tests.spread.events.conftest import make_event, started

    past = make_event(by=people["office"], is_public=True, title="Förra mässan")
    started(past, ago=timedelta(days=100))
    upcoming = client.get("/api/v1/events/?upcoming=true").json()["items"]
    assert [e["id"] for e in upcoming] == [public_fair.pk]
    over = client.get("/api/v1/events/?upcoming=false").json()["items"]
    assert [e["id"] for e in over] == [past.pk]
