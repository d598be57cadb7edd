"""The main menu's link to the library of good examples, and on the start page the award winners proposed as good
examples that wait for the city's innovation office."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core.tasks_registry import TaskGroup, TaskLine, link, tasks
from spread.models import Example, ExampleStatus

link("examples", label=gettext_lazy("Good examples"), url_name="spread:examples", position=45)


@tasks("proposed_examples", position=15)
def proposed_examples(user) -> TaskGroup | None:
    """The city's innovation office: award winners proposed as good examples, to check and confirm."""
    if not user.has_perm("spread.view_proposed_examples"):
        return None
    waiting = Example.objects.filter(status=ExampleStatus.PROPOSED).count()
    lines = []
    if waiting:
        text = ngettext(
            "%(n)s award winner proposed as a good example", "%(n)s award winners proposed as good examples", waiting
        )
        lines.append(TaskLine(text % {"n": waiting}, reverse("spread:examples_proposed"), waiting))
    return TaskGroup(_("Good examples to confirm"), lines, _("No proposed good example is waiting."))
