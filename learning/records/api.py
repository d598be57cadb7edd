"""Learning records through the API: your own record, the record of one of your staff (as a manager), and the import
of completions from the city's learning platform (the executive office; all or nothing). A record the caller may not
read is answered 404, as one that does not exist."""

from __future__ import annotations

from datetime import date, datetime

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from core.api_errors import Error, InvalidRequest
from core.api_types import EmailAddress, Id, Line
from learning.models import CompletionSource
from learning.records import selectors, services

router = Router(tags=["learning"])

#: The most records taken in one call: send more in several calls.
MAX_RECORDS = 5000


class PersonOut(Schema):
    id: int
    name: str
    unit: str | None


class CompletionOut(Schema):
    course_id: int
    course_code: str
    course: str
    completed_on: date
    how: CompletionSource = Field(description="attendance, check (a passed check) or import (the learning platform).")


class SignUpOut(Schema):
    event_id: int
    course_id: int | None
    title: str
    starts_at: datetime
    waiting_list: bool = Field(description="On the waiting list rather than with a place.")


class TalkOut(Schema):
    year: int
    innovation_discussed: bool
    ideas_count: int
    idea_ids: list[int] = Field(description="The ideas sent in from what was raised in the talk.")


class CourseRef(Schema):
    id: int
    code: str
    title: str


class RecordOut(Schema):
    person: PersonOut
    completions: list[CompletionOut]
    signed_up: list[SignUpOut] = Field(description="Coming course sessions: with a place or on the waiting list.")
    development_talks: list[TalkOut]
    recommended: list[CourseRef] = Field(description="What to take next.")


def _record_out(record: selectors.Record) -> dict:
    person = record.person
    return {
        "person": {"id": person.pk, "name": person.name, "unit": person.unit.name if person.unit else None},
        "completions": [
            {
                "course_id": c.course_id,
                "course_code": c.course.code,
                "course": c.course.title,
                "completed_on": c.completed_on,
                "how": c.source,
            }
            for c in record.completions
        ],
        "signed_up": [
            {
                "event_id": r.event_id,
                "course_id": getattr(getattr(r.event, "learning_session", None), "course_id", None),
                "title": r.event.title,
                "starts_at": r.event.starts_at,
                "waiting_list": r.status == "waiting",
            }
            for r in record.registrations
        ],
        "development_talks": [
            {
                "year": t.year,
                "innovation_discussed": t.innovation_discussed,
                "ideas_count": t.ideas_count,
                "idea_ids": [i.idea_id for i in t.ideas.all()],
            }
            for t in record.talks
        ],
        "recommended": [{"id": c.pk, "code": c.code, "title": c.title} for c in record.recommended],
    }


@router.get(
    "/me",
    response={200: RecordOut, 401: Error, 422: InvalidRequest},
    url_name="learning_my_record",
    summary="Your own learning record: courses completed, sign-ups, development talks and what to take next",
)
def my_record(request):
    return _record_out(selectors.record_of(request.user))


@router.get(
    "/people/{person_id}/record",
    response={200: RecordOut, 401: Error, 404: Error, 422: InvalidRequest},
    url_name="learning_person_record",
    summary="A person's learning record: your own, or, as a manager, that of someone in the units you manage",
)
def person_record(request, person_id: Id):
    person = selectors.person_for_record(viewer=request.user, pk=person_id)
    if person is None:
        raise Http404
    return _record_out(selectors.record_of(person))


class CompletionIn(Schema):
    email: EmailAddress | None = Field(None, description="The person's email address (or employee_number).")
    employee_number: Line | None = Field(None, max_length=40, description="The person's employee number (or email).")
    course_code: Line = Field(max_length=40, description="The course's code, as in the catalogue.")
    date: Line = Field(max_length=10, description="The day it was completed: YYYY-MM-DD, not in the future.")


class CompletionsIn(Schema):
    records: list[CompletionIn] = Field(max_length=MAX_RECORDS)


class ImportOut(Schema):
    id: int
    rows: int = Field(description="The records taken.")
    recorded: int = Field(description="The completions recorded now.")
    already_recorded: int = Field(description="Records of completions recorded before (not recorded twice).")
    created_at: datetime


@router.post(
    "/completions",
    response={201: ImportOut, 400: Error, 401: Error, 403: Error, 422: InvalidRequest},
    url_name="learning_completions_import",
    summary="Import completions from the learning platform (the executive office): all records or none",
    description="Each record names the person by `email` or `employee_number`. If any record is bad (an unknown "
    "person or course, a bad or future date), nothing is imported and the answer (422) names each bad record by its "
    "index and field, as `records.<index>.<field>`.",
)
def import_completions(request, payload: CompletionsIn):
    try:
        imported = services.completions_import(by=request.user, rows=[r.dict() for r in payload.records])
    except services.CompletionImportError as exc:
        errors = [
            {"field": f"records.{e.position}.{e.field}" if e.field != "records" else "records", "message": e.message}
            for e in exc.errors
        ]
        body = {"detail": _("Some records are bad; nothing was imported."), "code": "invalid"}
        return Status(422, {**body, "field": errors[0]["field"], "errors": errors})
    return Status(
        201,
        {
            "id": imported.pk,
            "rows": imported.rows,
            "recorded": imported.rows - imported.already_recorded,
            "already_recorded": imported.already_recorded,
            "created_at": imported.created_at,
        },
    )
