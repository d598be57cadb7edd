"""Which reminder before a deadline is due: one a week before, one the day before (``core.scheduling``)."""

from __future__ import annotations

from datetime import date

#: The reminders before a deadline, in days before it, the earliest first.
DAYS_BEFORE = (7, 1)


def reminder_due(deadline: date, today: date) -> int | None:
    """The reminder due ``today`` for ``deadline`` (7 or 1 days before), or ``None``.

    A reminder is due from its day up to the next one, so a run that comes late still sends it; a thing that
    comes into being within the last week gets the 7 days' reminder at once, then the day before's.
    """
    left = (deadline - today).days
    if left < 0:
        return None
    due = [days for days in DAYS_BEFORE if left <= days]
    return due[-1] if due else None
