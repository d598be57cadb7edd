"""Who may do what in governance follow-up. Declared once; views, services and the API all ask here.

- The innovation director sets the city's goals and indicators and opens reporting periods.
- The executive office (the director, or an innovation office for the whole city) reviews
  and approves reports.
- Managers and innovation offices of an administration or company (or of its committee or
  board) set its goals and write its report.
- Every city employee may read the dashboard and every report once it has been submitted.
- The city's compiled report as PDF is for the executive office, which reviews the reports.
"""

from __future__ import annotations

import rules

from governance.models import Report, ReportStatus
from organisation.models import PersonKind, Role, Unit


def is_executive_office(user) -> bool:
    return user.is_authenticated and user.is_executive_office


def writes_for(user, unit: Unit | None) -> bool:
    """A manager or innovation office of this unit or of a unit above it, short of the whole city.

    A role on the whole city is the executive office's: it reviews the reports, it does not write them.
    """
    if unit is None or not user.is_authenticated:
        return False
    return any(
        unit.path.startswith(path) and len(path) > Unit.steplen
        for role in (Role.MANAGER, Role.OFFICE)
        for path in user.role_paths.get(role, [])
    )


@rules.predicate
def is_city_staff(user) -> bool:
    return user.is_authenticated and user.kind == PersonKind.EMPLOYEE


@rules.predicate
def is_director(user) -> bool:
    return user.is_authenticated and user.is_director


@rules.predicate
def is_reviewer(user, _obj=None) -> bool:
    return is_executive_office(user)


@rules.predicate
def is_writer(user, report: Report | None) -> bool:
    return report is not None and writes_for(user, report.unit)


@rules.predicate
def is_editable(user, report: Report | None) -> bool:
    return report is not None and report.is_editable


@rules.predicate
def is_submitted(user, report: Report | None) -> bool:
    return report is not None and report.status == ReportStatus.SUBMITTED


@rules.predicate
def is_past_draft(user, report: Report | None) -> bool:
    return report is not None and report.status != ReportStatus.DRAFT


@rules.predicate
def writes_for_unit(user, unit: Unit | None) -> bool:
    return writes_for(user, unit)


@rules.predicate
def is_writer_anywhere(user) -> bool:
    return user.is_authenticated and (user.has_role(Role.MANAGER) or user.has_role(Role.OFFICE))


rules.add_perm("governance.view_dashboard", is_city_staff)
rules.add_perm("governance.manage_city_goals", is_director)
rules.add_perm("governance.manage_indicators", is_director)
rules.add_perm("governance.open_period", is_reviewer)
#: The city's compiled PDF: for city staff, as its workbook (it is laid out by the worker, never in the web process).
rules.add_perm("governance.export_city_pdf", is_city_staff)
rules.add_perm("governance.set_goals_for", is_director | writes_for_unit)
rules.add_perm("governance.view_reports", is_reviewer | is_writer_anywhere | is_city_staff)
rules.add_perm("governance.view_report", is_reviewer | is_writer | (is_city_staff & is_past_draft))
rules.add_perm("governance.edit_report", is_writer & is_editable)
rules.add_perm("governance.start_report", writes_for_unit)
rules.add_perm("governance.review_report", is_reviewer & is_submitted)
rules.add_perm("governance.extend_deadline", is_reviewer & is_editable)
#: The work that serves a goal (its ideas, needs, challenges and calls), counted and listed: for the staff.
rules.add_perm("governance.view_goal_work", is_city_staff)
