"""The networks in the main menu: a partner outside the city gets a link to their networks (the only pages they
reach); city staff find the networks in the spread section's navigation, beside the good examples and events."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from core.tasks_registry import link

link(
    "networks",
    label=gettext_lazy("Networks"),
    url_name="spread:networks",
    permission="spread.networks_in_menu",
    position=48,
)
