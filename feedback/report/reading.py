"""What the dashboard reads from the collector's database beyond the tallies and the funnel: per-day
counts for the weekly charts.

Read-only SQL, the same on SQLite and PostgreSQL but for how a stored time becomes a day.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from feedback.storage.sqlite import SqliteDatabase

# SQLite keeps times as ISO 8601 text in UTC; PostgreSQL as timestamptz.
DAY_OF = {"sqlite": "substr(created, 1, 10)", "postgresql": "to_char(created AT TIME ZONE 'UTC', 'YYYY-MM-DD')"}
DAILY = {
    "answers": "SELECT {day}, answer, COUNT(*) FROM answers GROUP BY 1, 2",
    "searches": ("SELECT {day}, CASE WHEN results = 0 THEN 'no result' WHEN clicked IS NULL THEN 'no click' "
                 "ELSE 'clicked' END, COUNT(*) FROM searches GROUP BY 1, 2"),
    "views": "SELECT day, 'views', SUM(count) FROM views GROUP BY 1",
    "contacts": "SELECT day, step, SUM(count) FROM contacts GROUP BY 1, 2",
}

# (day, series) -> count, for one kind of event ("answers", "searches", "views", "contacts").
DayCounts = dict[tuple[date, str], int]


def executor(database) -> tuple[Callable, str]:
    """`execute(sql, params)` and the dialect of a database opened with feedback.storage.connect."""
    if isinstance(database, SqliteDatabase):
        return database.connection.execute, "sqlite"
    return database._live().execute, "postgresql"  # reopened after a dropped link, as its own calls do


def as_day(value: str | date) -> date:
    """A stored day (text on SQLite, a date on PostgreSQL) as a date."""
    return value if isinstance(value, date) else date.fromisoformat(value[:10])


def read_daily(database) -> dict[str, DayCounts]:
    """Every kind of event counted per day and series."""
    execute, dialect = executor(database)
    return {kind: {(as_day(day), series): int(count)
                   for day, series, count in execute(sql.format(day=DAY_OF[dialect]), ()).fetchall()}
            for kind, sql in DAILY.items()}
