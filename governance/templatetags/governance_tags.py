"""Figures in the reader's language: decimal comma and thin grouping in Swedish, the unit of measure after."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from governance.models import Measure

register = template.Library()


def format_figure(value: Decimal | float | int | None, measure: str, *, with_unit: bool = True) -> str:
    """A figure as people read it: ``12,5 %``, ``3,2 per 1 000``, ``14 dagar``; an absent figure as a dash."""
    if value is None or value == "":
        return "–"
    decimals = 0 if measure in (Measure.COUNT, Measure.SEK) else 1
    # Rounded half up (66,67 → 66,7), as people round; number_format alone would cut the digits off.
    exact = Decimal(str(value)) if isinstance(value, float) else Decimal(value)  # 12.95, not 12.9499…
    rounded = exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    number = number_format(rounded, decimal_pos=decimals, use_l10n=True, force_grouping=True)
    if not with_unit:
        return number
    if measure == Measure.PERCENT:
        return f"{number}\u00a0%"
    if measure == Measure.DAYS:
        return _("%(n)s days") % {"n": number}
    if measure == Measure.SEK:
        return f"{number}\u00a0kr"
    if measure == Measure.PER_THOUSAND:
        return _("%(n)s per 1,000") % {"n": number}
    return number


@register.filter
def figure(value, indicator) -> str:
    """``{{ value|figure:indicator }}``"""
    return format_figure(value, getattr(indicator, "measure", Measure.COUNT))


@register.simple_tag
def chart_svg(chart, indicator, chart_id: str, described_by: str | None = None) -> str:
    """``{% chart_svg chart indicator chart_id %}``: a server-drawn chart's ``<svg>`` element (``governance.charts``),
    written in one pass; ``described_by`` names the table that holds its figures when it is not ``<chart_id>-table``."""
    return chart.svg(indicator, chart_id, described_by)


@register.filter
def bare_figure(value, indicator) -> str:
    """The number alone, for table cells whose header names the unit."""
    return format_figure(value, getattr(indicator, "measure", Measure.COUNT), with_unit=False)


@register.filter
def bare_figures(values, indicators) -> list[str]:
    """``{% for cell in row.values|bare_figures:board.indicators %}``: each indicator's figure in a row, as
    ``bare_figure`` writes it; one call per row instead of a lookup and a filter per cell (a city's table has
    thousands)."""
    return [
        format_figure(
            found.value if (found := values.get(indicator.pk)) else None,
            getattr(indicator, "measure", Measure.COUNT),
            with_unit=False,
        )
        for indicator in indicators
    ]


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None
