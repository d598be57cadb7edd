"""The ideas a person coaches and that are still under way, for the innovation office when they leave."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ideas.lock import ACTIVE_STAGES
from ideas.models import Idea
from organisation.leaving import open_work


@open_work("ideas", position=20)
def coached_ideas(person) -> list[str]:
    ideas = Idea.objects.filter(coach=person, stage__in=ACTIVE_STAGES).order_by("title")
    titles = ideas.values_list("title", flat=True)
    return [_("coach of the idea “%(title)s”") % {"title": title} for title in titles]
