"""The survey rounds' link in the main menu."""

from django.utils.translation import gettext_lazy

from core.tasks_registry import link

link(
    "surveys", label=gettext_lazy("Surveys"), url_name="surveys:rounds", permission="surveys.view_results", position=72
)
