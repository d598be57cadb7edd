"""Governance's scheduled job: reports not yet submitted are reminded a week and a day before their deadline."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.deadlines import reminder_due
from core.scheduling import job, remind
from governance.models import Report, ReportStatus
from governance.services import report_writers


@job("governance.report_deadlines", position=30)
def report_deadlines(now: datetime) -> int:
    """A report in draft or returned: its unit's managers and innovation office, 7 and 1 days before the deadline."""
    today = timezone.localdate(now)
    sent = 0
    reports = (
        Report.objects.filter(status__in=(ReportStatus.DRAFT, ReportStatus.RETURNED), deadline__gte=today)
        .select_related("unit", "reporting_period")
        .order_by("deadline", "pk")
    )
    for report in reports:
        days = reminder_due(report.deadline, today)
        if days is None:
            continue

        def message(report=report):
            return _("The report of %(unit)s for %(period)s is due on %(deadline)s and has not been submitted.") % {
                "unit": report.unit.name,
                "period": str(report.reporting_period),
                "deadline": date_format(report.deadline, "DATE_FORMAT"),
            }

        sent += remind(
            key=f"governance.report:{report.pk}:{report.deadline.isoformat()}:{days}",
            recipients=report_writers(report),
            message_factory=message,
            url=report.get_absolute_url(),
            now=now,
        )
    return sent
