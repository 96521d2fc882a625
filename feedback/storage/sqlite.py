"""SQLite storage for answers: WAL mode, and every answer committed and fsynced before it is acknowledged.

A stored answer is the page, the answer, its reason and comment, the article's revision and the
time; views and contact steps are counts per day: nothing about the reader.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone
from pathlib import Path

from feedback.storage.migrations import MIGRATIONS, Migration, migrate
from feedback.storage.records import (LATEST_COMMENTS, PageTally, Record, read_funnel, read_tallies, utc_day,
                                     write_records)

PARAM = "?"


class SqliteDatabase:
    """One SQLite file, the embedded default: no server, no setup."""

    errors = (sqlite3.Error,)

    def __init__(self, path: Path, migrations: tuple[Migration, ...] = MIGRATIONS):
        """Open (and create) the database in WAL mode with full fsync on commit, and migrate it."""
        self.target = str(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        self.connection = sqlite3.connect(path, timeout=10, isolation_level=None, check_same_thread=False)
        self.connection.execute("PRAGMA journal_mode=WAL")
        # FULL: every commit fsyncs the WAL before store() returns, so before the 201 goes out
        # (tests/test_feedback_durability.py traces the fsyncs). A kill of the service alone loses
        # nothing even without it (written pages sit in the OS cache, as the SIGKILL test shows);
        # the fsync is what lets an acknowledged answer survive a power cut or an OS crash, on a
        # disk that honours fsync. No test here cuts the power.
        self.connection.execute("PRAGMA synchronous=FULL")
        with self.connection:
            # IMMEDIATE takes the write lock first: two collectors starting at once migrate one after the other.
            self.connection.execute("BEGIN IMMEDIATE")
            migrate(self.connection.execute, "sqlite", PARAM, migrations)

    def store(self, *records: Record, now: datetime | None = None) -> None:
        """Write `records` (answers, views, contact steps) in one committed transaction (one fsync for all)."""
        when = now or datetime.now(timezone.utc)
        with self.connection:
            self.connection.execute("BEGIN IMMEDIATE")
            write_records(self.connection.executemany, PARAM, records, when.isoformat(timespec="seconds"),
                          utc_day(when).isoformat())

    def tally(self, latest: int = LATEST_COMMENTS) -> dict[str, PageTally]:
        """Counts and latest comments of every page, read in one transaction (one consistent snapshot)."""
        self.connection.execute("BEGIN")
        try:
            return read_tallies(self.connection.execute, PARAM, latest)
        finally:
            self.connection.execute("COMMIT")

    def funnel(self) -> dict[str, int]:
        """The contact page's counts, step by step."""
        return read_funnel(self.connection.execute)

    def ping(self) -> None:
        self.connection.execute("SELECT 1")
