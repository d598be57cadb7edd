"""The ideas' scheduled jobs: first answers past their date, and parked ideas whose date has come."""

from __future__ import annotations

import functools
import logging
from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import DomainError
from core.models import SentReminder
from core.scheduling import job, remind
from ideas import services
from ideas.models import Idea
from organisation.models import Role

logger = logging.getLogger(__name__)

#: How long after the answer date the unit's manager is reminded too, if the idea is still unanswered.
MANAGER_AFTER = timedelta(days=7)
MANAGER_KEY = "ideas.overdue.manager:"


def _office_message(title: str) -> str:
    return _("“%(title)s” is past its date for a first answer. Give the person who sent it an answer.") % {
        "title": title
    }


def _manager_message(title: str) -> str:
    return _(
        "“%(title)s” has waited more than a week past its date for a first answer. "
        "See that the innovation office answers it."
    ) % {"title": title}


@job("ideas.overdue", position=10)
def overdue_first_answers(now: datetime) -> int:
    """An idea past its answer date: its unit's innovation office is reminded; a week later, its manager too."""
    sent = 0
    # Ideas whose manager has been reminded are done with: an old unanswered idea costs one set lookup per run.
    done = set(SentReminder.objects.filter(key__startswith=MANAGER_KEY).values_list("key", flat=True))
    for idea in Idea.objects.overdue(now).select_related("unit").order_by("answer_due_at", "pk"):
        if f"{MANAGER_KEY}{idea.pk}" in done:
            continue
        title, url = idea.title, idea.get_absolute_url()
        sent += remind(
            key=f"ideas.overdue.office:{idea.pk}",
            recipients=services.nearest_with_role(Role.OFFICE, idea.unit),
            message_factory=functools.partial(_office_message, title),
            url=url,
            now=now,
        )
        if idea.answer_due_at + MANAGER_AFTER <= now:
            sent += remind(
                key=f"{MANAGER_KEY}{idea.pk}",
                recipients=services.nearest_with_role(Role.MANAGER, idea.unit),
                message_factory=functools.partial(_manager_message, title),
                url=url,
                now=now,
            )
    return sent


@job("ideas.parked", position=20)
def parked_ideas_return(now: datetime) -> int:
    """Parked ideas whose date has come go back to the stage they were parked in (``services.parked_return``)."""
    returned = 0
    for idea in services.parked_due(today=timezone.localdate(now)):
        try:
            if services.parked_return(idea=idea, now=now) is not None:
                returned += 1
        except DomainError as error:
            # A gate's condition holds it back: it stays parked, and the office sees it among the parked ideas.
            logger.warning("Parked idea %s could not return: %s", idea.pk, error)
    return returned
