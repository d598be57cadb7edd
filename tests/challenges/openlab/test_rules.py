"""Who may do what in OpenLab: the role × action matrix, and the list filters equal to the rules (SQL twins)."""

from __future__ import annotations

import pytest

from challenges.models import Assignment, Project
from challenges.openlab import services
from challenges.openlab.rules import visible_assignments_filter, visible_projects_filter
from tests.challenges.openlab.conftest import propose

pytestmark = pytest.mark.django_db

WHO = (
    "contact",
    "office",
    "director",
    "employee_other",
    "teacher",
    "researcher",
    "student",
    "member",
    "other_teacher",
    "other_student",
    "resident",
)


def _who(people, lab):
    return {
        "contact": people["employee"],
        "office": people["office"],
        "director": people["director"],
        "employee_other": people["colleague"],
        "teacher": lab["teacher"],
        "researcher": lab["researcher"],
        "student": lab["student2"],
        "member": lab["student"],
        "other_teacher": lab["other_teacher"],
        "other_student": lab["other_student"],
        "resident": people["resident"],
    }


ASSIGNMENT = {
    # permission: who holds it on the open assignment given to KTH
    "challenges.view_assignment": {
        "contact",
        "office",
        "director",
        "employee_other",
        "teacher",
        "researcher",
        "student",
        "member",
    },
    "challenges.propose_project": {"teacher", "researcher"},
}

PROPOSED = {
    "challenges.view_project": {
        "contact",
        "office",
        "director",
        "employee_other",
        "teacher",
        "researcher",
        "student",
        "member",
    },
    "challenges.decide_project": {"contact", "office", "director"},
    "challenges.work_on_project": set(),
    "challenges.complete_project": set(),
}

ACCEPTED = {
    "challenges.decide_project": set(),
    "challenges.work_on_project": {"teacher", "member"},
    "challenges.complete_project": {"teacher", "contact", "office", "director"},
    "challenges.start_idea_from_project": set(),
}

GLOBAL = {
    "challenges.openlab_in_menu": {
        "office",
        "director",
        "teacher",
        "researcher",
        "student",
        "member",
        "other_teacher",
        "other_student",
    },
    "challenges.view_openlab_overview": {"contact", "office", "director", "employee_other"},
    "challenges.manage_universities": {"director"},
}


def _check(people_by_key, matrix, obj=None):
    wrong = []
    for perm, holders in matrix.items():
        for key, person in people_by_key.items():
            allowed = person.has_perm(perm, obj) if obj is not None else person.has_perm(perm)
            if allowed != (key in holders):
                wrong.append((perm, key, allowed))
    assert wrong == []


def test_the_matrix(people, lab):
    who = _who(people, lab)
    _check(who, GLOBAL)
    _check(who, ASSIGNMENT, lab["assignment"])
    project = propose(lab["assignment"], lab["teacher"], members=[lab["student"]])
    project = Project.objects.get(pk=project.pk)
    _check(who, PROPOSED, project)
    services.project_decide(by=people["employee"], project=project, expected_version=1, accept=True)
    project = Project.objects.get(pk=project.pk)
    _check(who, ACCEPTED, project)
    assert people["office"].has_perm("challenges.assign_need", lab["need"])
    assert not people["other_office"].has_perm("challenges.assign_need", lab["need"])
    assert not people["employee"].has_perm("challenges.assign_need", lab["need"])
    assert not lab["teacher"].has_perm("challenges.assign_need", lab["need"])


def test_the_list_filters_equal_the_rules(people, lab):
    other = services.assignment_create(
        by=people["office"], need=lab["need"], university=lab["su"], title="SU", brief="B", contact=people["employee"]
    )
    propose(lab["assignment"], lab["teacher"])
    propose(other, lab["other_teacher"])
    for key, person in _who(people, lab).items():
        listed = set(Assignment.objects.filter(visible_assignments_filter(person)))
        allowed = {a for a in Assignment.objects.all() if person.has_perm("challenges.view_assignment", a)}
        assert listed == allowed, key
        listed_p = set(Project.objects.filter(visible_projects_filter(person)))
        allowed_p = {p for p in Project.objects.all() if person.has_perm("challenges.view_project", p)}
        assert listed_p == allowed_p, key
