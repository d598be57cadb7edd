"""An application's status as a tag: one colour for each status, on every page that shows it."""

from __future__ import annotations

from django import template

from calls.models import Status

register = template.Library()

#: The design system's tag colour of each status (a status not named here is grey).
STATUS_COLOURS = {
    Status.SUBMITTED: "blue",
    Status.IN_REVIEW: "purple",
    Status.INELIGIBLE: "orange",
    Status.GRANTED: "green",
    Status.REJECTED: "red",
}


@register.filter
def status_colour(status: str) -> str:
    """The tag colour of an application's status: ``{{ application.status|status_colour }}``."""
    try:
        return STATUS_COLOURS.get(Status(status), "grey")
    except ValueError:
        return "grey"
