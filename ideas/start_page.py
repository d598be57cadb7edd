"""What the ideas add to the start page: the figures, the person's own ideas, those spreading and the latest."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache

from core.start_page import section
from ideas import selectors
from ideas.lock import Stage
from ideas.models import Idea, Visibility

#: How long the start page's figures are kept unasked for: they change only with a write to an idea, which moves the
#: key on, so this only lets figures nobody asks for any more leave the cache.
COUNTS_SECONDS = 60 * 60


def _start_page_counts(user) -> dict[str, int]:
    """The start page's aggregate figures, the same for everyone who sees the same ideas, and never past a write
    to an idea: kept under the ideas' own version, so that comments, supports and writes elsewhere (which move
    the public content version on) leave them valid. None of them changes by the clock alone."""
    audience = "staff" if user.is_authenticated and user.kind == "employee" else f"user-{user.pk or 0}"
    key = f"start-counts:{selectors.ideas_generation()}:{audience}"
    counts = cache.get(key)
    if counts is None:
        counts = selectors.idea_counts(qs=Idea.objects.visible_to(user), overdue=False)
        cache.set(key, counts, COUNTS_SECONDS)
    return counts


@section("ideas", position=10)
def ideas(request) -> dict[str, Any]:
    user = request.user
    public_ideas = Idea.objects.visible_to(user)
    context = {
        "counts": _start_page_counts(user),
        "latest": public_ideas.filter(visibility=Visibility.PUBLIC).select_related("unit").order_by("-created_at")[:5],
        "spreading": public_ideas.filter(stage=Stage.SPREAD).select_related("unit").order_by("-stage_changed_at")[:5],
    }
    if user.is_authenticated:
        context["my_ideas"] = Idea.objects.filter(author=user).select_related("unit").order_by("-updated_at")[:5]
    return context
