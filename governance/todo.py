"""What waits for a person in governance follow-up: reports to write (managers), reports to review (executive office)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core.tasks_registry import TaskGroup, TaskLine, link, tasks
from governance import selectors
from governance.models import Report, ReportingPeriod, ReportStatus
from governance.rules import is_executive_office, is_writer_anywhere

# The main menu's link to the follow-up dashboard, for the city's staff.
link(
    "follow_up",
    label=gettext_lazy("Follow-up"),
    url_name="governance:dashboard",
    permission="governance.view_dashboard",
    position=70,
)


@tasks("reports", position=40)
def writer_tasks(user) -> TaskGroup | None:
    """A manager (or an administration's innovation office): reports to begin, finish, or complete after return."""
    if not is_writer_anywhere(user) or not selectors.writer_paths(user):
        return None
    lines = []
    latest = ReportingPeriod.objects.first()
    if latest is not None:
        for unit in selectors.startable_units(user=user, reporting_period=latest):
            text = _("%(unit)s: begin the report for %(period)s (deadline %(deadline)s)") % {
                "unit": unit.name,
                "period": latest,
                "deadline": date_format(latest.deadline, "DATE_FORMAT"),
            }
            lines.append(TaskLine(text, reverse("governance:reports") + "#your-reports", 1))
    open_reports = selectors.own_reports(user=user).filter(status__in=(ReportStatus.DRAFT, ReportStatus.RETURNED))
    for report in open_reports:
        values = {
            "unit": report.unit.name,
            "period": report.reporting_period,
            "deadline": date_format(report.deadline, "DATE_FORMAT"),
        }
        if report.status == ReportStatus.RETURNED:
            text = _("%(unit)s, %(period)s: returned for completion (deadline %(deadline)s)") % values
        else:
            text = _("%(unit)s, %(period)s: draft to finish and submit (deadline %(deadline)s)") % values
        lines.append(TaskLine(text, report.get_absolute_url(), 1))
    return TaskGroup(_("Reports to write"), lines, _("No report is due from you."))


@tasks("review", position=50)
def reviewer_tasks(user) -> TaskGroup | None:
    """The executive office: submitted reports waiting for review."""
    if not is_executive_office(user):
        return None
    waiting = Report.objects.filter(status=ReportStatus.SUBMITTED).count()
    lines = []
    if waiting:
        text = ngettext("%(n)s report to review", "%(n)s reports to review", waiting) % {"n": waiting}
        lines.append(TaskLine(text, f"{reverse('governance:reports')}?status={ReportStatus.SUBMITTED}", waiting))
    return TaskGroup(_("Reports to review"), lines, _("No report is waiting for review."))
