"""What the ideas add to the start page: the figures, the person's own ideas, those spreading and the latest."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache

from core.public_cache import current_version
from core.start_page import section
from ideas import selectors
from ideas.lock import Stage
from ideas.models import Idea, Visibility


def _start_page_counts(user) -> dict[str, int]:
    """The start page's aggregate figures, cached a minute and never past a write: the same for everyone who
    sees the same ideas."""
    audience = "staff" if user.is_authenticated and user.kind == "employee" else f"user-{user.pk or 0}"
    key = f"start-counts:{current_version()}:{audience}"  # never older than what public pages show
    counts = cache.get(key)
    if counts is None:
        counts = selectors.idea_counts(qs=Idea.objects.visible_to(user))
        cache.set(key, counts, 60)
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
