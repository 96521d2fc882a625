"""The CSV file beside each of the dashboard's sections; reader text is kept from running as a formula."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import date

from feedback.events import CONTACT_STEPS
from feedback.report.articles import Row, Split
from feedback.report.stale import Overdue
from feedback.report.trends import Trend

# Spreadsheets run a cell that starts with one of these as a formula; readers' comments must not.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: str) -> str:
    """A CSV cell a spreadsheet shows as text, never runs as a formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def as_csv(header: list[str], rows: Iterable[list]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def reasons_cell(side: Split) -> str:
    return "; ".join(f"{label}: {count}" for label, count in sorted(side.reasons.items()))


def comments_cell(side: Split) -> str:
    """One line per comment, each starting with its time, so no cell starts with the reader's text."""
    return "\n".join(f"{created} {text}" for created, text in side.comments)


def articles_csv(rows: list[Row]) -> str:
    header = ["article", "url", "source", "yes", "no", "share_no", "views", "views_x_no_since_edit", "last_edit",
              "yes_since_edit", "no_since_edit", "reasons_since_edit", "reasons_before_edit", "comments_since_edit",
              "comments_before_edit", "language"]
    return as_csv(header, ([safe_cell(row.title), row.url, row.source, row.yes, row.no,
                            "" if row.share_no is None else f"{row.share_no:.3f}", row.views, row.impact,
                            row.revision or "", row.since.yes, row.since.no, reasons_cell(row.since),
                            reasons_cell(row.before), comments_cell(row.since), comments_cell(row.before),
                            row.language]
                           for row in rows))


def funnel_csv(funnel: dict[str, int]) -> str:
    return as_csv(["step", "count"], ([step, funnel.get(step, 0)] for step in CONTACT_STEPS))


def stale_csv(owners: list[tuple[str, list[Overdue]]], on: date) -> str:
    return as_csv(["owner", "source", "title", "due", "days_overdue", "report_day"],
                  ([safe_cell(owner), article.source, safe_cell(article.title), article.due.isoformat(), article.late,
                    on.isoformat()] for owner, articles in owners for article in articles))


def trends_csv(charts: list[Trend]) -> str:
    """One row per chart, series and week: every bar of every chart."""
    return as_csv(["chart", "series", "week_of", "count"],
                  ([trend.slug, series.key, week.isoformat(), counts[n]]
                   for trend in charts for series, counts in zip(trend.series, trend.counts)
                   for n, week in enumerate(trend.weeks)))
