"""Writes of a person's learning record: completions (from a session's attendance, a passed check or the learning
platform) and the import of the platform's completions."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from learning.models import Completion, CompletionImport, CompletionSource, Course, Session
from organisation.models import User


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
