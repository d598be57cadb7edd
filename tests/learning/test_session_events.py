"""A course's sessions are events of their own kind: the course decides who sees them and may register, they are not
listed among the events, and the events' own form does not offer the kind."""

from __future__ import annotations

import pytest
from django.urls import reverse

from core.errors import DomainError
from spread.events import services as events
from spread.events.forms import EventForm
from spread.events.rules import events_visible_to
from spread.models import EventKind
from tests.learning.conftest import make_session


def test_a_managers_only_course_session_is_seen_and_registered_for_by_managers_only(leadership, people):
    session = make_session(leadership, by=people["director"])
    assert people["manager"].has_perm("spread.view_event", session.event)
    assert not people["employee"].has_perm("spread.view_event", session.event)
    with pytest.raises(DomainError):
        events.registration_create(event=session.event, by=people["employee"])
    assert events.registration_create(event=session.event, by=people["manager"]).status == "registered"


def test_a_draft_courses_session_is_seen_only_by_those_who_keep_the_course(workshop, people):
    session = make_session(workshop, by=people["office"])
    workshop.state = "draft"
    workshop.save()
    session.event.refresh_from_db()
    assert people["office"].has_perm("spread.view_event", session.event)
    assert not people["employee"].has_perm("spread.view_event", session.event)


def test_course_sessions_are_not_listed_among_the_events(client, session, people):
    assert not events_visible_to(people["director"]).filter(pk=session.event.pk).exists()
    client.force_login(people["employee"])
    page = client.get(reverse("spread:events"))
    assert page.status_code == 200
    assert session.event.title not in page.content.decode()


def test_the_events_form_does_not_offer_the_course_kind():
    assert EventKind.COURSE not in dict(EventForm.base_fields["kind"].choices)
