"""OpenLab's tests build on two universities with their people (invited and accepted through the services), a need
routed to OpenLab and assigned to KTH, with the employee Anna Anställd as the city's contact."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from challenges.models import AcademicRole, ProjectKind, Route
from challenges.openlab import services
from tests.challenges.conftest import routed_need

PASSWORD = "Ett-långt-lösen-2027"


def university_person(director, university, role, email: str, name: str):
    _invitation, token = services.university_invite(by=director, university=university, email=email, role=role)
    return services.university_invitation_accept_new_account(token=token, name=name, password=PASSWORD)


def pdf(name: str = "slutrapport.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", content_type="application/pdf"
    )


def propose(assignment, lead, **kwargs):
    data = {
        "kind": ProjectKind.STUDENT_TEAM,
        "title": "Snabbare bygglov med digital förhandskontroll",
        "scope": "En prototyp för förhandskontroll av ansökningar.",
        "starts_on": datetime.date(2027, 1, 15),
        "ends_on": datetime.date(2027, 6, 15),
        "deliverables": "Prototyp, användartester och slutrapport.",
    }
    data.update(kwargs)
    return services.project_propose(by=lead, assignment=assignment, **data)


@pytest.fixture
def lab(people):
    """KTH and Stockholms universitet, their people, and a need assigned to KTH."""
    director = people["director"]
    kth = services.university_create(by=director, name="KTH", short_name="KTH", website="https://www.kth.se")
    su = services.university_create(by=director, name="Stockholms universitet", short_name="SU")
    who = {
        "teacher": university_person(director, kth, AcademicRole.TEACHER, "lars.larare@kth.se", "Lars Lärare"),
        "researcher": university_person(director, kth, AcademicRole.RESEARCHER, "fia.forskare@kth.se", "Fia Forskare"),
        "student": university_person(director, kth, AcademicRole.STUDENT, "stina.student@kth.se", "Stina Student"),
        "student2": university_person(director, kth, AcademicRole.STUDENT, "sven.student@kth.se", "Sven Student"),
        "other_teacher": university_person(director, su, AcademicRole.TEACHER, "olof.larare@su.se", "Olof Lärare"),
        "other_student": university_person(director, su, AcademicRole.STUDENT, "siri.student@su.se", "Siri Student"),
    }
    need = routed_need(writer=people["manager"], office=people["office"], route=Route.OPENLAB)
    assignment = services.assignment_create(
        by=people["office"],
        need=need,
        university=kth,
        title="Snabbare bygglov",
        brief="Hur kan sökande få besked inom fyra veckor?",
        contact=people["employee"],
        university_contact=who["teacher"],
        agreement_starts_on=datetime.date(2027, 1, 1),
        agreement_ends_on=datetime.date(2027, 12, 31),
        agreement_reference="SLK 2026/123",
    )
    return {"kth": kth, "su": su, "need": need, "assignment": assignment, **who}
