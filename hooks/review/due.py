"""An article's review plan (owner, and a review day or interval) and the day its next review is due.

Pure: the day an interval counts from is given (the `reviewed` key, else the last commit's day),
never read from the clock, so a build that draws it stays the same whenever it runs.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

INTERVAL_RE = re.compile(r"(?P<count>[0-9]{1,4})[ \t]+(?P<unit>day|week|month|year)s?", re.IGNORECASE)
ISO_DAY_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# A longer interval would mean nobody is expected to look at the article again.
LONGEST_YEARS = 10
LONGEST_MONTHS = LONGEST_YEARS * 12
LONGEST_DAYS = LONGEST_YEARS * 366
UNIT_MONTHS = {"month": 1, "year": 12}
UNIT_DAYS = {"day": 1, "week": 7}


@dataclass(frozen=True)
class Interval:
    """A review interval: a count of days or of months (weeks and years are given in those)."""

    days: int = 0
    months: int = 0

    def after(self, day: date) -> date:
        """The day one interval after `day`; a month-end day that the target month lacks becomes its last day."""
        if self.days:
            return day + timedelta(days=self.days) if date.max - day > timedelta(days=self.days) else date.max
        year, month = divmod(day.year * 12 + day.month - 1 + self.months, 12)
        if year > date.max.year:
            return date.max
        return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


@dataclass(frozen=True)
class ReviewPlan:
    """What an article's front matter says about its review: who, and by when or how often."""

    owner: str
    review_by: date | None = None
    every: Interval | None = None
    reviewed: date | None = None

    def last_reviewed(self, committed: date) -> date:
        """The day the article was last reviewed: its `reviewed` key, else its last commit's day."""
        return self.reviewed or committed

    def due(self, committed: date) -> date:
        """The day the next review is due."""
        if self.review_by is not None:
            return self.review_by
        return self.every.after(self.last_reviewed(committed))


def parse_interval(text: str) -> Interval | None:
    """`6 months`, `90 days`, `2 weeks`, `1 year` as an Interval; None for anything else or too long."""
    match = INTERVAL_RE.fullmatch(text.strip())
    if not match or int(match["count"]) == 0:
        return None
    count, unit = int(match["count"]), match["unit"].lower()
    if unit in UNIT_DAYS:
        days = count * UNIT_DAYS[unit]
        return Interval(days=days) if days <= LONGEST_DAYS else None
    months = count * UNIT_MONTHS[unit]
    return Interval(months=months) if months <= LONGEST_MONTHS else None


def parse_day(text: str) -> date | None:
    """A day written YYYY-MM-DD as a date; None for any other text or a day the calendar lacks."""
    if not ISO_DAY_RE.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None
