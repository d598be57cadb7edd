"""The main menu's link to challenges (everyone: public ones are for everyone) and the office's task: challenges
that have closed with answers still lacking a response."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from challenges.challenges import selectors
from challenges.challenges.rules import is_challenge_office
from core.tasks_registry import TaskGroup, TaskLine, link, tasks
from organisation.models import Role

link("challenges", label=gettext_lazy("Challenges"), url_name="challenges:challenges", position=35)


@tasks("challenge_responses", position=58)
def answers_to_respond_to(user) -> TaskGroup | None:
    """The innovation office (of the challenge's unit or above) and the director."""
    if not is_challenge_office(user):
        return None
    paths = None if user.is_director else user.role_paths.get(Role.OFFICE, [])
    challenges = list(selectors.awaiting_response(units_paths=paths, now=timezone.now())[:20])
    pending = {challenge.pk: getattr(challenge, "pending", 0) for challenge in challenges}
    lines = [
        TaskLine(
            ngettext(
                "%(title)s: %(n)s answer without a response",
                "%(title)s: %(n)s answers without a response",
                pending[challenge.pk],
            )
            % {"title": challenge.title, "n": pending[challenge.pk]},
            reverse("challenges:challenge_responses", args=[challenge.pk]),
            pending[challenge.pk],
        )
        for challenge in challenges
    ]
    return TaskGroup(_("Challenges"), lines, _("Every answer to a closed challenge has a response."))
