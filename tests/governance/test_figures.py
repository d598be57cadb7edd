"""Figures are rounded half up wherever they are shown: the dashboard, reports and the PDF share one formatter."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from governance.models import Measure
from governance.templatetags.governance_tags import format_figure


@pytest.mark.parametrize(
    ("value", "measure", "swedish", "english"),
    [
        (Decimal("66.67"), Measure.PERCENT, "66,7\u00a0%", "66.7\u00a0%"),
        (Decimal("12.96"), Measure.DAYS, "13,0 dagar", "13.0 days"),
        (Decimal("12.95"), Measure.DAYS, "13,0 dagar", "13.0 days"),
        (Decimal("12.94"), Measure.DAYS, "12,9 dagar", "12.9 days"),
        (12.95, Measure.PERCENT, "13,0\u00a0%", "13.0\u00a0%"),
        (Decimal("1039999.50"), Measure.SEK, "1\u00a0040\u00a0000\u00a0kr", "1,040,000\u00a0kr"),
        (Decimal("2.5"), Measure.COUNT, "3", "3"),
        (None, Measure.PERCENT, "–", "–"),
    ],
)
def test_figures_are_rounded_half_up_not_cut_off(value, measure, swedish, english):
    with translation.override("sv"):
        assert format_figure(value, measure).replace(" ", "\u00a0") == swedish.replace(" ", "\u00a0")
    with translation.override("en"):
        assert format_figure(value, measure).replace(" ", "\u00a0") == english.replace(" ", "\u00a0")


def test_the_template_filters_round_too():
    indicator = type("Indicator", (), {"measure": Measure.PERCENT})()
    template = Template("{% load governance_tags %}{{ v|figure:i }}|{{ v|bare_figure:i }}")
    with translation.override("sv"):
        assert template.render(Context({"v": Decimal("66.67"), "i": indicator})) == "66,7\u00a0%|66,7"
