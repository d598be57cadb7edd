"""Who may do what in OpenLab: the city's side (the executive office keeps the universities and invites their
people; the office that decides a need assigns it; the city's contact accepts projects) and the universities'
(a teacher or researcher proposes projects on their university's assignments; a project's lead and members do
its work). Views, services, the API and the list filters all ask here.

A university's people see only what was given to their own university: an assignment of another university is
answered 404, as one that does not exist. Beyond OpenLab they go where residents go, and no further: the public
site, public challenges and ideas, their own ideas and data. No fence is needed for that (unlike a partner's,
``spread.networks.fence``): every page for staff asks ``is_city_staff`` (``kind == employee``), which a university
person never is, and the only rules that name them are these. ``tests/challenges/openlab/test_access.py`` asks every
address of the project as a university person and as a resident and expects the same answer outside OpenLab.
"""

from __future__ import annotations

import rules
from django.db.models import Q

from challenges.models import AcademicRole, AssignmentStatus, NeedStatus, ProjectStatus, Route
from challenges.needs.rules import decides_need
from ideas.rules import is_city_staff
from organisation.models import PersonKind, Role

#: Roles of city staff who see OpenLab in the main menu and its overview.
MENU_ROLES = (Role.MANAGER, Role.COACH, Role.OFFICE, Role.DIRECTOR)
#: The roles at a university that lead projects.
LEADING_ROLES = (AcademicRole.TEACHER, AcademicRole.RESEARCHER)


def affiliation_of(user):
    """The person's university and role, or ``None`` (kept on the person for the request)."""
    if not getattr(user, "is_authenticated", False) or user.kind != PersonKind.UNIVERSITY:
        return None
    try:
        return user.affiliation
    except user.__class__.affiliation.RelatedObjectDoesNotExist:
        return None


def university_id_of(user) -> int | None:
    affiliation = affiliation_of(user)
    return affiliation.university_id if affiliation is not None else None


@rules.predicate
def is_university_person(user) -> bool:
    return user.is_active and affiliation_of(user) is not None


@rules.predicate
def leads_at_university(user) -> bool:
    affiliation = affiliation_of(user)
    return user.is_active and affiliation is not None and affiliation.role in LEADING_ROLES


@rules.predicate
def is_executive_office(user) -> bool:
    return user.is_authenticated and user.is_executive_office


@rules.predicate
def has_staff_role(user) -> bool:
    return user.is_authenticated and any(user.has_role(role) for role in MENU_ROLES)


@rules.predicate
def of_assignments_university(user, assignment) -> bool:
    return assignment is not None and university_id_of(user) == assignment.university_id


@rules.predicate
def of_projects_university(user, project) -> bool:
    return project is not None and university_id_of(user) == project.assignment.university_id


@rules.predicate
def is_routed_to_openlab(user, need) -> bool:
    return need is not None and need.status == NeedStatus.ROUTED and need.route == Route.OPENLAB


@rules.predicate
def decides_assignments_need(user, assignment) -> bool:
    return assignment is not None and decides_need(user, assignment.need)


@rules.predicate
def is_city_contact(user, assignment) -> bool:
    return assignment is not None and user.is_authenticated and assignment.contact_id == user.pk


@rules.predicate
def is_projects_city_contact(user, project) -> bool:
    return project is not None and is_city_contact(user, project.assignment)


@rules.predicate
def decides_projects_need(user, project) -> bool:
    return project is not None and decides_need(user, project.assignment.need)


@rules.predicate
def takes_proposals(user, assignment) -> bool:
    return assignment is not None and assignment.status in (AssignmentStatus.OPEN, AssignmentStatus.UNDER_WAY)


@rules.predicate
def leads_project(user, project) -> bool:
    return project is not None and user.is_authenticated and project.lead_id == user.pk


@rules.predicate
def is_project_member(user, project) -> bool:
    if project is None or not user.is_authenticated:
        return False
    return project.lead_id == user.pk or project.members.filter(pk=user.pk).exists()


@rules.predicate
def is_proposed(user, project) -> bool:
    return project is not None and project.status == ProjectStatus.PROPOSED


@rules.predicate
def is_under_way(user, project) -> bool:
    return project is not None and project.status == ProjectStatus.ACCEPTED


@rules.predicate
def is_completed(user, project) -> bool:
    return project is not None and project.status == ProjectStatus.COMPLETED


@rules.predicate
def is_assignment_running(user, assignment) -> bool:
    """Open or under way: neither completed nor cancelled, so it may still be changed or cancelled."""
    return assignment is not None and assignment.status in (AssignmentStatus.OPEN, AssignmentStatus.UNDER_WAY)


city_decides_project = is_city_staff & (is_projects_city_contact | decides_projects_need)
#: The city's contact, or the office that decides the need (and so created the assignment), keeps an assignment.
city_keeps_assignment = is_city_staff & (is_city_contact | decides_assignments_need)

rules.add_perm("challenges.openlab_in_menu", (is_city_staff & has_staff_role) | is_university_person)
rules.add_perm("challenges.view_openlab_overview", is_city_staff)
rules.add_perm("challenges.manage_universities", is_city_staff & is_executive_office)
rules.add_perm("challenges.assign_need", is_city_staff & decides_need & is_routed_to_openlab)
rules.add_perm("challenges.view_assignment", is_city_staff | of_assignments_university)
rules.add_perm("challenges.change_assignment", city_keeps_assignment & is_assignment_running)
rules.add_perm("challenges.cancel_assignment", city_keeps_assignment & is_assignment_running)
rules.add_perm("challenges.propose_project", leads_at_university & of_assignments_university & takes_proposals)
rules.add_perm("challenges.view_project", is_city_staff | (is_university_person & of_projects_university))
rules.add_perm("challenges.decide_project", city_decides_project & is_proposed)
rules.add_perm("challenges.work_on_project", is_university_person & is_project_member & is_under_way)
rules.add_perm("challenges.complete_project", (leads_project | city_decides_project) & is_under_way)
rules.add_perm("challenges.start_idea_from_project", (leads_project | city_decides_project) & is_completed)


def visible_assignments_filter(user) -> Q:
    """The list-filter twin of ``challenges.view_assignment``."""
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    if user.is_city_staff:
        return Q()
    university = university_id_of(user)
    return Q(university_id=university) if university is not None else Q(pk__in=[])


def visible_projects_filter(user) -> Q:
    """The list-filter twin of ``challenges.view_project``."""
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    if user.is_city_staff:
        return Q()
    university = university_id_of(user)
    return Q(assignment__university_id=university) if university is not None else Q(pk__in=[])
