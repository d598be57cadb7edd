"""What waits for an invited person: the surveys they are invited to, open now and not yet answered."""

from __future__ import annotations

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.tasks_registry import TaskGroup, TaskLine, tasks
from surveys.models import Invitation, RoundState
from surveys.rounds import links
from surveys.rounds.services import today


@tasks("surveys-answer", position=15)
def invitee_tasks(user) -> TaskGroup | None:
    """Each open round the person is invited to and has not answered, with their personal link; one query."""
    if not user.is_authenticated:
        return None
    day = today()
    invitations = list(
        Invitation.objects.filter(
            person=user,
            answered=False,
            round__state=RoundState.OPEN,
            round__opens_on__lte=day,
            round__closes_on__gte=day,
        )
        .select_related("round")
        .order_by("round__closes_on", "round__pk")
    )
    if not invitations:
        return None
    lines = [
        TaskLine(
            _("Answer the survey %(name)s by %(day)s")
            % {"name": i.round.name, "day": date_format(i.round.closes_on, "j F")},
            links.answer_path(links.token_for(i.salt)),
            1,
        )
        for i in invitations
    ]
    return TaskGroup(_("Surveys to answer"), lines)
