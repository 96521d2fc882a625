"""Bar charts drawn on the server: the geometry of one inline SVG per trend, which
templates/chart.html writes out (escaped like every other value), so the charts need no script."""

from __future__ import annotations

from dataclasses import dataclass

from feedback.report.trends import Trend

# Narrow enough that the text stays legible when a phone shrinks the chart to its width.
WIDTH, HEIGHT = 480, 240
LEFT, RIGHT, TOP, BOTTOM = 48, 8, 12, 48  # room for the count axis, the week labels and the axis titles
GROUP_FILL = 0.8  # the share of a week's slot its bars take; the rest separates the weeks
LABEL_EVERY = 2  # weeks per label along the bottom: a label per week would overlap its neighbours


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    series: int
    title: str  # what a pointer or a screen reader gets: the week, the series and the count


@dataclass(frozen=True)
class Tick:
    position: float
    label: str


@dataclass(frozen=True)
class Drawing:
    trend: Trend
    bars: list[Bar]
    counts: list[Tick]  # along the left axis, y positions
    weeks: list[Tick]  # along the bottom axis, x positions
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    bottom: float = HEIGHT - BOTTOM
    right: int = WIDTH - RIGHT


def axis_top(largest: int) -> int:
    """The count at the top of the axis: the smallest 1, 2 or 5 times a power of ten that holds `largest`."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if factor * step >= largest:
                return factor * step
        step *= 10


def count_ticks(top: int, plot_height: float) -> list[Tick]:
    """0, the middle when it is a whole count, and the top."""
    values = [0, top // 2, top] if top % 2 == 0 and top > 1 else [0, top]
    return [Tick(TOP + plot_height * (1 - value / top), str(value)) for value in values]


def draw(trend: Trend) -> Drawing:
    """The bars, count ticks and week labels of `trend`'s chart."""
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    top = axis_top(max((max(counts, default=0) for counts in trend.counts), default=0))
    slot = plot_width / len(trend.weeks)
    bar_width = slot * GROUP_FILL / len(trend.series)
    bars, weeks = [], []
    for n, week in enumerate(trend.weeks):
        start = LEFT + n * slot + slot * (1 - GROUP_FILL) / 2
        if (len(trend.weeks) - 1 - n) % LABEL_EVERY == 0:  # counted back from the last week, which is always labelled
            weeks.append(Tick(round(LEFT + (n + 0.5) * slot, 1), week.strftime("%m-%d")))
        for s, (series, counts) in enumerate(zip(trend.series, trend.counts)):
            height = plot_height * counts[n] / top
            bars.append(Bar(round(start + s * bar_width, 1), round(TOP + plot_height - height, 1),
                            round(bar_width, 1), round(height, 1), s,
                            f"Week of {week.isoformat()}: {series.label} {counts[n]}"))
    return Drawing(trend, bars, count_ticks(top, plot_height), weeks)
