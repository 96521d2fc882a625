"""The stale report: one row for each article whose review is overdue on a given day.

A row is (path, owner, reason, due day), so other reasons an article goes stale can join the
same report as more rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Iterable

from hooks.review.due import ReviewPlan

REVIEW = "review"


@dataclass(frozen=True, order=True)
class StaleRow:
    """One overdue duty on one article; rows sort by path, then reason."""

    path: str
    reason: str
    owner: str
    due: date

    def line(self, on: date) -> str:
        """The report's line for this row on the day `on`."""
        late = (on - self.due).days
        return (f"{self.path}: {self.reason} was due {self.due.isoformat()}, {late} day{'s' * (late != 1)} "
                f"overdue; owner: {printable(self.owner)}")


def printable(text: str) -> str:
    """The text with control characters written as escapes, so a front-matter value cannot drive the terminal."""
    return "".join(char if char.isprintable() else f"\\u{ord(char):04x}" for char in text)


def review_rows(articles: Iterable[tuple[str, ReviewPlan, date]], on: date) -> list[StaleRow]:
    """The sorted rows of the articles, given as (path, plan, day the plan counts from), overdue on `on`.

    An article is overdue from the day after its due day: on the due day itself it is still on time.
    """
    rows = [StaleRow(path, REVIEW, plan.owner, plan.due(committed)) for path, plan, committed in articles]
    return sorted(row for row in rows if row.due < on)
