"""The calls keep their history: who screened and when, when jurors were given an application, declared a
conflict and submitted their scores (with their weighted total), and the demo city tells that history in order."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings

from calls import services
from calls.models import Application, Assignment, Conflict, Status
from sample_data.demo import DemoBuilder
from tests.calls.conftest import CLOSES

STHLM = ZoneInfo("Europe/Stockholm")
SCREENED = datetime(2026, 5, 4, 10, 15, tzinfo=STHLM)  # the call closed on 30 April
DECLARED = datetime(2026, 5, 4, 14, 40, tzinfo=STHLM)
ASSIGNED = datetime(2026, 5, 5, 9, 5, tzinfo=STHLM)

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(client):
    """The pages in English, so the assertions read the texts as written in the code."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def screened(people, fund_application):
    """The fund application, screened eligible by the director a few days after the deadline."""
    services.application_screen(application=fund_application, by=people["director"], eligible=True, now=SCREENED)
    return fund_application


def scores_of(application, values: dict[str, int]) -> dict[int, tuple[int, str]]:
    """Scores by criterion name, each with its comment."""
    return {c.pk: (values[c.name], f"Motivering {values[c.name]}") for c in application.call.criteria.all()}


# --- the screening ---


def test_the_screening_records_who_screened_and_when(people, screened):
    assert CLOSES < SCREENED
    assert (screened.screened_by, screened.screened_at) == (people["director"], SCREENED)
    stored = Application.objects.get(pk=screened.pk)
    assert stored.status == Status.IN_REVIEW
    assert (stored.screened_by_id, stored.screened_at) == (people["director"].pk, SCREENED)
    assert stored.submitted_at < stored.screened_at


def test_screening_again_records_the_new_screening(people, screened):
    later = SCREENED + timedelta(days=1)
    services.application_screen(
        application=screened, by=people["director"], eligible=False, note="Idén är inte i slussen.", now=later
    )
    stored = Application.objects.get(pk=screened.pk)
    assert (stored.status, stored.screened_at) == (Status.INELIGIBLE, later)


def test_the_office_page_shows_who_screened_and_when(client, people, screened):
    client.force_login(people["director"])
    response = client.get(f"/calls/applications/{screened.pk}/manage/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Screened by Diana Direktör" in html
    assert f'<time datetime="{SCREENED.isoformat()}">' in html


def test_the_office_page_shows_no_screening_before_there_is_one(client, people, fund_application):
    client.force_login(people["director"])
    html = client.get(f"/calls/applications/{fund_application.pk}/manage/").content.decode()
    assert "Screened by" not in html


# --- the jury ---


def test_an_assignment_keeps_the_moment_it_was_made(people, jurors, screened):
    assignment = services.assignment_add(
        application=screened, juror=jurors["expert"], by=people["director"], now=ASSIGNED
    )
    assert assignment.created_at == ASSIGNED
    assert Assignment.objects.get(pk=assignment.pk).created_at == ASSIGNED
    # Given again, it stays as it was.
    again = services.assignment_add(application=screened, juror=jurors["expert"], by=people["director"])
    assert (again.pk, Assignment.objects.get(pk=again.pk).created_at) == (assignment.pk, ASSIGNED)


def test_a_conflict_keeps_the_moment_it_was_declared(jurors, screened):
    conflict = services.conflict_declare(
        application=screened, juror=jurors["expert"], reason="Min svåger leder projektet.", now=DECLARED
    )
    assert Conflict.objects.get(pk=conflict.pk).created_at == DECLARED


def test_the_office_page_shows_when_jurors_were_assigned_submitted_and_declared(client, people, jurors, screened):
    services.conflict_declare(
        application=screened, juror=jurors["expert"], reason="Min svåger leder projektet.", now=DECLARED
    )
    services.assignment_add(application=screened, juror=jurors["chair"], by=people["director"], now=ASSIGNED)
    submitted = ASSIGNED + timedelta(days=5)
    services.scores_save(
        application=screened,
        juror=jurors["chair"],
        expected_version=1,
        scores=scores_of(screened, {"Nytta för stockholmarna": 4, "Genomförbarhet": 3}),
        submit=True,
        now=submitted,
    )
    client.force_login(people["director"])
    html = client.get(f"/calls/applications/{screened.pk}/manage/").content.decode()
    for moment in (DECLARED, ASSIGNED, submitted):
        assert f'datetime="{moment.isoformat()}">' in html


def test_submitted_scores_keep_the_jurors_weighted_total(people, jurors, screened):
    services.assignment_add(application=screened, juror=jurors["expert"], by=people["director"], now=ASSIGNED)
    scored = ASSIGNED + timedelta(days=3)
    # Weights 2 and 1: (2 × 5 + 1 × 2) / 3 = 4.
    assignment = services.scores_save(
        application=screened,
        juror=jurors["expert"],
        expected_version=1,
        scores=scores_of(screened, {"Nytta för stockholmarna": 5, "Genomförbarhet": 2}),
        submit=True,
        now=scored,
    )
    assert (assignment.total, assignment.submitted_at) == (Decimal("4.00"), scored)
    assert Assignment.objects.get(pk=assignment.pk).total == Decimal("4.00")


def test_saved_but_not_submitted_scores_have_no_total(people, jurors, screened):
    services.assignment_add(application=screened, juror=jurors["expert"], by=people["director"], now=ASSIGNED)
    assignment = services.scores_save(
        application=screened,
        juror=jurors["expert"],
        expected_version=1,
        scores=scores_of(screened, {"Nytta för stockholmarna": 5, "Genomförbarhet": 2}),
        now=ASSIGNED + timedelta(days=1),
    )
    assert (assignment.total, assignment.submitted_at) == (None, None)
    assert assignment.scores.count() == 2


# --- the demo city ---


DEMO_NOW = datetime(2026, 11, 27, 10, tzinfo=STHLM)


def test_the_demo_tells_each_applications_history_in_order():
    """Begun and saved, submitted, screened, given to the jurors or declared a conflict of, scored, decided: in
    that order, and all before the demo's day."""
    DemoBuilder(ideas=40, governance_years=1, now=DEMO_NOW).build()
    applications = Application.objects.select_related("call", "decision").prefetch_related(
        "assignments__scores", "conflicts"
    )
    seen = {"screened": 0, "given": 0, "conflicts": 0, "scored": 0, "decided": 0}
    for application in applications:
        label = f"{application.call.programme}: {application}"
        if application.call.is_jury_only:
            continue  # a challenge's answer, put before the jury after the challenge closed: never screened
        if application.status == Status.DRAFT:
            assert application.created_at <= application.updated_at < DEMO_NOW, label
            continue
        assert application.created_at < application.submitted_at < DEMO_NOW, label
        assert (application.screened_by_id is None) == (application.screened_at is None), label
        if application.screened_at is None:
            assert not application.assignments.all() and not application.conflicts.all(), label
            continue
        seen["screened"] += 1
        assert application.submitted_at < application.screened_at < DEMO_NOW, label
        given = [a.created_at for a in application.assignments.all()]
        given += [c.created_at for c in application.conflicts.all()]
        seen["given"] += len(application.assignments.all())
        seen["conflicts"] += len(application.conflicts.all())
        assert all(application.screened_at < moment < DEMO_NOW for moment in given), label
        scored = [a.updated_at for a in application.assignments.all() if a.scores.all()]
        seen["scored"] += len(scored)
        assert all(max(given) < moment < DEMO_NOW for moment in scored), label
        assert all(
            a.submitted_at == a.updated_at for a in application.assignments.all() if a.submitted_at is not None
        ), label
        decision = getattr(application, "decision", None)
        if decision is not None:
            seen["decided"] += 1
            assert max([*given, *scored]) < decision.decided_at < DEMO_NOW, label
    assert all(seen.values()), seen
