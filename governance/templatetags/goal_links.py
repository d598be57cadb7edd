"""``{% goal_links thing %}``: the goals an idea, a call, a need or a challenge serves, and the link to change them.

Pages include ``governance/partials/goal_links.html`` with ``thing``; it shows to the city's staff only (the goals
and the goal view are theirs), in two queries at most (the goals, and the person's rules).
"""

from __future__ import annotations

from django import template
from django.urls import reverse

from governance import goal_work
from governance.selectors import goals_of

register = template.Library()


@register.inclusion_tag("governance/partials/goal_links_body.html", takes_context=True)
def goal_links(context, thing) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    kind = goal_work.kind_of(thing) if thing is not None else None
    if kind is None or user is None or not user.has_perm("governance.view_goal_work"):
        return {"shown": False}
    may_tag = kind.may_tag(user, thing)
    return {
        "shown": True,
        "goals": goals_of(thing),
        "kind": kind,
        "change_url": reverse("governance:work_goals", args=[kind.key, thing.pk]) if may_tag else "",
    }
