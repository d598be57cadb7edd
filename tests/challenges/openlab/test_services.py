"""OpenLab's writes: universities and their invited people, assignments, projects from proposal to ideas, and
the refusals the issue names."""

from __future__ import annotations

import datetime
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from challenges.models import (
    AcademicRole,
    Affiliation,
    AssignmentStatus,
    Project,
    ProjectIdea,
    ProjectStatus,
    Route,
    UniversityInvitation,
)
from challenges.openlab import services
from core.errors import ConflictError, DomainError, PermissionDeniedError
from ideas.models import Source
from organisation.models import PersonKind
from tests.challenges.conftest import routed_need
from tests.challenges.openlab.conftest import PASSWORD, pdf, propose, university_person

pytestmark = pytest.mark.django_db


def test_an_invited_person_becomes_a_university_partner(people, lab, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitation, token = services.university_invite(
            by=people["director"], university=lab["kth"], email=" Ny.Student@KTH.se ", role=AcademicRole.STUDENT
        )
    assert invitation.email == "ny.student@kth.se"
    assert token not in invitation.token_hash  # only the hash is kept
    assert mail.outbox[-1].to == ["ny.student@kth.se"]
    assert token in mail.outbox[-1].body
    person = services.university_invitation_accept_new_account(token=token, name="Ny Student", password=PASSWORD)
    assert person.kind == PersonKind.UNIVERSITY
    assert Affiliation.objects.get(user=person).university == lab["kth"]
    with pytest.raises(DomainError, match="redan använts"):
        services.university_invitation_for(token)


def test_an_expired_invitation_is_refused(people, lab):
    now = timezone.now()
    _inv, token = services.university_invite(
        by=people["director"], university=lab["kth"], email="sen@kth.se", role=AcademicRole.TEACHER, now=now
    )
    with pytest.raises(DomainError, match="gått ut"):
        services.university_invitation_for(token, now=now + timedelta(days=15))


def test_only_the_executive_office_keeps_universities_and_invites(people, lab):
    for who in ("office", "manager", "employee", "resident"):
        with pytest.raises(PermissionDeniedError):
            services.university_create(by=people[who], name="Södertörns högskola")
        with pytest.raises(PermissionDeniedError):
            services.university_invite(
                by=people[who], university=lab["kth"], email="x@kth.se", role=AcademicRole.STUDENT
            )
    with pytest.raises(PermissionDeniedError):
        services.university_create(by=lab["teacher"], name="Södertörns högskola")


def test_a_staff_address_cannot_be_invited_as_a_university_partner(people, lab):
    with pytest.raises(DomainError) as exc:
        services.university_invite(
            by=people["director"], university=lab["kth"], email=people["employee"].email, role=AcademicRole.STUDENT
        )
    assert exc.value.field == "email"


def test_a_university_is_on_the_list_once(people, lab):
    with pytest.raises(DomainError) as exc:
        services.university_create(by=people["director"], name="kth")
    assert exc.value.field == "name"


def test_only_a_need_routed_to_openlab_is_assigned_by_its_office(people, lab):
    challenge_need = routed_need(writer=people["manager"], office=people["office"], route=Route.PUBLIC_CHALLENGE)
    for need, who in ((challenge_need, "office"), (lab["need"], "other_office"), (lab["need"], "manager")):
        with pytest.raises(PermissionDeniedError):
            services.assignment_create(
                by=people[who],
                need=need,
                university=lab["su"],
                title="T",
                brief="B",
                contact=people["employee"],
            )


def test_an_assignment_names_a_staff_contact_and_the_universitys_own_contact(people, lab):
    common = {"by": people["office"], "need": lab["need"], "university": lab["su"], "title": "T", "brief": "B"}
    with pytest.raises(DomainError) as exc:
        services.assignment_create(**common, contact=people["resident"])
    assert exc.value.field == "contact"
    with pytest.raises(DomainError) as exc:
        services.assignment_create(**common, contact=people["employee"], university_contact=lab["teacher"])
    assert exc.value.field == "university_contact"
    with pytest.raises(DomainError) as exc:
        services.assignment_create(
            **common,
            contact=people["employee"],
            agreement_starts_on=datetime.date(2027, 5, 1),
            agreement_ends_on=datetime.date(2027, 1, 1),
        )
    assert exc.value.field == "agreement_ends_on"
    with pytest.raises(DomainError) as exc:
        services.assignment_create(**{**common, "university": lab["kth"]}, contact=people["employee"])
    assert exc.value.field == "university"


def test_a_project_goes_from_proposal_to_ideas_in_the_lock(people, lab):
    assignment = lab["assignment"]
    project = propose(assignment, lab["teacher"], members=[lab["student"], lab["student2"]])
    assert project.status == ProjectStatus.PROPOSED
    assert set(project.members.all()) == {lab["student"], lab["student2"]}
    services.project_decide(by=people["employee"], project=project, expected_version=project.version, accept=True)
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.UNDER_WAY
    milestone = services.milestone_add(
        by=lab["student"], project=project, title="Användartester klara", due_on=datetime.date(2027, 4, 1)
    )
    services.milestone_done(by=lab["student"], milestone=milestone)
    with pytest.raises(DomainError) as exc:
        services.project_complete(by=lab["teacher"], project=project, expected_version=project.version)
    assert exc.value.field == "final_report"
    report = services.deliverable_add(
        by=lab["teacher"], project=project, title="Slutrapport", upload=pdf(), is_final_report=True
    )
    assert report.original_name == "slutrapport.pdf"
    with pytest.raises(DomainError) as exc:
        services.deliverable_add(by=lab["student"], project=project, title="Ny", upload=pdf(), is_final_report=True)
    assert exc.value.field == "is_final_report"
    services.project_complete(by=lab["teacher"], project=project, expected_version=project.version)
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.COMPLETED
    idea = services.project_idea_start(
        by=lab["teacher"],
        project=project,
        title="Digital förhandskontroll av bygglov",
        problem="Långa handläggningstider.",
        audience="Sökande av bygglov.",
        proposal="En förhandskontroll i e-tjänsten.",
        expected_value="Besked inom fyra veckor.",
        values=["economic"],
    )
    assert idea.source == Source.UNIVERSITY
    assert idea.unit == lab["need"].unit
    assert ProjectIdea.objects.get(idea=idea).project == project
    # The city's contact starts one too, and its source is the university as well.
    staff_idea = services.project_idea_start(
        by=people["employee"],
        project=project,
        title="Checklista för sökande",
        problem="Ofullständiga ansökningar.",
        audience="Sökande.",
        proposal="En checklista.",
        expected_value="Färre kompletteringar.",
        values=["social"],
        kind="service",
    )
    assert staff_idea.source == Source.UNIVERSITY


def test_a_declined_project_says_why(people, lab):
    project = propose(lab["assignment"], lab["teacher"])
    with pytest.raises(DomainError) as exc:
        services.project_decide(by=people["employee"], project=project, expected_version=1, accept=False)
    assert exc.value.field == "comment"
    services.project_decide(
        by=people["employee"], project=project, expected_version=1, accept=False, comment="För stort för en termin."
    )
    assert project.status == ProjectStatus.DECLINED


def test_two_decisions_at_once_the_second_is_refused(people, lab):
    project = propose(lab["assignment"], lab["teacher"])
    seen_by_the_office = Project.objects.get(pk=project.pk)
    services.project_decide(by=people["employee"], project=project, expected_version=1, accept=True)
    with pytest.raises(ConflictError):
        services.project_decide(
            by=people["office"], project=seen_by_the_office, expected_version=1, accept=False, comment="Nej"
        )
    project.refresh_from_db()
    assert project.status == ProjectStatus.ACCEPTED


def test_only_teachers_and_researchers_of_the_assignments_university_propose(lab):
    for who in ("student", "other_teacher", "other_student"):
        with pytest.raises(PermissionDeniedError):
            propose(lab["assignment"], lab[who])
    project = propose(lab["assignment"], lab["researcher"], kind="research_group")
    assert project.lead == lab["researcher"]


def test_members_come_from_the_leads_own_university(lab):
    with pytest.raises(DomainError) as exc:
        propose(lab["assignment"], lab["teacher"], members=[lab["other_student"]])
    assert exc.value.field == "members"


def test_a_project_ends_after_it_starts(lab):
    with pytest.raises(DomainError) as exc:
        propose(lab["assignment"], lab["teacher"], ends_on=datetime.date(2026, 1, 1))
    assert exc.value.field == "ends_on"


def test_another_teams_project_is_refused(people, lab):
    """A university partner's person editing another team's project is refused."""
    project = propose(lab["assignment"], lab["teacher"], members=[lab["student"]])
    services.project_decide(by=people["employee"], project=project, expected_version=1, accept=True)
    for who in ("student2", "researcher", "other_teacher", "other_student"):
        with pytest.raises(PermissionDeniedError):
            services.milestone_add(by=lab[who], project=project, title="X", due_on=datetime.date(2027, 3, 1))
        with pytest.raises(PermissionDeniedError):
            services.deliverable_add(by=lab[who], project=project, title="X", upload=pdf())
    with pytest.raises(PermissionDeniedError):
        services.project_complete(by=lab["student2"], project=project, expected_version=project.version)


def test_the_invitation_of_a_known_university_person_moves_them(people, lab):
    _inv, token = services.university_invite(
        by=people["director"], university=lab["su"], email=lab["student"].email, role=AcademicRole.RESEARCHER
    )
    services.university_invitation_accept(token=token, person=lab["student"])
    lab["student"].refresh_from_db()
    assert lab["student"].affiliation.university == lab["su"]
    assert UniversityInvitation.objects.filter(accepted_by=lab["student"]).count() == 2


def test_another_person_cannot_use_someone_elses_invitation(people, lab):
    _inv, token = services.university_invite(
        by=people["director"], university=lab["su"], email="ny@su.se", role=AcademicRole.STUDENT
    )
    with pytest.raises(DomainError, match="annan e-postadress"):
        services.university_invitation_accept(token=token, person=lab["student"])
    assert university_person(people["director"], lab["su"], AcademicRole.STUDENT, "annan@su.se", "A").pk


@pytest.mark.parametrize(
    ("dates", "field"),
    [
        ({"starts_on": datetime.date(2026, 12, 1)}, "starts_on"),
        ({"ends_on": datetime.date(2028, 2, 1)}, "ends_on"),
    ],
)
def test_a_project_runs_within_the_agreement(lab, dates, field):
    with pytest.raises(DomainError) as exc:
        propose(lab["assignment"], lab["teacher"], **dates)
    assert exc.value.field == field
    assert "1 januari 2027–31 december 2027" in exc.value.message or "1 January 2027–31 December 2027" in (
        exc.value.message
    )
    assert not Project.objects.exists()


def test_a_project_without_an_agreements_dates_may_run_any_time(people, lab):
    assignment = lab["assignment"]
    services.assignment_update(
        by=people["office"],
        assignment=assignment,
        expected_version=assignment.version,
        title=assignment.title,
        brief=assignment.brief,
        contact=assignment.contact,
        university_contact=assignment.university_contact,
    )
    assert propose(assignment, lab["teacher"], ends_on=datetime.date(2029, 1, 1)).pk


def test_a_project_outside_an_agreement_shortened_since_is_not_accepted(people, lab):
    assignment = lab["assignment"]
    project = propose(assignment, lab["teacher"])
    services.assignment_update(
        by=people["office"],
        assignment=assignment,
        expected_version=assignment.version,
        title=assignment.title,
        brief=assignment.brief,
        contact=assignment.contact,
        university_contact=assignment.university_contact,
        agreement_starts_on=datetime.date(2027, 1, 1),
        agreement_ends_on=datetime.date(2027, 5, 31),
    )
    project.refresh_from_db()
    with pytest.raises(DomainError) as exc:
        services.project_decide(by=people["employee"], project=project, expected_version=project.version, accept=True)
    assert exc.value.field == "decision"
    project.refresh_from_db()
    assert project.status == ProjectStatus.PROPOSED
    declined = services.project_decide(
        by=people["employee"], project=project, expected_version=project.version, accept=False, comment="För långt."
    )
    assert declined.status == ProjectStatus.DECLINED
