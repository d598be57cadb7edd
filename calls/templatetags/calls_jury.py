"""What another app's jury scores for (a challenge's answers), so that the jury's pages link back to it."""

from __future__ import annotations

from django import template

from calls.models import Call
from calls.rules import jury_owner as owner_of

register = template.Library()


@register.simple_tag
def jury_owner(call: Call | None) -> dict[str, str] | None:
    """``{% jury_owner call as owner %}``: ``owner.title``, ``owner.url`` and ``owner.manage_url``, or None."""
    if call is None or not call.is_jury_only:
        return None
    return owner_of(call)
