"""The catalogue API at /api/v1/courses: public courses without signing in; every published course for the city's
staff; a course with its sessions to come; anything else answered 404."""

from __future__ import annotations

import pytest

from learning.catalogue import services
from learning.models import CourseState
from organisation.services import api_token_create

pytestmark = pytest.mark.django_db


def _headers(user) -> dict:
    _token, key = api_token_create(user=user, name="Test")
    return {"Authorization": f"Bearer {key}"}


def test_signed_out_callers_list_and_read_public_published_courses_only(client, intro, workshop):
    listed = client.get("/api/v1/courses/").json()
    assert [c["code"] for c in listed["items"]] == ["inno-intro"] and listed["count"] == 1
    read = client.get(f"/api/v1/courses/{intro.pk}").json()
    assert read["title"] == intro.title and read["body"].startswith("Innovation är") and read["sessions"] == []
    assert client.get(f"/api/v1/courses/{workshop.pk}").status_code == 404


def test_staff_see_every_published_course_with_its_sessions(client, people, intro, workshop, session, leadership):
    headers = _headers(people["employee"])
    services.session_register(session=session, by=people["colleague"])
    codes = {c["code"] for c in client.get("/api/v1/courses/", headers=headers).json()["items"]}
    assert codes == {"inno-intro", "tjanstedesign", "ledarskap-innovation"}
    read = client.get(f"/api/v1/courses/{workshop.pk}", headers=headers).json()
    assert read["next_session"] is not None
    (listed,) = read["sessions"]
    assert (listed["event_id"], listed["capacity"], listed["places_taken"], listed["waiting"]) == (
        session.event_id,
        2,
        1,
        0,
    )
    assert listed["calendar_url"].endswith(".ics") or "ics" in listed["calendar_url"]


def test_filters(client, people, intro, workshop, leadership):
    headers = _headers(people["employee"])

    def codes(query: str) -> list[str]:
        return [c["code"] for c in client.get(f"/api/v1/courses/?{query}", headers=headers).json()["items"]]

    assert codes("audience=managers") == ["ledarskap-innovation"]
    assert codes("kind=workshop") == ["tjanstedesign"]
    assert codes("q=introduktion") == ["inno-intro"]
    assert codes("language=en") == []
    assert client.get("/api/v1/courses/?kind=lecture", headers=headers).status_code == 422


def test_drafts_are_read_only_by_those_who_may_change_them(client, people, workshop):
    services.course_withdraw(course=workshop, by=people["office"], expected_version=workshop.lock_version)
    assert client.get(f"/api/v1/courses/{workshop.pk}", headers=_headers(people["employee"])).status_code == 404
    read = client.get(f"/api/v1/courses/{workshop.pk}", headers=_headers(people["office"])).json()
    assert read["state"] == CourseState.WITHDRAWN
    assert client.get("/api/v1/courses/", headers=_headers(people["office"])).json()["items"] == []


def test_a_resident_with_a_token_sees_public_courses_only(client, people, intro, workshop):
    headers = _headers(people["resident"])
    assert [c["code"] for c in client.get("/api/v1/courses/", headers=headers).json()["items"]] == ["inno-intro"]
    assert client.get(f"/api/v1/courses/{workshop.pk}", headers=headers).status_code == 404


def test_a_wrong_token_is_refused(client, intro):
    assert client.get("/api/v1/courses/", headers={"Authorization": "Bearer wrong"}).status_code == 401


def test_the_calendar_link_is_offered_only_to_those_it_answers(client, people, workshop, session):
    workshop.is_public = True
    workshop.save()
    (signed_out,) = client.get(f"/api/v1/courses/{workshop.pk}").json()["sessions"]
    ics = f"/spread/events/{session.event_id}/event.ics"
    assert signed_out["calendar_url"] == "" and client.get(ics).status_code == 404
    (staff,) = client.get(f"/api/v1/courses/{workshop.pk}", headers=_headers(people["employee"])).json()["sessions"]
    assert staff["calendar_url"] == ics
    client.force_login(people["employee"])
    assert client.get(ics).status_code == 200
