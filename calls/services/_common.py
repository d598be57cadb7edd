"""What every write of calls shares: the demo history's dates, Stockholm time."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone
from django.utils.formats import date_format

from calls.models import Application, Assignment
from core.audit import update_logged
from core.city import CITY_TIME_ZONE


def _stamp(obj: Application | Assignment, moment: datetime | None) -> None:
    """A step saved through the model (so the audit log has it) takes the clock's ``updated_at``; a step given
    a moment in the past (the demo city's history) is dated to it."""
    if moment is None:
        return
    update_logged(obj, updated_at=moment)


def _stockholm(moment: datetime) -> str:
    return date_format(timezone.localtime(moment, CITY_TIME_ZONE), "j F Y H:i")
