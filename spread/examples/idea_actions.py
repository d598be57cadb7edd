"""*Publish as a good example* on the page of an idea that has been put into practice and assessed, for its
author, the innovation office of its unit and the director; *See the good example* once it is one."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ideas.actions import action
from spread.examples.rules import PUBLISHABLE_STAGES


def _good_example(user: Any, idea: Any) -> tuple[Any, str] | None:
    if idea.stage not in PUBLISHABLE_STAGES or not user.is_authenticated:
        return None
    may_publish = user.has_perm("spread.publish_idea_as_example", idea)
    if not may_publish and not user.is_city_staff:
        return None
    from spread.models import Example

    example = Example.objects.filter(idea_id=idea.pk).select_related("unit").first()
    if example is not None:
        if user.has_perm("spread.view_example", example):
            return _("See the good example"), example.get_absolute_url()
        return None
    # The idea page prefetches its assessments: no query to know whether it has one.
    if may_publish and any(True for _a in idea.assessments.all()):
        return _("Publish as a good example"), reverse("spread:example_publish", args=[idea.pk])
    return None


action("good_example", link=_good_example, position=20)
