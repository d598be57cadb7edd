"""The catalogue's link in the main menu: the city's staff find courses on innovation there."""

from django.utils.translation import gettext_lazy

from core.tasks_registry import link

link(
    "learning",
    label=gettext_lazy("Learning"),
    url_name="learning:catalogue",
    permission="learning.find_courses",
    position=74,
)
