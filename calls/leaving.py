"""The applications a juror has yet to score, for the innovation office when they leave."""

from __future__ import annotations

from django.utils.translation import gettext as _

from calls.models import Assignment
from organisation.leaving import open_work


@open_work("calls", position=40)
def unscored_applications(person) -> list[str]:
    assignments = (
        Assignment.objects.filter(juror=person, submitted_at__isnull=True)
        .select_related("application__call")
        .order_by("application__call__title", "application__pk")
    )
    return [
        _("juror to score “%(application)s” in the call “%(call)s”")
        % {"application": a.application, "call": a.application.call}
        for a in assignments
    ]
