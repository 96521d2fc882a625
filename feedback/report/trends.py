"""The dashboard's weekly trends: per-day counts summed into the weeks (Monday to Sunday) that end
with the report's day, a week with nothing counted as zero, and drawn as bar charts (charts.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from feedback.report.reading import DayCounts

WEEKS = 12


@dataclass(frozen=True)
class Series:
    """One kind of bar: the name it is stored under and the label a writer reads."""

    key: str
    label: str


@dataclass(frozen=True)
class Trend:
    """One chart's figures: for each series, one count per week (weeks oldest first, by their Monday)."""

    slug: str
    title: str
    series: tuple[Series, ...]
    weeks: tuple[date, ...]
    counts: tuple[tuple[int, ...], ...]  # counts[series][week]

    def rows(self):
        """(Monday, count of each series) per week, oldest first: the table beside the chart."""
        return [(week, [counts[n] for counts in self.counts]) for n, week in enumerate(self.weeks)]


# What each chart shows: (kind read from the database, slug, title, series).
TRENDS = (
    ("answers", "answers", '"Was this article helpful?" answers per week',
     (Series("yes", "Yes"), Series("no", "No"))),
    ("searches", "searches", "Searches per week",
     (Series("clicked", "A result opened"), Series("no click", "No click"), Series("no result", "No result"))),
    ("views", "views", "Article views per week", (Series("views", "Views"),)),
    ("contacts", "contacts", "Contact page per week",
     (Series("started", "Started"), Series("opened", "Article opened"), Series("continued", "Continued"))),
)


def week_of(day: date) -> date:
    """The Monday of the week holding `day`."""
    return day - timedelta(days=day.weekday())


def weeks_ending(on: date, count: int = WEEKS) -> tuple[date, ...]:
    """The Mondays of the `count` weeks up to the one holding `on`, oldest first."""
    last = week_of(on)
    return tuple(last - timedelta(weeks=back) for back in range(count - 1, -1, -1))


def weekly(daily: DayCounts, series: str, weeks: tuple[date, ...]) -> tuple[int, ...]:
    """`series`' count in each of `weeks`; days outside them are left out."""
    totals = dict.fromkeys(weeks, 0)
    for (day, name), count in daily.items():
        if name == series and week_of(day) in totals:
            totals[week_of(day)] += count
    return tuple(totals[week] for week in weeks)


def trends(daily: dict[str, DayCounts], on: date, count: int = WEEKS) -> list[Trend]:
    """Every chart of the dashboard for the `count` weeks up to the report's day `on`."""
    weeks = weeks_ending(on, count)
    return [Trend(slug, title, series, weeks, tuple(weekly(daily.get(kind, {}), one.key, weeks) for one in series))
            for kind, slug, title, series in TRENDS]
