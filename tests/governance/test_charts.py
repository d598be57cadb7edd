"""The server-drawn line chart's geometry: the axis from 0 to a round number, or over a fixed scale."""

from decimal import Decimal

from governance.charts import line_chart


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
