"""An assignment changed and cancelled: who may, the version that refuses a concurrent change, the refusals that
name the field, the audit trail, and what a cancellation does to the projects and who is told."""

from __future__ import annotations

import datetime

import pytest
from auditlog.models import LogEntry

from challenges.models import Assignment, AssignmentStatus, ProjectStatus
from challenges.openlab import services
from core.errors import ConflictError, DomainError, PermissionDeniedError
from core.models import Notification
from tests.challenges.openlab.conftest import pdf, propose

pytestmark = pytest.mark.django_db


def _edit(assignment, by, version=None, **changes):
    data = {
        "title": assignment.title,
        "brief": assignment.brief,
        "contact": assignment.contact,
        "university_contact": assignment.university_contact,
        "agreement_starts_on": assignment.agreement_starts_on,
        "agreement_ends_on": assignment.agreement_ends_on,
        "agreement_reference": assignment.agreement_reference,
    }
    data.update(changes)
    return services.assignment_update(
        by=by, assignment=assignment, expected_version=version or assignment.version, **data
    )


def test_the_citys_contact_moves_the_agreements_dates_and_the_audit_trail_says_who(people, lab):
    assignment = lab["assignment"]
    _edit(
        assignment,
        people["employee"],
        agreement_starts_on=datetime.date(2027, 2, 1),
        agreement_ends_on=datetime.date(2027, 8, 31),
        agreement_reference="SLK 2026/456",
    )
    saved = Assignment.objects.get(pk=assignment.pk)
    assert (saved.agreement_starts_on, saved.agreement_ends_on) == (
        datetime.date(2027, 2, 1),
        datetime.date(2027, 8, 31),
    )
    assert saved.agreement_reference == "SLK 2026/456"
    assert saved.version == 2
    entry = LogEntry.objects.get_for_object(saved).filter(action=LogEntry.Action.UPDATE).latest("pk")
    assert entry.actor == people["employee"]
    assert "agreement_ends_on" in entry.changes_dict and "agreement_reference" in entry.changes_dict


def test_the_office_that_decides_the_need_changes_it_and_a_new_contact_is_told(people, lab):
    assignment = lab["assignment"]
    _edit(assignment, people["office"], title="Bygglov på fyra veckor", contact=people["colleague"])
    assert Assignment.objects.get(pk=assignment.pk).title == "Bygglov på fyra veckor"
    assert Notification.objects.filter(recipient=people["colleague"], url=assignment.get_absolute_url()).exists()


def test_others_may_not_change_it(people, lab):
    for who in (people["colleague"], people["other_office"], lab["teacher"]):
        with pytest.raises(PermissionDeniedError):
            _edit(lab["assignment"], who, title="Något annat")


def test_a_change_from_an_old_version_is_refused_and_nothing_is_overwritten(people, lab):
    assignment = lab["assignment"]
    _edit(Assignment.objects.get(pk=assignment.pk), people["office"], title="Först")
    with pytest.raises(ConflictError):
        _edit(assignment, people["employee"], version=1, title="Sedan")
    assert Assignment.objects.get(pk=assignment.pk).title == "Först"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        (
            {"agreement_starts_on": datetime.date(2027, 6, 1), "agreement_ends_on": datetime.date(2027, 5, 1)},
            "agreement_ends_on",
        ),
        ({"title": "  "}, "title"),
        ({"brief": ""}, "brief"),
        ({"agreement_reference": "x" * 101}, "agreement_reference"),
    ],
)
def test_bad_input_is_refused_at_its_field(people, lab, changes, field):
    with pytest.raises(DomainError) as caught:
        _edit(lab["assignment"], people["employee"], **changes)
    assert caught.value.field == field
    assert Assignment.objects.get(pk=lab["assignment"].pk).version == 1


def test_the_contacts_must_be_city_staff_and_of_the_university(people, lab):
    with pytest.raises(DomainError) as caught:
        _edit(lab["assignment"], people["employee"], contact=people["resident"])
    assert caught.value.field == "contact"
    with pytest.raises(DomainError) as caught:
        _edit(lab["assignment"], people["employee"], university_contact=lab["other_teacher"])
    assert caught.value.field == "university_contact"


def test_a_completed_or_cancelled_assignment_is_not_changed(people, lab):
    assignment = lab["assignment"]
    project = propose(assignment, lab["teacher"])
    services.project_decide(by=people["employee"], project=project, expected_version=1, accept=True)
    services.deliverable_add(
        by=lab["teacher"], project=project, title="Slutrapport", upload=pdf(), is_final_report=True
    )
    services.project_complete(by=lab["teacher"], project=project, expected_version=2)
    completed = Assignment.objects.get(pk=assignment.pk)
    assert completed.status == AssignmentStatus.COMPLETED
    with pytest.raises(PermissionDeniedError):
        _edit(completed, people["employee"], title="För sent")
    with pytest.raises(PermissionDeniedError):
        services.assignment_cancel(by=people["employee"], assignment=completed, expected_version=1, reason="Slut")


def test_cancelling_asks_why(people, lab):
    with pytest.raises(DomainError) as caught:
        services.assignment_cancel(by=people["employee"], assignment=lab["assignment"], expected_version=1, reason=" ")
    assert caught.value.field == "reason"
    assert Assignment.objects.get(pk=lab["assignment"].pk).status == AssignmentStatus.OPEN


def test_cancelling_declines_the_proposed_projects_and_tells_their_people(people, lab, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    assignment = lab["assignment"]
    proposed = propose(assignment, lab["researcher"], members=[lab["student"]])
    Notification.objects.all().delete()
    services.assignment_cancel(
        by=people["employee"], assignment=assignment, expected_version=1, reason="Förvaltningen löste det själv."
    )
    cancelled = Assignment.objects.get(pk=assignment.pk)
    assert cancelled.status == AssignmentStatus.CANCELLED
    assert cancelled.cancelled_by == people["employee"]
    assert cancelled.cancelled_at is not None
    assert cancelled.cancel_reason == "Förvaltningen löste det själv."
    proposed.refresh_from_db()
    assert proposed.status == ProjectStatus.DECLINED
    assert proposed.decision_comment == "Förvaltningen löste det själv."
    assert proposed.decided_by == people["employee"]
    told = set(Notification.objects.filter(url=assignment.get_absolute_url()).values_list("recipient", flat=True))
    assert {lab["researcher"].pk, lab["student"].pk, lab["teacher"].pk} <= told
    assert people["employee"].pk not in told
    entry = LogEntry.objects.get_for_object(cancelled).filter(action=LogEntry.Action.UPDATE).latest("pk")
    assert entry.actor == people["employee"]
    assert entry.changes_dict["status"][1] == "cancelled"
    with pytest.raises(PermissionDeniedError):
        propose(cancelled, lab["teacher"], title="Ett till")


def test_projects_under_way_end_only_when_that_is_confirmed(people, lab):
    assignment = lab["assignment"]
    project = propose(assignment, lab["teacher"], members=[lab["student2"]])
    services.project_decide(by=people["employee"], project=project, expected_version=1, accept=True)
    assignment.refresh_from_db()
    Notification.objects.all().delete()
    with pytest.raises(DomainError) as caught:
        services.assignment_cancel(
            by=people["office"], assignment=assignment, expected_version=assignment.version, reason="Pengarna tog slut."
        )
    assert caught.value.field == "end_projects"
    project.refresh_from_db()
    assert project.status == ProjectStatus.ACCEPTED
    services.assignment_cancel(
        by=people["office"],
        assignment=assignment,
        expected_version=assignment.version,
        reason="Pengarna tog slut.",
        end_projects_under_way=True,
    )
    project.refresh_from_db()
    assert project.status == ProjectStatus.ENDED
    assert project.version == 3
    assert Notification.objects.filter(recipient=lab["student2"], url=assignment.get_absolute_url()).exists()
    assert Notification.objects.filter(recipient=people["employee"], url=assignment.get_absolute_url()).exists()


def test_a_cancellation_from_an_old_version_is_refused(people, lab):
    assignment = lab["assignment"]
    _edit(Assignment.objects.get(pk=assignment.pk), people["office"], title="Först")
    with pytest.raises(ConflictError):
        services.assignment_cancel(by=people["employee"], assignment=assignment, expected_version=1, reason="Nej")
    assert Assignment.objects.get(pk=assignment.pk).status == AssignmentStatus.OPEN
