"""Charts drawn on the server as SVG: the geometry and the ``<svg>`` element are worked out here; the figure around
it, its caption and the table of its figures live in templates (``components/chart_*.html``).

The SVG is written in one pass in Python (``LineChart.svg``, ``BarChart.svg``) rather than through the template
language: a page of results draws dozens of charts, and each cost about 2 ms drawn node by node. The markup is the
same as the templates wrote it (tests/governance/test_charts.py compares them). The same templates render in the
browser and in the PDF exports. Every chart is shown beside a table of its data, so nothing is conveyed by the picture
alone.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.template.defaultfilters import truncatechars
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from governance.models import Measure
from governance.templatetags.governance_tags import format_figure

#: Colours from the design system's palette, each at least 3:1 against white.
BAR_COLOUR = "#1d70b8"
TARGET_COLOUR = "#d4351c"
LINE_COLOUR = "#1d70b8"


def _axis(value: float, *, whole: bool = False) -> tuple[float, list[float]]:
    """The end of an axis at or above ``value`` and its five ticks, each a round number (1, 2, 2.5, 5 × 10^n; with
    ``whole``, for counts, 1, 2, 3, 5 × 10^n, so that no tick falls between two whole numbers)."""
    if value <= 0:
        return 4.0, [0.0, 1.0, 2.0, 3.0, 4.0]
    raw = value / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    steps = (1, 2, 3, 5, 10) if whole else (1, 2, 2.5, 5, 10)
    step = next(m * magnitude for m in steps if m * magnitude >= raw)
    if whole:
        step = max(step, 1.0)
    if step < 1 and value >= 1:
        step = 1.0
    return step * 4, [step * k for k in range(5)]


def _n(value: float | int) -> str:
    """A coordinate as the templates wrote it inside ``{% localize off %}``."""
    return localize(value, use_l10n=False)


def _figure(value, indicator) -> str:
    """A figure as the templates' ``bare_figure`` writes it, escaped."""
    return conditional_escape(format_figure(value, getattr(indicator, "measure", Measure.COUNT), with_unit=False))


def _svg_open(width: int, height: int, chart_id: str, described_by: str | None) -> str:
    chart_id = conditional_escape(chart_id)
    described = conditional_escape(described_by) if described_by else f"{chart_id}-table"
    return (
        f'<svg class="sprang-chart__svg" role="img" aria-labelledby="{chart_id}-title" aria-describedby="{described}" '
        f'viewBox="0 0 {_n(width)} {_n(height)}" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">'
    )


@dataclass
class Bar:
    label: str
    value: Decimal | None
    y: float
    width: float
    x: float
    target: Decimal | None = None
    target_x: float | None = None

    @property
    def text_y(self) -> float:
        return self.y + 13

    @property
    def label_x(self) -> float:
        return self.x - 8

    @property
    def value_x(self) -> float:
        return self.x + self.width + 6

    @property
    def target_top(self) -> float:
        return self.y - 3

    @property
    def target_bottom(self) -> float:
        return self.y + 21


@dataclass
class BarChart:
    bars: list[Bar]
    width: int
    height: int
    label_width: int
    plot_width: int
    bar_height: int
    ticks: list[tuple[float, float]] = field(default_factory=list)
    colour: str = BAR_COLOUR
    target_colour: str = TARGET_COLOUR

    @property
    def has_targets(self) -> bool:
        return any(b.target_x is not None for b in self.bars)

    @property
    def axis_bottom(self) -> int:
        return self.height - 8

    def svg(self, indicator, chart_id: str, described_by: str | None = None) -> SafeString:
        """The chart's ``<svg>`` element; figures formatted for ``indicator`` (a count when None)."""
        out = [_svg_open(self.width, self.height, chart_id, described_by), "\n    "]
        bottom = _n(self.axis_bottom)
        for x, v in self.ticks:
            out.append(
                f'<line x1="{_n(x)}" y1="18" x2="{_n(x)}" y2="{bottom}" stroke="#b1b4b6" stroke-width="1"/>'
                f'<text x="{_n(x)}" y="13" text-anchor="middle" font-size="11" fill="#0b0c0c">{_figure(v, indicator)}</text>'
            )
        out.append("\n    ")
        colour, target_colour, height = (
            conditional_escape(self.colour),
            conditional_escape(self.target_colour),
            _n(self.bar_height),
        )
        for bar in self.bars:
            text_y = _n(bar.text_y)
            out.append(
                f'<text x="{_n(bar.label_x)}" y="{text_y}" text-anchor="end" font-size="12" fill="#0b0c0c">'
                f"{conditional_escape(truncatechars(bar.label, 38))}</text>\n    "
                f'<rect x="{_n(bar.x)}" y="{_n(bar.y)}" width="{_n(bar.width)}" height="{height}" fill="{colour}"/>\n    '
                f'<text x="{_n(bar.value_x)}" y="{text_y}" font-size="12" fill="#0b0c0c">{_figure(bar.value, indicator)}</text>\n    '
            )
            if bar.target_x is not None:
                out.append(
                    f'<line x1="{_n(bar.target_x)}" y1="{_n(bar.target_top)}" x2="{_n(bar.target_x)}" '
                    f'y2="{_n(bar.target_bottom)}" stroke="{target_colour}" stroke-width="3"/>'
                )
        out.append("\n  </svg>")
        return mark_safe("".join(out))  # noqa: S308 - every value above is escaped or a number


def bar_chart(
    items: list[tuple[str, Decimal | None, Decimal | None]],
    *,
    width: int = 760,
    label_width: int = 300,
    sort: bool = True,
    whole: bool = False,
) -> BarChart:
    """Horizontal bars, one per (label, value, target), largest first (or in the order given, ``sort=False``); units
    have long names, so labels go on the left."""
    if sort:
        items = sorted(items, key=lambda item: (item[1] is None, -(item[1] or 0)))
    bar_height, gap = 18, 8
    values = [float(v) for _label, v, _t in items if v is not None] + [float(t) for *_rest, t in items if t is not None]
    top, steps = _axis(max(values, default=0), whole=whole)
    plot_width = width - label_width - 60
    bars = []
    for i, (label, value, target) in enumerate(items):
        scaled = 0.0 if value is None else float(value) / top * plot_width
        target_x = None if target is None else label_width + float(target) / top * plot_width
        bars.append(
            Bar(
                label=label,
                value=value,
                y=i * (bar_height + gap) + 24,
                width=scaled,
                x=label_width,
                target=target,
                target_x=target_x,
            )
        )
    ticks = [(label_width + plot_width * v / top, v) for v in steps]
    height = len(items) * (bar_height + gap) + 40
    return BarChart(
        bars=bars,
        width=width,
        height=height,
        label_width=label_width,
        plot_width=plot_width,
        bar_height=bar_height,
        ticks=ticks,
    )


@dataclass
class Point:
    label: str
    value: Decimal | None
    x: float
    y: float | None


@dataclass
class LineChart:
    points: list[Point]
    width: int
    height: int
    left: int
    bottom: float
    ticks: list[tuple[float, float]]
    target_y: float | None = None
    colour: str = LINE_COLOUR
    target_colour: str = TARGET_COLOUR

    @property
    def right(self) -> int:
        return self.width - 20

    @property
    def label_y(self) -> float:
        return self.bottom + 20

    @property
    def tick_x(self) -> int:
        return self.left - 6

    @property
    def path(self) -> str:
        """The line through every point that has a value (gaps are skipped, not drawn as zero)."""
        parts, pen_down = [], False
        for p in self.points:
            if p.y is None:
                pen_down = False
                continue
            parts.append(f"{'L' if pen_down else 'M'}{p.x:.1f},{p.y:.1f}")
            pen_down = True
        return " ".join(parts)

    def svg(self, indicator, chart_id: str, described_by: str | None = None) -> SafeString:
        """The chart's ``<svg>`` element; figures formatted for ``indicator`` (a count when None)."""
        out = [_svg_open(self.width, self.height, chart_id, described_by), "\n    "]
        left, right, tick_x = _n(self.left), _n(self.right), _n(self.tick_x)
        for y, v in self.ticks:
            out.append(
                f'<line x1="{left}" y1="{_n(y)}" x2="{right}" y2="{_n(y)}" stroke="#b1b4b6" stroke-width="1"/>'
                f'<text x="{tick_x}" y="{_n(y)}" text-anchor="end" dominant-baseline="middle" font-size="11" '
                f'fill="#0b0c0c">{_figure(v, indicator)}</text>'
            )
        out.append("\n    ")
        if self.target_y is not None:
            out.append(
                f'<line x1="{left}" y1="{_n(self.target_y)}" x2="{right}" y2="{_n(self.target_y)}" '
                f'stroke="{conditional_escape(self.target_colour)}" stroke-width="2" stroke-dasharray="6 4"/>'
            )
        colour = conditional_escape(self.colour)
        out.append(f'\n    <path d="{self.path}" fill="none" stroke="{colour}" stroke-width="3"/>\n    ')
        label_y = _n(self.label_y)
        for p in self.points:
            if p.y is not None:
                out.append(f'<circle cx="{_n(p.x)}" cy="{_n(p.y)}" r="4" fill="{colour}"/>')
            out.append(
                f'<text x="{_n(p.x)}" y="{label_y}" text-anchor="middle" font-size="11" fill="#0b0c0c">'
                f"{conditional_escape(p.label)}</text>"
            )
        out.append("\n  </svg>")
        return mark_safe("".join(out))  # noqa: S308 - every value above is escaped or a number


def line_chart(
    items: Sequence[tuple[str, Decimal | float | None]],
    *,
    target: Decimal | None = None,
    width: int = 720,
    height: int = 240,
    scale: tuple[float, float] | None = None,
) -> LineChart:
    """A line over time, one point per (label, value). The axis runs from 0 to a round number above the largest
    value, or over ``scale`` (low, high) with a tick on every whole number, for a fixed scale such as scores 1–5."""
    left, right, top_margin, bottom_margin = 60, 20, 16, 32
    values = [float(v) for _l, v in items if v is not None] + ([float(target)] if target is not None else [])
    if scale is not None:
        low, top = scale
        steps = [float(v) for v in range(math.ceil(low), math.floor(top) + 1)]
    else:
        low = 0.0
        top, steps = _axis(max(values, default=0))
    plot_w, plot_h = width - left - right, height - top_margin - bottom_margin
    bottom = top_margin + plot_h

    def y_of(v: float) -> float:
        return bottom - (v - low) / (top - low) * plot_h

    step = plot_w / max(len(items) - 1, 1)
    points = [
        Point(
            label=label,
            value=value,  # type: ignore[arg-type]
            x=left + i * step,
            y=None if value is None else y_of(float(value)),
        )
        for i, (label, value) in enumerate(items)
    ]
    ticks = [(y_of(v), v) for v in steps]
    target_y = None if target is None else y_of(float(target))
    return LineChart(
        points=points, width=width, height=height, left=left, bottom=bottom, ticks=ticks, target_y=target_y
    )
