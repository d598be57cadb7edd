"""Survey figures as people read them: a mean with one decimal, a share in per cent (``governance``'s formatting)."""

from __future__ import annotations

from django import template

from governance.models import Measure
from governance.templatetags.governance_tags import format_figure

register = template.Library()


@register.filter
def score(value) -> str:
    """A mean of scores 1–5 with one decimal (``3,4``); none as a dash."""
    return format_figure(value, Measure.MEAN)


@register.filter
def share(value) -> str:
    """A share in per cent with one decimal (``62,5 %``); none as a dash."""
    return format_figure(value, Measure.PERCENT)
