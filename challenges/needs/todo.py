"""The main menu's link to the needs, and on the start page the needs waiting for the innovation office and the
needs returned to their writers. Each group asks one question (an aggregate)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from challenges.needs import selectors
from core.tasks_registry import TaskGroup, TaskLine, link, tasks
from organisation.models import Role

link("needs", label=gettext_lazy("Needs"), url_name="challenges:needs", permission="challenges.view_needs", position=46)


@tasks("needs_office", position=16)
def office_tasks(user) -> TaskGroup | None:
    """The innovation office (and the director): needs waiting for validation, and validated ones without a route."""
    if not user.is_authenticated or not user.is_city_staff or not (user.has_role(Role.OFFICE) or user.is_director):
        return None
    counts = selectors.waiting_counts(user)
    url = reverse("challenges:needs")
    lines = []
    if counts["submitted"]:
        text = ngettext("%(n)s need waiting for validation", "%(n)s needs waiting for validation", counts["submitted"])
        lines.append(TaskLine(text % {"n": counts["submitted"]}, f"{url}?status=submitted", counts["submitted"]))
    if counts["validated"]:
        text = ngettext(
            "%(n)s validated need without a route", "%(n)s validated needs without a route", counts["validated"]
        )
        lines.append(TaskLine(text % {"n": counts["validated"]}, f"{url}?status=validated", counts["validated"]))
    return TaskGroup(_("Needs to validate"), lines, _("No need is waiting for validation."))


@tasks("needs_returned", position=26)
def writer_tasks(user) -> TaskGroup | None:
    """A writer of needs: the needs the office returned to them for changes."""
    if not user.has_perm("challenges.add_need"):
        return None
    returned = selectors.returned_to(user).count()
    lines = []
    if returned:
        text = ngettext("%(n)s need returned to you for changes", "%(n)s needs returned to you for changes", returned)
        lines.append(TaskLine(text % {"n": returned}, f"{reverse('challenges:needs')}?status=returned", returned))
    return TaskGroup(_("Your needs"), lines, _("None of your needs is waiting for changes."))
