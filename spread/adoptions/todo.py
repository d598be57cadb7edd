"""What waits for a person in adoptions: new adoptions of their examples, and adoptions of their units to move on."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.tasks_registry import TaskGroup, TaskLine, tasks
from organisation.models import Role
from spread.adoptions.rules import led_paths
from spread.adoptions.selectors import new_adoptions_for
from spread.models import Adoption, AdoptionState, Example

#: How far back "new" adoptions of one's examples go.
NEW_DAYS = 30
#: After how long an adoption still considering or trying asks for its next step.
STALE_DAYS = 90


@tasks("adoptions", position=70)
def adoption_tasks(user) -> TaskGroup | None:
    if not user.is_authenticated or not user.is_city_staff:
        return None
    now = timezone.now()
    lines = []
    owns = user.role_paths.get(Role.OFFICE) or Example.objects.filter(owner=user).exists()
    if owns:
        new = new_adoptions_for(user, now - timedelta(days=NEW_DAYS)).count()
        if new:
            lines.append(
                TaskLine(
                    ngettext(
                        "%(n)d new adoption of your examples in the last %(days)d days",
                        "%(n)d new adoptions of your examples in the last %(days)d days",
                        new,
                    )
                    % {"n": new, "days": NEW_DAYS},
                    reverse("spread:adoptions") + "?scope=of_ours&sort=newest",
                    new,
                )
            )
    paths = led_paths(user)
    if paths:
        under = Q(pk__in=[])
        for path in paths:
            under |= Q(unit__path__startswith=path)
        stale = (
            Adoption.objects.filter(under, state__in=(AdoptionState.CONSIDERING, AdoptionState.TRYING))
            .filter(state_changed_at__lt=now - timedelta(days=STALE_DAYS))
            .count()
        )
        if stale:
            lines.append(
                TaskLine(
                    ngettext(
                        "%(n)d adoption has not moved on for %(days)d days: record its next step",
                        "%(n)d adoptions have not moved on for %(days)d days: record their next step",
                        stale,
                    )
                    % {"n": stale, "days": STALE_DAYS},
                    reverse("spread:adoptions") + "?scope=ours&state=running&sort=changed",
                    stale,
                )
            )
    if not owns and not paths:
        return None
    return TaskGroup(_("Adoptions"), lines, _("No adoption is waiting for you."))
