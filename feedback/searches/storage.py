"""Searches in either back end: one committed insert per event, and the report's grouped counts.

The SQL is the same on SQLite and PostgreSQL but for the placeholder; the calls run on the
collector's one writer thread, as answers do, so they share its connection safely.
"""

from __future__ import annotations

from datetime import datetime, timezone

from feedback.searches.validation import Search
from feedback.storage.sqlite import SqliteDatabase

INSERT = "INSERT INTO searches (query, results, clicked, created) VALUES ({param}, {param}, {param}, {param})"
# The report's two lists: searches that found nothing, and searches with results none of which was opened.
NO_RESULT = ("SELECT query, COUNT(*) FROM searches WHERE results = 0 "
             "GROUP BY query ORDER BY COUNT(*) DESC, query")
NO_CLICK = ("SELECT query, COUNT(*) FROM searches WHERE results > 0 AND clicked IS NULL "
            "GROUP BY query ORDER BY COUNT(*) DESC, query")


def store_search(database, search: Search, now: datetime | None = None) -> None:
    """Insert `search` in one committed transaction (fsynced on SQLite, WAL-flushed on PostgreSQL)."""
    created = now or datetime.now(timezone.utc)
    if isinstance(database, SqliteDatabase):
        with database.connection:
            database.connection.execute("BEGIN IMMEDIATE")
            database.connection.execute(INSERT.format(param="?"), (search.query, search.results, search.clicked,
                                                                   created.isoformat(timespec="seconds")))
        return
    connection = database._live()  # reopened after a dropped link, as the back end's own calls do
    with connection.transaction():
        connection.execute(INSERT.format(param="%s"), (search.query, search.results, search.clicked, created))


def grouped(database) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """(query, count) of the searches with no result and of those with no click, most frequent first."""
    if isinstance(database, SqliteDatabase):
        execute = database.connection.execute
    else:
        execute = database._live().execute
    return ([(query, count) for query, count in execute(NO_RESULT).fetchall()],
            [(query, count) for query, count in execute(NO_CLICK).fetchall()])
