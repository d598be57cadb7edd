"""*Describe the need behind it* on an idea's page, for whoever may write needs for the idea's unit: the need form
opens seen in that idea, with the idea's unit chosen."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from challenges.needs.rules import writes_for_unit
from ideas.actions import action


def _describe_need(user: Any, idea: Any) -> tuple[Any, str] | None:
    if not user.is_authenticated or not user.is_city_staff or idea.unit_id is None:
        return None
    if not user.has_perm("challenges.add_need") or not writes_for_unit(user, idea.unit):
        return None
    return _("Describe the need behind it"), f"{reverse('challenges:need_new')}?idea={idea.pk}"


action("describe_need", link=_describe_need, position=30)
