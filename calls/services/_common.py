"""What every write of calls shares: moments said in Stockholm time."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone
from django.utils.formats import date_format

from core.city import CITY_TIME_ZONE


def _stockholm(moment: datetime) -> str:
    return date_format(timezone.localtime(moment, CITY_TIME_ZONE), "j F Y H:i")
