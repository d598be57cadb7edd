"""What every part of the learning app's tests builds on: a catalogue (the introductory module with its check, a
workshop with a session next week, the leadership programme's module), and a manager with staff."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from learning.models import Audience, CheckQuestion, Course, CourseKind, CourseState, Session
from organisation.models import Role
from spread.events import services as events
from spread.models import EventKind
from tests import factories


def make_course(*, by, unit, code: str, kind: str = CourseKind.MODULE, **fields) -> Course:
    defaults = {
        "title": f"Kurs {code}",
        "summary": "Vad innovation är och hur en idé blir verklighet i staden.",
        "length_minutes": 30,
        "state": CourseState.PUBLISHED,
        "published_at": timezone.now(),
    }
    defaults.update(fields)
    return Course.objects.create(code=code, kind=kind, unit=unit, created_by=by, **defaults)


def make_session(course: Course, *, by, days_ahead: int = 7, capacity: int = 2, hours: int = 3) -> Session:
    """A session at 10:00 Stockholm time ``days_ahead`` days from today: on one day, as the session form asks, whatever
    the hour the tests run at."""
    day = timezone.localdate() + timedelta(days=days_ahead)
    starts = datetime.combine(day, time(10), tzinfo=ZoneInfo("Europe/Stockholm"))
    event = events.event_create(
        by=by,
        kind=EventKind.COURSE,
        title=course.title,
        description=course.summary,
        starts_at=starts,
        ends_at=starts + timedelta(hours=hours),
        capacity=capacity,
        place="Stadshuset, Blå hallen",
    )
    return Session.objects.create(course=course, event=event)


@pytest.fixture
def intro(people, tree):
    """The introductory module, kept in Språng, with a check of three questions of which two must be right."""
    course = make_course(
        by=people["director"],
        unit=tree["SLK"],
        code="inno-intro",
        title="Introduktion till innovation",
        body="Innovation är nya sätt att göra saker som skapar värde.\n\nI staden går en idé genom innovationsslussen.",
        video_url="https://video.stockholm.se/intro",
        is_introduction=True,
        is_public=True,
        pass_mark=2,
    )
    for position, (text, choices, correct) in enumerate(
        [
            ("Vad är en innovation?", ["En ny idé som skapar värde när den används", "En ny dator"], 0),
            ("Vem kan lämna en idé?", ["Bara chefer", "Alla medarbetare och invånare"], 1),
            ("Vad är innovationsslussen?", ["Stegen från idé till spridning", "Ett kontor"], 0),
        ],
        start=1,
    ):
        CheckQuestion.objects.create(course=course, position=position, text=text, choices=choices, correct=correct)
    return course


@pytest.fixture
def workshop(people, tree):
    return make_course(
        by=people["office"],
        unit=tree["SDF-N"],
        code="tjanstedesign",
        kind=CourseKind.WORKSHOP,
        title="Tjänstedesign i praktiken",
        length_minutes=180,
    )


@pytest.fixture
def session(workshop, people):
    """A session of the workshop next week, with two places."""
    return make_session(workshop, by=people["office"])


@pytest.fixture
def leadership(people, tree):
    return make_course(
        by=people["director"],
        unit=tree["SLK"],
        code="ledarskap-innovation",
        kind=CourseKind.LEADERSHIP,
        audience=Audience.MANAGERS,
        title="Att leda innovation",
        length_minutes=240,
    )


@pytest.fixture
def staff(tree, people):
    """Beside ``people`` (whose manager, Maria Chef, manages Norra stadsdelsförvaltningen): six more employees at
    Björkens äldreboende (in Norra) and a manager with four employees at Skola Södra."""
    return {
        "north": [factories.person(unit=tree["SDF-N-ALD-1"]) for _ in range(6)],
        "south_manager": factories.person(unit=tree["SDF-S"], role=Role.MANAGER, name="Sven Södra"),
        "south": [factories.person(unit=tree["SDF-S-SKO"]) for _ in range(4)],
    }
