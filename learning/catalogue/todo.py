"""The catalogue's link in the main menu: the city's staff find courses on innovation there."""

import rules
from django.utils.translation import gettext_lazy

from core.tasks_registry import link
from ideas.rules import is_city_staff

# Who the menu's link is for: the city's staff (anyone else finds the public courses on the public site).
if not rules.perm_exists("learning.find_courses"):
    rules.add_perm("learning.find_courses", is_city_staff)

link(
    "learning",
    label=gettext_lazy("Learning"),
    url_name="learning:catalogue",
    permission="learning.find_courses",
    position=74,
)
