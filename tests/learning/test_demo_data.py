# ruff: noqa: F811 - the tests take the imported fixture built_once by name
"""The demo city's learning: what each demo login finds when they open it."""

from __future__ import annotations

import pytest

from learning.models import Completion, CompletionSource, Course, CourseKind, DevelopmentTalk, PolicyDocument
from organisation.models import Role, User
from sample_data.demo import DEMO_DOMAIN
from tests.demo_city import NOW, built_once  # noqa: F401 - the demo city built once, as this module's fixture


@pytest.mark.django_db
def test_most_staff_took_the_public_introductory_module_but_not_the_demo_employee(built_once):
    intro = Course.objects.get(is_introduction=True)
    assert intro.is_public and intro.state == "published" and intro.questions.count() == 4
    staff = User.objects.filter(kind="employee").count()
    took = intro.completions.filter(source=CompletionSource.CHECK).values("person").distinct().count()
    assert staff * 0.5 < took < staff
    assert not intro.completions.filter(person__email=f"medarbetare@{DEMO_DOMAIN}").exists()


@pytest.mark.django_db
def test_farstas_workshop_has_sessions_behind_with_attendance_and_next_month_with_places_taken(built_once):
    workshop = Course.objects.get(kind=CourseKind.WORKSHOP)
    sessions = list(workshop.sessions.select_related("event").order_by("event__starts_at"))
    behind = [s for s in sessions if s.event.starts_at < NOW]
    ahead = [s for s in sessions if s.event.starts_at > NOW]
    assert len(behind) == 2 and len(ahead) == 2
    assert all(Completion.objects.filter(session=s, source=CompletionSource.ATTENDANCE).exists() for s in behind)
    assert all(s.event.registrations.filter(status="registered").exists() for s in ahead)
    assert all(25 <= (s.event.starts_at - NOW).days <= 50 for s in ahead)


@pytest.mark.django_db
def test_this_years_managers_took_the_leadership_module(built_once):
    leadership = Course.objects.get(kind=CourseKind.LEADERSHIP)
    managers = User.objects.filter(role_assignments__role=Role.MANAGER).distinct().count()
    took = leadership.completions.filter(completed_on__year=NOW.year).values("person").distinct().count()
    assert managers * 0.7 < took <= managers


@pytest.mark.django_db
def test_farstas_talks_are_recorded_and_the_demo_employees_covered_innovation(built_once):
    talks = DevelopmentTalk.objects.select_related("manager__unit")
    assert {t.year for t in talks} == {NOW.year - 1, NOW.year}
    assert all("Farsta" in t.manager.unit.name for t in talks)
    own = talks.get(employee__email=f"medarbetare@{DEMO_DOMAIN}", year=NOW.year)
    assert own.innovation_discussed and own.ideas_count == 1
    assert 0.3 < talks.filter(innovation_discussed=True).count() / talks.count() < 0.9


@pytest.mark.django_db
def test_the_policy_register_has_documents_in_every_state_of_the_review(built_once):
    assert set(PolicyDocument.objects.values_list("status", flat=True)) == {
        "not_reviewed",
        "under_review",
        "no_change",
        "change_decided",
        "changed",
    }


@pytest.mark.django_db
def test_the_dashboard_has_the_citys_learning_figures_for_the_periods_that_have_ended(built_once):
    from governance.models import IndicatorValue

    ended = (NOW.year - 1, "VB"), (NOW.year, "T1"), (NOW.year, "T2")
    found = {
        computation
        for year, period in ended
        for computation in IndicatorValue.objects.filter(
            unit__depth=1, value__isnull=False, year=year, period=period
        ).values_list("indicator__computation", flat=True)
    }
    # (The talks' share is a year's: with one year of reports, the demo here has no year's end behind it.)
    assert {"intro_module_share", "leadership_module_share"} <= found
    learning = ("intro_module_share", "leadership_module_share", "talks_innovation_share")
    shares = IndicatorValue.objects.filter(indicator__computation__in=learning, value__isnull=False)
    assert shares.exists()
    assert not shares.filter(value__in=(0, 100)).exists()  # a share of everyone or no one would tell on each
