"""Every write of the development talks: a manager records that this year's talk with an employee covered
innovation and how many ideas came of it, and the employee sends in what they raised as an idea.

Nothing of what was said is stored: only the day, whether innovation was discussed and a count.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.audit import actor_from
from core.errors import ConflictError, DomainError, require
from ideas import services as idea_services
from ideas.models import Idea
from learning.models import DevelopmentTalk, TalkIdea
from organisation.models import User

NOT_YOURS = gettext_lazy("Only a manager of the employee's unit records their development talk.")
NOT_YOUR_TALK = gettext_lazy("Only the employee the talk was with sends in an idea from it.")

#: The most ideas one talk is recorded as having given.
IDEAS_MAX = 50


def conflict() -> None:
    raise ConflictError(
        _("Someone else changed this talk while you were working on it. Check what is recorded now and save again.")
    )


def _fields(
    *, year: int, held_on: date | None, innovation_discussed: bool, ideas_count: int | None, today: date | None = None
) -> dict[str, Any]:
    if held_on is None:
        raise DomainError(_("Enter the day the talk was held."), field="held_on")
    if held_on > (today or timezone.localdate()):
        raise DomainError(_("The day the talk was held cannot be in the future."), field="held_on")
    if held_on.year != year:
        raise DomainError(
            _("The talk is recorded for %(year)s: enter a day in %(year)s.") % {"year": year}, field="held_on"
        )
    count = ideas_count or 0
    if not 0 <= count <= IDEAS_MAX:
        raise DomainError(_("Enter a number of ideas from 0 to %(max)d.") % {"max": IDEAS_MAX}, field="ideas_count")
    if count and not innovation_discussed:
        raise DomainError(
            _("Ideas came of the talk, so innovation was discussed: answer yes, or set the number of ideas to 0."),
            field="innovation_discussed",
        )
    return {"held_on": held_on, "innovation_discussed": bool(innovation_discussed), "ideas_count": count}


@actor_from("by")
@transaction.atomic
def talk_record(
    *,
    employee: User,
    by: User,
    year: int,
    held_on: date | None,
    innovation_discussed: bool,
    ideas_count: int | None = 0,
    now: datetime | None = None,
) -> DevelopmentTalk:
    """Record this year's development talk with ``employee``: one a year, kept in the employee's unit."""
    require("learning.record_talk", by, employee, message=NOT_YOURS)
    now = now or timezone.now()
    fields = _fields(
        year=year,
        held_on=held_on,
        innovation_discussed=innovation_discussed,
        ideas_count=ideas_count,
        today=timezone.localdate(now),
    )
    if employee.unit is None:
        raise DomainError(_("The employee belongs to no unit, so the talk cannot be counted anywhere."))
    if DevelopmentTalk.objects.filter(employee=employee, year=year).exists():
        conflict()
    try:
        with transaction.atomic():
            return DevelopmentTalk.objects.create(
                employee=employee, manager=by, unit=employee.unit, year=year, created_at=now, **fields
            )
    except IntegrityError:
        # Another manager recorded it at the same moment: theirs stays.
        conflict()
        raise  # pragma: no cover - conflict() raises


@actor_from("by")
@transaction.atomic
def talk_update(
    *,
    talk: DevelopmentTalk,
    by: User,
    expected_version: int,
    held_on: date | None,
    innovation_discussed: bool,
    ideas_count: int | None = 0,
) -> DevelopmentTalk:
    """Change a recorded talk, unless someone changed it since ``expected_version`` (then nothing is overwritten)."""
    require("learning.record_talk", by, talk.employee, message=NOT_YOURS)
    fields = _fields(
        year=talk.year, held_on=held_on, innovation_discussed=innovation_discussed, ideas_count=ideas_count
    )
    locked = DevelopmentTalk.objects.select_for_update().get(pk=talk.pk)
    if locked.lock_version != expected_version:
        conflict()
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.manager = by
    locked.lock_version = expected_version + 1
    locked.save()
    return locked


def may_send_idea(user: User, talk: DevelopmentTalk) -> bool:
    return bool(user.is_authenticated and user.is_active and talk.employee_id == user.pk)


@actor_from("by")
@transaction.atomic
def talk_idea(*, talk: DevelopmentTalk, by: User, **idea_fields: Any) -> Idea:
    """The employee sends in what they raised in the talk as an idea (through ``ideas.services.idea_submit``), linked
    to the talk. The manager's count of ideas stays as they recorded it."""
    require(may_send_idea(by, talk), message=NOT_YOUR_TALK)
    idea = idea_services.idea_submit(author=by, **idea_fields)
    TalkIdea.objects.create(talk=talk, idea=idea)
    return idea
