"""A call's history is written at the moment a service is given: each step one statement, never put back in time."""

from __future__ import annotations

from datetime import timedelta

from calls import services
from calls.models import Application, Assignment
from tests.audit_log import CREATE, UPDATE, entries
from tests.calls.conftest import DURING

LATER = DURING + timedelta(days=40)


def test_an_application_started_and_submitted_at_given_moments_is_dated_to_them_with_one_entry_each(fund_application):
    application = Application.objects.get(pk=fund_application.pk)
    assert application.created_at == DURING
    # Submitted at DURING: the submission's own save dates the change, no UPDATE afterwards moves it.
    assert application.updated_at == DURING
    assert [e.action for e in entries(Application, application.pk, action=CREATE)] == [CREATE]
    submissions = [e for e in entries(Application, application.pk, action=UPDATE) if "submitted_at" in e.changes_dict]
    assert len(submissions) == 1
    assert all(set(e.changes_dict) != {"updated_at"} for e in entries(Application, application.pk, action=UPDATE))


def test_screening_an_assignment_and_a_score_at_given_moments(people, jurors, fund_application):
    services.application_screen(application=fund_application, by=people["director"], eligible=True, now=LATER)
    assignment = services.assignment_add(
        application=fund_application, juror=jurors["expert"], by=people["director"], now=LATER
    )
    application = Application.objects.get(pk=fund_application.pk)
    assert application.updated_at == application.screened_at == LATER
    assignment = Assignment.objects.get(pk=assignment.pk)
    assert (assignment.created_at, assignment.updated_at) == (LATER, LATER)
    assert [e.action for e in entries(Assignment, assignment.pk)] == [CREATE]
    assert all(set(e.changes_dict) != {"updated_at"} for e in entries(Application, application.pk, action=UPDATE))
