"""On an idea in the lock, its unit's manager or innovation office may adopt a good example instead."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ideas.actions import action
from ideas.lock import ROUTE
from spread.adoptions.rules import leads


def _link(user, idea):
    if not (user.is_authenticated and idea.stage in ROUTE and leads(user, idea.unit)):
        return None
    return _("The same as a good example? Adopt it instead"), reverse("spread:adopt_from_idea", args=[idea.pk])


action("adopt_example", link=_link)
