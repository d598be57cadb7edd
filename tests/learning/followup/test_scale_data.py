"""The city-scale learning data, generated at a tiny size: as the services would have left it, and deterministic."""

from __future__ import annotations

import hashlib
import io
from collections import Counter

import pytest
from django.core.management import call_command
from django.db.models import F

from learning.models import (
    Audience,
    Completion,
    CompletionSource,
    Course,
    CourseKind,
    CourseState,
    DevelopmentTalk,
    PolicyDocument,
    Session,
)
from organisation.models import PersonKind, Role, User
from sample_data import scale
from sample_data.scale import learning as learning_scale
from spread.models import EventKind, Registration

FACTOR = 0.002


def generate(*extra: str) -> str:
    out = io.StringIO()
    call_command(
        "generate_scale_data",
        *("--scale", "small", "--factor", str(FACTOR), "--governance-years", "1", "--seed", "7"),
        *extra,
        stdout=out,
    )
    return out.getvalue()


def digest() -> str:
    h = hashlib.sha256()
    for query in (
        Course.objects.order_by("code").values_list("code", "kind", "title", "state", "is_public", "unit__code"),
        Session.objects.order_by("event__starts_at", "course__code").values_list("course__code", "event__starts_at"),
        Completion.objects.order_by("person__email", "course__code", "completed_on").values_list(
            "person__email", "course__code", "completed_on", "source"
        ),
        DevelopmentTalk.objects.order_by("employee__email", "year").values_list(
            "employee__email", "year", "held_on", "innovation_discussed", "unit__code"
        ),
    ):
        for row in query:
            h.update(repr(row).encode())
    return h.hexdigest()


@pytest.fixture(scope="module")
def generated_once(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        yield generate()
        call_command("flush", "--no-input", verbosity=0)


@pytest.fixture
def generated(generated_once, db):
    return generated_once


def test_the_catalogue_and_its_sessions(generated):
    assert "development talks" in generated
    courses = Course.objects.all()
    assert courses.count() == learning_scale.COURSES
    intro = courses.get(is_introduction=True)
    assert (intro.kind, intro.state, intro.is_public) == (CourseKind.MODULE, CourseState.PUBLISHED, True)
    leadership = courses.filter(kind=CourseKind.LEADERSHIP)
    assert leadership.count() == learning_scale.LEADERSHIP_MODULES
    assert not leadership.exclude(audience=Audience.MANAGERS).exists()
    kinds = Counter(courses.values_list("kind", flat=True))
    assert kinds[CourseKind.MODULE] > kinds[CourseKind.WORKSHOP] > 0 and kinds[CourseKind.SEMINAR] > 0
    public = courses.filter(is_public=True).count()
    assert 0.04 * learning_scale.COURSES <= public <= 0.2 * learning_scale.COURSES
    assert not courses.filter(is_public=True).exclude(state=CourseState.PUBLISHED).exists()
    assert not courses.filter(state=CourseState.DRAFT, published_at__isnull=False).exists()

    sessions = Session.objects.select_related("event", "course")
    assert sessions.count() >= 20
    for session in sessions:
        assert session.event.kind == EventKind.COURSE and session.course.has_sessions
        assert session.course.state != CourseState.DRAFT
        assert (session.completions_recorded_at is None) == (session.event.starts_at >= scale.REFERENCE)
    upcoming = sessions.filter(event__starts_at__gte=scale.REFERENCE)
    assert upcoming.exists()
    registered = Registration.objects.filter(event__learning_session__in=upcoming)
    assert registered.exists()
    assert (
        not Registration.objects.exclude(event__learning_session__in=upcoming)
        .filter(event__kind=EventKind.COURSE)
        .exists()
    )
    assert PolicyDocument.objects.count() == len(learning_scale.POLICIES)


def test_completions_are_as_the_services_would_have_left_them(generated):
    completions = Completion.objects.all()
    assert completions.count() >= 200
    assert not completions.exclude(person__kind=PersonKind.EMPLOYEE).exists()
    assert not completions.exclude(unit=F("person__unit")).exists()
    assert not completions.filter(completed_on__gte=scale.REFERENCE.date()).exists()
    by_course = Counter(completions.values_list("course__is_introduction", flat=True))
    most = Counter(completions.values_list("course_id", flat=True)).most_common(1)[0][0]
    assert Course.objects.get(pk=most).is_introduction and by_course[True] > 0
    attended = completions.filter(source=CompletionSource.ATTENDANCE)
    assert attended.exists() and not attended.filter(session=None).exists()
    assert not completions.filter(source=CompletionSource.IMPORT, imported=None).exists()
    managers = set(User.objects.filter(role_assignments__role=Role.MANAGER).values_list("pk", flat=True))
    for_managers = completions.filter(course__audience=Audience.MANAGERS).values_list("person_id", flat=True)
    assert set(for_managers) <= managers


def test_every_employee_has_a_talk_a_year_and_innovation_is_discussed_more_and_more(generated):
    talks = DevelopmentTalk.objects.all()
    employees = User.objects.filter(kind=PersonKind.EMPLOYEE).exclude(unit=None).count()
    years = sorted(set(talks.values_list("year", flat=True)))
    assert len(years) == scale.YEARS
    talked = [set(talks.filter(year=year).values_list("employee_id", flat=True)) for year in years[:-1]]
    assert all(people == talked[0] for people in talked) and len(talked[0]) >= 0.95 * employees
    assert not talks.exclude(unit=F("employee__unit")).exists()
    assert not talks.filter(manager=F("employee")).exists()
    first = talks.filter(year=years[0])
    last = talks.filter(year=years[-2])
    assert first.filter(innovation_discussed=True).count() / first.count() < 0.45
    assert last.filter(innovation_discussed=True).count() / last.count() > 0.55


def test_the_same_seed_gives_the_same_data(generated):
    first = digest()
    generate("--reset")
    assert digest() == first
