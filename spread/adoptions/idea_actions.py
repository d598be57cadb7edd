"""On an idea in the lock, its unit's manager or innovation office may adopt a good example instead."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ideas.actions import action
from ideas.lock import ROUTE
from spread.adoptions.rules import leads


def _shown(user, idea) -> bool:
    return idea.stage in ROUTE and leads(user, idea.unit)


action(
    "adopt_example",
    label=_("The same as a good example? Adopt it instead"),
    url=lambda idea: reverse("spread:adopt_from_idea", args=[idea.pk]),
    shown=_shown,
)
