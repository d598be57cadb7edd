"""Writes of a person's learning record: completions (from a session's attendance, a passed check or the learning
platform) and the import of the platform's completions.

The import takes the platform's records as a CSV file or as a list (the API). Every record is checked first, with
bulk queries whatever the number of records; any bad record refuses the whole import, each bad one named by its line
(or index) and field. Otherwise one ``CompletionImport`` is kept with the new completions; a completion recorded
before (the same person, course and day) is counted, not recorded twice.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.audit import actor_from
from core.errors import DomainError, require
from learning.models import Completion, CompletionImport, CompletionSource, Course, Session
from organisation.models import PersonKind, User
from organisation.services import units_csv_decode


def completion_record(
    *,
    person: User,
    course: Course,
    on: date,
    source: str,
    session: Session | None = None,
    imported: CompletionImport | None = None,
) -> tuple[Completion, bool]:
    """Record that ``person`` completed ``course`` on ``on``; the same person, course and day is recorded once.

    Returns the completion and whether it is new. The person's unit at the time is kept with it, for the indicators.
    """
    if source not in CompletionSource.values:
        raise ValueError(f"unknown source {source!r}")
    with transaction.atomic():
        completion, created = Completion.objects.get_or_create(
            person=person,
            course=course,
            completed_on=on,
            defaults={"source": source, "session": session, "imported": imported, "unit_id": person.unit_id},
        )
    return completion, created


def attendance_completions_remove(*, session: Session, person_ids: Iterable[int]) -> int:
    """Remove the completions a session's attendance recorded for people since marked absent."""
    ids = list(person_ids)
    if not ids:
        return 0
    deleted, _rows = Completion.objects.filter(
        session=session, person_id__in=ids, source=CompletionSource.ATTENDANCE
    ).delete()
    return deleted


# --- the learning platform's import --------------------------------------------------------------

#: The fields of a record, by their English (API) names.
EMAIL, NUMBER, COURSE, DATE = "email", "employee_number", "course_code", "date"
FIELDS = (EMAIL, NUMBER, COURSE, DATE)
#: The CSV file's columns: the platform's Swedish names, or the English ones.
HEADERS = {
    "e-post": EMAIL,
    "epost": EMAIL,
    "email": EMAIL,
    "anställningsnummer": NUMBER,
    "employee_number": NUMBER,
    "kurskod": COURSE,
    "course_code": COURSE,
    "datum": DATE,
    "date": DATE,
}
DELIMITERS = (";", ",")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: How many values go into one ``IN (...)`` (below SQLite's limit on parameters).
CHUNK = 900
#: The file name kept for records sent through the API.
API_FILE_NAME = "api"
#: The longest value each field may hold: an email address (RFC 5321), the course's and the person's codes.
MAX_LENGTHS = {EMAIL: 254, NUMBER: 40, COURSE: 40, DATE: 40}


@dataclass(frozen=True)
class RecordError:
    """A bad record: ``position`` is the file's line, or the record's index in the API's list."""

    position: int
    field: str
    message: str


class CompletionImportError(DomainError):
    """Some records are bad; ``errors`` names each by its position and field. Nothing was imported."""

    def __init__(self, errors: list[RecordError]) -> None:
        message = ngettext(
            "%(count)d error in the file; nothing was imported.",
            "%(count)d errors in the file; nothing was imported.",
            len(errors),
        )
        super().__init__(message % {"count": len(errors)}, field="file")
        self.errors = errors


@dataclass(frozen=True)
class Record:
    position: int
    values: Mapping[str, str]


def read_csv(data: bytes) -> tuple[list[Record], dict[str, str]]:
    """The file's records by line, and the column each field was read from (``email`` → ``e-post``).

    A file without the columns needed raises ``CompletionImportError`` naming the first line.
    """
    text = units_csv_decode(data).lstrip("\ufeff")
    header = text.split("\n", 1)[0]
    delimiter = max(DELIMITERS, key=header.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        names = [name.strip().lower() for name in next(reader)]
    except StopIteration:
        names = []
    except csv.Error:
        raise CompletionImportError([_unreadable(max(reader.line_num, 1))]) from None
    columns: dict[int, str] = {}
    headers: dict[str, str] = {}
    for index, name in enumerate(names):
        key = HEADERS.get(name)
        if key is not None and key not in headers:
            columns[index] = key
            headers[key] = name
    missing = []
    if EMAIL not in headers and NUMBER not in headers:
        missing.append(_("e-post or anställningsnummer"))
    missing += [name for key, name in ((COURSE, "kurskod"), (DATE, "datum")) if key not in headers]
    if missing:
        message = _("The first line lacks the column(s): %(columns)s.") % {"columns": ", ".join(missing)}
        raise CompletionImportError([RecordError(1, "file", message)])
    records = []
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error:
            # A value longer than the csv module reads (131,072 characters), or a quote never closed: the file
            # cannot be read past this line.
            raise CompletionImportError([_unreadable(reader.line_num)]) from None
        values = {key: (row[index] if index < len(row) else "").strip() for index, key in columns.items()}
        if not any(values.values()):
            continue  # an empty row, as spreadsheets leave below the table
        records.append(Record(reader.line_num, values))
    return records, headers


def _unreadable(line: int) -> RecordError:
    return RecordError(
        line,
        "file",
        _(
            "Line %(line)d cannot be read: a value is far too long or a quotation mark is not closed. "
            "Correct the line and upload the file again."
        )
        % {"line": line},
    )


def _chunks(values: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def _people(records: list[Record]) -> tuple[dict[str, User], dict[str, User]]:
    """The city's staff named by the records, by lower-cased email and by employee number: a few queries in all."""
    emails = sorted({r.values.get(EMAIL, "").lower() for r in records} - {""})
    numbers = sorted({r.values.get(NUMBER, "") for r in records} - {""})
    staff = User.objects.filter(kind=PersonKind.EMPLOYEE).only("pk", "email", "employee_number", "unit_id")
    by_email: dict[str, User] = {}
    for chunk in _chunks(emails):
        for person in staff.annotate(email_lower=Lower("email")).filter(email_lower__in=chunk):
            by_email[person.email.lower()] = person
    by_number: dict[str, User] = {}
    for chunk in _chunks(numbers):
        for numbered in staff.filter(employee_number__in=chunk):
            by_number[numbered.employee_number or ""] = numbered
    return by_email, by_number


def _courses(records: list[Record]) -> dict[str, Course]:
    codes = sorted({r.values.get(COURSE, "").lower() for r in records} - {""})
    found: dict[str, Course] = {}
    for chunk in _chunks(codes):
        for course in Course.objects.annotate(code_lower=Lower("code")).filter(code_lower__in=chunk).only("pk", "code"):
            found[course.code.lower()] = course
    return found


@dataclass(frozen=True)
class Checked:
    person: User
    course: Course
    on: date


def check_records(records: list[Record], *, today: date | None = None) -> list[Checked]:
    """Every record checked; ``CompletionImportError`` names every bad one by position and field."""
    today = today or timezone.localdate()
    by_email, by_number = _people(records)
    courses = _courses(records)
    errors: list[RecordError] = []
    checked: list[Checked] = []
    for record in records:
        values = record.values
        bad = len(errors)
        too_long = [key for key in FIELDS if len(values.get(key, "")) > MAX_LENGTHS[key]]
        if too_long:
            errors += [
                RecordError(
                    record.position,
                    key,
                    _("The value is %(length)d characters long; it can be at most %(max)d.")
                    % {"length": len(values[key]), "max": MAX_LENGTHS[key]},
                )
                for key in too_long
            ]
            continue
        email, number = values.get(EMAIL, ""), values.get(NUMBER, "")
        person = None
        if email:
            person = by_email.get(email.lower())
            if person is None:
                errors.append(
                    RecordError(
                        record.position,
                        EMAIL,
                        _("No one in the city's staff has the email address %(value)s.") % {"value": email},
                    )
                )
        if number:
            numbered = by_number.get(number)
            if numbered is None:
                errors.append(
                    RecordError(
                        record.position,
                        NUMBER,
                        _("No one in the city's staff has the employee number %(value)s.") % {"value": number},
                    )
                )
            elif person is not None and numbered.pk != person.pk:
                errors.append(
                    RecordError(
                        record.position,
                        NUMBER,
                        _("The employee number %(value)s belongs to someone other than the email address.")
                        % {"value": number},
                    )
                )
            person = person or numbered
        if not email and not number:
            errors.append(RecordError(record.position, EMAIL, _("Give the person's email address or employee number.")))
        code = values.get(COURSE, "")
        course = courses.get(code.lower()) if code else None
        if not code:
            errors.append(RecordError(record.position, COURSE, _("Give the course code.")))
        elif course is None:
            errors.append(
                RecordError(record.position, COURSE, _("There is no course with the code %(value)s.") % {"value": code})
            )
        text = values.get(DATE, "")
        on = None
        if not text:
            errors.append(RecordError(record.position, DATE, _("Give the date the course was completed.")))
        else:
            try:
                on = date.fromisoformat(text) if _DATE.match(text) else None
            except ValueError:
                on = None
            if on is None:
                errors.append(
                    RecordError(
                        record.position,
                        DATE,
                        _("The date %(value)s is not a date written as YYYY-MM-DD, such as 2026-03-15.")
                        % {"value": text},
                    )
                )
            elif on > today:
                errors.append(
                    RecordError(
                        record.position, DATE, _("The date %(value)s is in the future.") % {"value": on.isoformat()}
                    )
                )
        if len(errors) == bad and person is not None and course is not None and on is not None:
            checked.append(Checked(person, course, on))
    if not records and not errors:
        errors.append(RecordError(2, "file", _("The file has no completions.")))
    if errors:
        raise CompletionImportError(errors)
    return checked


@actor_from("by")
@transaction.atomic
def completions_import(
    *,
    by: User,
    rows: Sequence[Mapping[str, Any]] | None = None,
    file: bytes | None = None,
    file_name: str = "",
    today: date | None = None,
) -> CompletionImport:
    """Import completions from the learning platform: ``file`` (a CSV file's bytes) or ``rows`` (records with
    ``email`` or ``employee_number``, ``course_code`` and ``date``, as the API takes them, positions counted from 0).

    All or nothing: any bad record raises ``CompletionImportError`` and nothing is written.
    """
    require("learning.import_completions", by, message=_("Only the executive office imports completions."))
    if file is not None:
        records, _headers = read_csv(file)
        name = file_name or "completions.csv"
    else:
        records = [
            Record(index, {key: str(row.get(key) or "").strip() for key in FIELDS})
            for index, row in enumerate(rows or [])
        ]
        name = file_name or API_FILE_NAME
        if not records:
            raise CompletionImportError([RecordError(0, "records", _("Send at least one record."))])
    checked = check_records(records, today=today)
    keys = {(c.person.pk, c.course.pk, c.on) for c in checked}
    existing: set[tuple[int, int, date]] = set()
    person_ids = sorted({key[0] for key in keys})
    course_ids = sorted({key[1] for key in keys})
    for chunk in _chunks(person_ids):
        existing.update(
            Completion.objects.filter(person_id__in=chunk, course_id__in=course_ids).values_list(
                "person_id", "course_id", "completed_on"
            )
        )
    new: dict[tuple[int, int, date], Completion] = {}
    for item in checked:
        key = (item.person.pk, item.course.pk, item.on)
        if key in existing or key in new:
            continue
        new[key] = Completion(
            person=item.person,
            course=item.course,
            completed_on=item.on,
            source=CompletionSource.IMPORT,
            unit_id=item.person.unit_id,
        )
    imported = CompletionImport.objects.create(
        imported_by=by, file_name=name[:200], rows=len(checked), already_recorded=len(checked) - len(new)
    )
    for completion in new.values():
        completion.imported = imported
    Completion.objects.bulk_create(new.values(), batch_size=500)
    return imported
