"""Deadlines as people count them: calendar days in Stockholm."""

from __future__ import annotations

from datetime import datetime

from django import template
from django.utils import timezone

from core.city import CITY_TIME_ZONE

register = template.Library()


@register.filter
def days_left(moment: datetime | None) -> int | None:
    """Whole calendar days from today to the moment's day, both in Stockholm (0: today)."""
    if moment is None:
        return None
    today = timezone.localtime(timezone.now(), CITY_TIME_ZONE).date()
    return (timezone.localtime(moment, CITY_TIME_ZONE).date() - today).days
