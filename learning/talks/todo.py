"""What waits for an employee after a development talk that covered innovation: sending in what they raised as an
idea (one query)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.tasks_registry import TaskGroup, TaskLine, tasks
from learning.models import DevelopmentTalk


@tasks("learning_talk_idea", position=60)
def talk_idea_tasks(user) -> TaskGroup | None:
    """This year's talk covered innovation and no idea has been sent from it yet: a link to the idea form."""
    if not user.is_authenticated or not user.is_city_staff:
        return None
    talk = (
        DevelopmentTalk.objects.filter(
            employee=user, year=timezone.localdate().year, innovation_discussed=True, ideas__isnull=True
        )
        .only("pk")
        .first()
    )
    if talk is None:
        return None
    text = _("Your development talk covered innovation: send in what you raised as an idea")
    return TaskGroup(_("Your development talk"), [TaskLine(text, reverse("learning:talk_idea", args=[talk.pk]), 1)])
