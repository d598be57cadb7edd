"""Who may do what with learning. Declared once; views, services and the API ask here.

- The catalogue is kept by the executive office (any course) and by an administration's innovation office (the
  courses its administration publishes). A published course is seen by the city's staff, a public one by anyone;
  a course for managers or coaches is taken only by them (and seen by those who keep the catalogue). A draft is seen
  only by those who may change it.
- A person's learning record is theirs, and their manager's: a manager sees the records of the staff of the units
  they manage (and the units below them). Nobody else sees an individual's record, not even the executive office; the
  follow-up is in figures per unit.
- A manager records, for the staff of their units, that a development talk covered innovation.
- The executive office imports completions from the learning platform and keeps the policy register, which all the
  city's staff read.
"""

from __future__ import annotations

import rules
from django.db.models import Q, QuerySet

from ideas.rules import is_city_staff
from learning.models import Audience, Course, CourseState
from organisation.models import Role, Unit, User


def within(paths: list[str], prefix: str = "unit__") -> Q:
    """The rows whose unit (``prefix`` ``path``) is one of ``paths`` or below it; matches nothing for no paths."""
    found = Q(pk__in=[])
    for path in paths:
        found |= Q(**{f"{prefix}path__startswith": path})
    return found


@rules.predicate
def is_executive_office(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_executive_office)


@rules.predicate
def keeps_catalogue(user) -> bool:
    """The executive office, or an innovation office of some unit."""
    return bool(user.is_authenticated and user.is_active and (user.is_executive_office or user.has_role(Role.OFFICE)))


@rules.predicate
def may_change_course(user, course: Course | None) -> bool:
    if course is None or not user.is_authenticated or not user.is_active:
        return False
    return bool(user.is_executive_office or user.has_role(Role.OFFICE, course.unit))


def in_audience(user, audience: str) -> bool:
    """Whether the person is someone the course is for."""
    if not user.is_authenticated or not user.is_city_staff:
        return False
    if audience == Audience.MANAGERS:
        return user.has_role(Role.MANAGER)
    if audience == Audience.COACHES:
        return user.has_role(Role.COACH)
    return True


@rules.predicate
def may_view_course(user, course: Course | None) -> bool:
    if course is None:
        return False
    if course.state != CourseState.PUBLISHED:
        return may_change_course(user, course)
    if course.is_public:
        return True
    return bool(is_city_staff(user))


@rules.predicate
def may_take_course(user, course: Course | None) -> bool:
    return bool(course is not None and course.state == CourseState.PUBLISHED and in_audience(user, course.audience))


def courses_visible_to(user) -> QuerySet[Course]:
    """The SQL twin of ``learning.view_course``."""
    courses = Course.objects.all()
    published = Q(state=CourseState.PUBLISHED)
    if not user.is_authenticated:
        return courses.filter(published, is_public=True)
    if user.is_executive_office:
        return courses
    office_paths = user.role_paths.get(Role.OFFICE, [])
    mine = within(office_paths)
    if not user.is_city_staff:
        return (
            courses.filter((published & Q(is_public=True)) | mine)
            if office_paths
            else courses.filter(published, is_public=True)
        )
    return courses.filter(published | mine) if office_paths else courses.filter(published)


def may_view_session_event(user, event) -> bool:
    """``spread.events.access``: a course session's event is seen, and registered for, by those the course is for
    (and by those who keep the course); the course's page shows everyone else that it exists."""
    session = getattr(event, "learning_session", None)
    if session is None or not may_view_course(user, session.course):
        return False
    return bool(may_take_course(user, session.course) or may_change_course(user, session.course))


# --- records -------------------------------------------------------------------------------------


def managed_paths(user) -> list[str]:
    """The paths of the units the person manages (each with the units below it)."""
    if not user.is_authenticated or not user.is_active:
        return []
    return list(user.role_paths.get(Role.MANAGER, []))


@rules.predicate
def may_view_record(user, person: User | None) -> bool:
    """The person themselves, or a manager of their unit (or a unit above it)."""
    if person is None or not user.is_authenticated or not user.is_active:
        return False
    if person.pk == user.pk:
        return True
    return bool(person.unit_id and person.is_city_staff and user.has_role(Role.MANAGER, person.unit))


@rules.predicate
def manages_someone(user) -> bool:
    return bool(managed_paths(user))


def staff_of(user) -> QuerySet[User]:
    """The SQL twin of ``learning.view_record`` for others: the active staff of the units the person manages."""
    paths = managed_paths(user)
    if not paths:
        return User.objects.none()
    return User.objects.filter(within(paths), is_active=True, kind="employee").exclude(pk=user.pk)


def managed_units(user) -> QuerySet[Unit]:
    """The units the person manages and the units below them, in the tree's order (the staff pages' unit filter)."""
    paths = managed_paths(user)
    if not paths:
        return Unit.objects.none()
    return Unit.objects.filter(within(paths, prefix="")).order_by("path")


@rules.predicate
def may_record_talk(user, employee: User | None) -> bool:
    return bool(employee is not None and employee.pk != user.pk and may_view_record(user, employee))


def unit_managed_by(user, unit: Unit) -> bool:
    return bool(user.is_authenticated and user.has_role(Role.MANAGER, unit))


#: The main menu's link to the catalogue: the city's staff (anyone else finds the public courses on the public site).
rules.add_perm("learning.find_courses", is_city_staff)
rules.add_perm("learning.keep_catalogue", keeps_catalogue)
rules.add_perm("learning.change_course", may_change_course)
rules.add_perm("learning.view_course", may_view_course)
rules.add_perm("learning.take_course", may_take_course)
rules.add_perm("learning.view_record", may_view_record)
rules.add_perm("learning.view_staff_records", manages_someone)
rules.add_perm("learning.record_talk", may_record_talk)
rules.add_perm("learning.import_completions", is_executive_office)
rules.add_perm("learning.manage_policies", is_executive_office)
rules.add_perm("learning.view_policies", is_city_staff)
