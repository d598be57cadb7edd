"""The record's API: one's own record, a person's record for their manager, and the import of completions."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from learning.models import Completion, CompletionImport, CompletionSource
from learning.records.services import completion_record
from organisation.models import User
from organisation.services import api_token_create

pytestmark = pytest.mark.django_db

ME = "/api/v1/learning/me"
IMPORT = "/api/v1/learning/completions"


def bearer(person) -> dict:
    _token, key = api_token_create(user=person, name="Lärplattformen")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def record_url(person) -> str:
    return f"/api/v1/learning/people/{person.pk}/record"


def test_my_record_as_json(people, intro, session):
    employee = people["employee"]
    completion_record(person=employee, course=session.course, on=date(2026, 2, 3), source=CompletionSource.ATTENDANCE)
    body = Client().get(ME, **bearer(employee)).json()
    assert body["person"]["id"] == employee.pk
    assert body["completions"] == [
        {
            "course_id": session.course.pk,
            "course_code": "tjanstedesign",
            "course": "Tjänstedesign i praktiken",
            "completed_on": "2026-02-03",
            "how": "attendance",
        }
    ]
    assert [c["code"] for c in body["recommended"]] == ["inno-intro"]


def test_my_record_needs_credentials():
    assert Client().get(ME).status_code == 401


def test_the_manager_reads_a_staff_members_record(people, staff):
    response = Client().get(record_url(staff["north"][0]), **bearer(people["manager"]))
    assert response.status_code == 200 and response.json()["person"]["name"] == staff["north"][0].name


@pytest.mark.parametrize("who", ["south_manager", "director", "office"])
def test_anyone_else_is_answered_not_found(people, staff, who):
    viewer = staff.get(who) or people[who]
    response = Client().get(record_url(staff["north"][0]), **bearer(viewer))
    assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_the_person_reads_their_own_record_by_id(people):
    assert Client().get(record_url(people["employee"]), **bearer(people["employee"])).status_code == 200


def test_the_executive_office_imports_records_by_email_or_employee_number(people, intro):
    User.objects.filter(pk=people["colleague"].pk).update(employee_number="4711")
    records = [
        {"email": people["employee"].email, "course_code": "inno-intro", "date": "2026-03-15"},
        {"employee_number": "4711", "course_code": "inno-intro", "date": "2026-03-16"},
    ]
    response = Client().post(
        IMPORT, {"records": records}, content_type="application/json", **bearer(people["director"])
    )
    assert response.status_code == 201, response.content
    assert response.json()["recorded"] == 2 and response.json()["already_recorded"] == 0
    assert Completion.objects.filter(course=intro).count() == 2
    again = Client().post(IMPORT, {"records": records}, content_type="application/json", **bearer(people["director"]))
    assert again.json()["recorded"] == 0 and again.json()["already_recorded"] == 2


def test_bad_records_are_named_by_index_and_field_and_nothing_is_imported(people, intro):
    records = [
        {"email": people["employee"].email, "course_code": "inno-intro", "date": "2026-03-15"},
        {"email": "nobody@example.se", "course_code": "inno-intro", "date": "2026-03-15"},
        {"email": people["colleague"].email, "course_code": "no-such-course", "date": "2099-01-01"},
    ]
    response = Client().post(
        IMPORT, {"records": records}, content_type="application/json", **bearer(people["director"])
    )
    assert response.status_code == 422
    body = response.json()
    assert [e["field"] for e in body["errors"]] == ["records.1.email", "records.2.course_code", "records.2.date"]
    assert body["field"] == "records.1.email"
    assert not CompletionImport.objects.exists() and not Completion.objects.exists()


def test_a_record_without_a_course_code_is_refused_by_the_schema(people, intro):
    records = [{"email": people["employee"].email, "date": "2026-03-15"}]
    response = Client().post(
        IMPORT, {"records": records}, content_type="application/json", **bearer(people["director"])
    )
    assert response.status_code == 422 and response.json()["field"] == "records.0.course_code"


@pytest.mark.parametrize("who", ["office", "manager", "employee"])
def test_only_the_executive_office_imports(people, intro, who):
    records = [{"email": people["employee"].email, "course_code": "inno-intro", "date": "2026-03-15"}]
    response = Client().post(IMPORT, {"records": records}, content_type="application/json", **bearer(people[who]))
    assert response.status_code == 403 and not Completion.objects.exists()
