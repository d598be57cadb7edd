"""*Answer to the challenge …* on the page of an idea sent in answer to a challenge the reader may see."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from ideas.actions import action


def _challenge(user: Any, idea: Any) -> tuple[Any, str] | None:
    from challenges.models import Answer

    answer = Answer.objects.filter(idea_id=idea.pk).select_related("challenge", "challenge__unit").first()
    if answer is None or not user.has_perm("challenges.view_challenge", answer.challenge):
        return None
    return _("Answer to the challenge “%(title)s”") % {"title": answer.challenge.title}, (
        answer.challenge.get_absolute_url()
    )


action("challenge_answer", link=_challenge, position=15)
