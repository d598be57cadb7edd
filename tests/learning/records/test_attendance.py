"""A course session's attendance becomes completions, through spread's service and through its attendance page."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from learning.models import Completion, CompletionSource
from spread.events import services as events
from spread.models import Event
from tests.learning.conftest import make_course

pytestmark = pytest.mark.django_db


def started_at(event, at: datetime) -> None:
    Event.objects.filter(pk=event.pk).update(starts_at=at, ends_at=at + timedelta(hours=3))
    event.refresh_from_db()


def test_those_marked_present_complete_the_course_on_the_sessions_day_in_stockholm(people, session):
    present = events.registration_create(event=session.event, by=people["employee"])
    absent = events.registration_create(event=session.event, by=people["colleague"])
    # 23:30 UTC on 9 March is 00:30 on 10 March in Stockholm.
    started_at(session.event, datetime(2026, 3, 9, 23, 30, tzinfo=ZoneInfo("UTC")))
    events.attendance_mark(event=session.event, by=people["office"], attended=[present.pk])
    done = Completion.objects.get()
    assert (done.person, done.course, done.completed_on, done.source, done.session) == (
        people["employee"],
        session.course,
        datetime(2026, 3, 10).date(),
        CompletionSource.ATTENDANCE,
        session,
    )
    assert absent.person is not None and not Completion.objects.filter(person=absent.person).exists()
    session.refresh_from_db()
    assert session.completions_recorded_at is not None


def test_someone_later_marked_absent_loses_the_completion_and_marking_again_adds_the_newly_present(people, session):
    first = events.registration_create(event=session.event, by=people["employee"])
    second = events.registration_create(event=session.event, by=people["colleague"])
    started_at(session.event, datetime(2026, 3, 9, 9, 0, tzinfo=ZoneInfo("Europe/Stockholm")))
    events.attendance_mark(event=session.event, by=people["office"], attended=[first.pk])
    events.attendance_mark(event=session.event, by=people["office"], attended=[second.pk])
    assert list(Completion.objects.values_list("person", flat=True)) == [people["colleague"].pk]


def test_an_imported_completion_the_same_day_is_not_removed_when_marked_absent(people, session):
    from learning.records.services import completion_record

    registration = events.registration_create(event=session.event, by=people["employee"])
    started_at(session.event, datetime(2026, 3, 9, 9, 0, tzinfo=ZoneInfo("Europe/Stockholm")))
    completion_record(
        person=people["employee"], course=session.course, on=datetime(2026, 3, 9).date(), source=CompletionSource.IMPORT
    )
    events.attendance_mark(event=session.event, by=people["office"], attended=[])
    assert Completion.objects.filter(person=people["employee"]).count() == 1
    assert registration.pk


def test_someone_registered_without_an_account_gets_nothing_recorded(people, tree):
    course = make_course(by=people["director"], unit=tree["SLK"], code="seminarium", kind="seminar", is_public=True)
    from tests.learning.conftest import make_session

    session = make_session(course, by=people["office"])
    Event.objects.filter(pk=session.event.pk).update(is_public=True)
    session.event.refresh_from_db()
    guest = events.registration_create(event=session.event, by=None, name="Gäst Gästsson", email="gast@example.se")
    started_at(session.event, datetime(2026, 3, 9, 9, 0, tzinfo=ZoneInfo("Europe/Stockholm")))
    events.attendance_mark(event=session.event, by=people["office"], attended=[guest.pk])
    assert not Completion.objects.exists()


def test_an_event_that_is_not_a_course_session_records_nothing(people):
    from tests.spread.events.conftest import make_event, started

    event = make_event(by=people["office"])
    registration = events.registration_create(event=event, by=people["employee"])
    started(event)
    events.attendance_mark(event=event, by=people["office"], attended=[registration.pk])
    assert not Completion.objects.exists()


def _attendance_form(django_app, session, office):
    page = django_app.get(reverse("spread:event_attendance", args=[session.event.pk]), user=office)
    return next(form for form in page.forms.values() if "attended" in form.fields)


def test_the_attendance_page_records_the_completions_and_unticking_removes_them(django_app, people, session):
    events.registration_create(event=session.event, by=people["employee"])
    events.registration_create(event=session.event, by=people["colleague"])
    started_at(session.event, datetime(2026, 3, 9, 9, 0, tzinfo=ZoneInfo("Europe/Stockholm")))
    form = _attendance_form(django_app, session, people["office"])
    for box in form.fields["attended"]:
        box.checked = True
    form.submit(user=people["office"])
    assert Completion.objects.count() == 2
    form = _attendance_form(django_app, session, people["office"])
    form.fields["attended"][0].checked = False
    form.submit(user=people["office"])
    assert list(Completion.objects.values_list("person", flat=True)) == [people["colleague"].pk]
