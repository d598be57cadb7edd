from __future__ import annotations

from django import template

from procurement.guidance import STEPS

register = template.Library()


@register.inclusion_tag("procurement/partials/guidance.html")
def guidance(step: str) -> dict:
    """The law's guidance for a step of the work (``procurement.guidance.STEPS``), folded in a details box."""
    return {"guidance": STEPS[step], "step": step}
