"""A course session's attendance becomes completions: when the innovation office marks attendance at a session's
event, each person marked present (with an account) has completed the course on the session's day; someone marked
absent afterwards loses the completion that attendance recorded."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.dispatch import receiver
from django.utils import timezone

from learning.models import CompletionSource, Session
from learning.records.services import attendance_completions_remove, completion_record
from organisation.models import User
from spread.events.services import attendance_marked

STOCKHOLM = ZoneInfo("Europe/Stockholm")


@receiver(attendance_marked, dispatch_uid="learning_records_attendance")
def record_attendance(sender, *, event, registrations, now=None, **kwargs) -> None:
    session = Session.objects.filter(event=event).select_related("course").first()
    if session is None:
        return
    on = timezone.localtime(event.starts_at, STOCKHOLM).date()
    with_account = [r for r in registrations if r.person_id is not None]
    people = User.objects.in_bulk({r.person_id for r in with_account if r.attended})
    for registration in with_account:
        if registration.attended and registration.person_id in people:
            completion_record(
                person=people[registration.person_id],
                course=session.course,
                on=on,
                source=CompletionSource.ATTENDANCE,
                session=session,
            )
    attendance_completions_remove(session=session, person_ids=[r.person_id for r in with_account if not r.attended])
    if session.completions_recorded_at is None:
        Session.objects.filter(pk=session.pk).update(completions_recorded_at=now or timezone.now())
