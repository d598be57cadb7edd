"""The server-drawn line chart's geometry: the axis from 0 to a round number, or over a fixed scale."""

from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.template import engines
from django.utils import translation

from governance.charts import bar_chart, line_chart
from governance.models import Measure


def test_a_line_from_zero_ends_its_axis_at_a_round_number_above_the_largest_value():
    chart = line_chart([("2025", Decimal(30)), ("2026", None), ("2027", Decimal(70))], width=720, height=240)
    assert [v for _y, v in chart.ticks] == [0.0, 20.0, 40.0, 60.0, 80.0]
    first, gap, last = chart.points
    assert gap.y is None and first.y is not None and last.y is not None
    assert chart.path.count("M") == 2 and "L" not in chart.path  # a missing value is a gap, never a zero
    assert first.y > last.y  # larger values are drawn higher


def test_a_fixed_scale_puts_its_ends_at_the_bottom_and_top_with_a_tick_on_every_whole_number():
    chart = line_chart([("2025", 1.0), ("2026", 5.0), ("2027", 3.0)], width=360, height=180, scale=(1, 5))
    assert [v for _y, v in chart.ticks] == [1.0, 2.0, 3.0, 4.0, 5.0]
    low, high, middle = chart.points
    assert low.y == chart.bottom
    assert high.y == 16  # the top margin: the top of the plot
    assert middle.y == (low.y + high.y) / 2
    assert chart.path.startswith("M60.0,") and chart.path.count("L") == 2


# The charts' SVG as the templates wrote it before it was written in one pass (``LineChart.svg``, ``BarChart.svg``).
LINE_TEMPLATE = (
    "{% load l10n governance_tags %}"
    + """{% localize off %}<svg class="sprang-chart__svg" role="img" aria-labelledby="{{ chart_id }}-title" aria-describedby="{% if described_by %}{{ described_by }}{% else %}{{ chart_id }}-table{% endif %}" viewBox="0 0 {{ chart.width }} {{ chart.height }}" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">
    {% for y, v in chart.ticks %}<line x1="{{ chart.left }}" y1="{{ y }}" x2="{{ chart.right }}" y2="{{ y }}" stroke="#b1b4b6" stroke-width="1"/><text x="{{ chart.tick_x }}" y="{{ y }}" text-anchor="end" dominant-baseline="middle" font-size="11" fill="#0b0c0c">{{ v|bare_figure:indicator }}</text>{% endfor %}
    {% if chart.target_y is not None %}<line x1="{{ chart.left }}" y1="{{ chart.target_y }}" x2="{{ chart.right }}" y2="{{ chart.target_y }}" stroke="{{ chart.target_colour }}" stroke-width="2" stroke-dasharray="6 4"/>{% endif %}
    <path d="{{ chart.path }}" fill="none" stroke="{{ chart.colour }}" stroke-width="3"/>
    {% for p in chart.points %}{% if p.y is not None %}<circle cx="{{ p.x }}" cy="{{ p.y }}" r="4" fill="{{ chart.colour }}"/>{% endif %}<text x="{{ p.x }}" y="{{ chart.label_y }}" text-anchor="middle" font-size="11" fill="#0b0c0c">{{ p.label }}</text>{% endfor %}
  </svg>{% endlocalize %}"""
)
BAR_TEMPLATE = (
    "{% load l10n governance_tags %}"
    + """{% localize off %}<svg class="sprang-chart__svg" role="img" aria-labelledby="{{ chart_id }}-title" aria-describedby="{{ chart_id }}-table" viewBox="0 0 {{ chart.width }} {{ chart.height }}" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">
    {% for x, v in chart.ticks %}<line x1="{{ x }}" y1="18" x2="{{ x }}" y2="{{ chart.axis_bottom }}" stroke="#b1b4b6" stroke-width="1"/><text x="{{ x }}" y="13" text-anchor="middle" font-size="11" fill="#0b0c0c">{{ v|bare_figure:indicator }}</text>{% endfor %}
    {% for bar in chart.bars %}<text x="{{ bar.label_x }}" y="{{ bar.text_y }}" text-anchor="end" font-size="12" fill="#0b0c0c">{{ bar.label|truncatechars:38 }}</text>
    <rect x="{{ bar.x }}" y="{{ bar.y }}" width="{{ bar.width }}" height="{{ chart.bar_height }}" fill="{{ chart.colour }}"/>
    <text x="{{ bar.value_x }}" y="{{ bar.text_y }}" font-size="12" fill="#0b0c0c">{{ bar.value|bare_figure:indicator }}</text>
    {% if bar.target_x is not None %}<line x1="{{ bar.target_x }}" y1="{{ bar.target_top }}" x2="{{ bar.target_x }}" y2="{{ bar.target_bottom }}" stroke="{{ chart.target_colour }}" stroke-width="3"/>{% endif %}{% endfor %}
  </svg>{% endlocalize %}"""
)


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("measure", [Measure.PERCENT, Measure.SEK, None])
def test_the_svg_written_in_one_pass_is_the_templates_markup(language, measure):
    indicator = SimpleNamespace(measure=measure) if measure else None
    line = line_chart(
        [("2021", Decimal("12.5")), ("<2022 & co>", None), ("2023", Decimal("1234.56")), ("2024", Decimal("0.05"))],
        target=Decimal("1500"),
    )
    small = line_chart([("2025", 3.4), ("2026", None)], width=300, height=170, scale=(1, 5))
    bars = bar_chart(
        [
            ("Stadsledningskontoret & <co>", Decimal("1234567"), Decimal("1000000")),
            ("En förvaltning med ett mycket långt namn som inte får plats", Decimal("12.5"), None),
            ("Ingen siffra", None, Decimal("3")),
        ]
    )
    counts = bar_chart(
        [("1", Decimal(3), None), ("2", Decimal(0), None), ("5", Decimal(11), None)], sort=False, whole=True
    )
    engine = engines["django"]
    with translation.override(language):
        for chart, template, described_by in (
            (line, LINE_TEMPLATE, None),
            (small, LINE_TEMPLATE, "trend-table"),
            (bars, BAR_TEMPLATE, None),
            (counts, BAR_TEMPLATE, None),
        ):
            context = {"chart": chart, "indicator": indicator, "chart_id": "c-1", "described_by": described_by}
            before = engine.from_string(template).render(context)
            assert str(chart.svg(indicator, "c-1", described_by)) == before
