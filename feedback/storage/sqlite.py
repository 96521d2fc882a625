"""SQLite storage for answers: WAL mode, and every answer committed and fsynced before it is acknowledged.

A stored record is the page, the answer, the comment and the time: nothing about the reader.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone
from pathlib import Path

from feedback.storage.migrations import MIGRATIONS, Migration, migrate
from feedback.storage.records import INSERT, LATEST_COMMENTS, PageTally, read_tallies
from feedback.validation import Answer

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

    def store(self, *answers: Answer, now: datetime | None = None) -> None:
        """Insert `answers` in one committed transaction (one fsync for all of them)."""
        created = (now or datetime.now(timezone.utc)).isoformat(timespec="seconds")
        with self.connection:
            self.connection.execute("BEGIN IMMEDIATE")
            self.connection.executemany(INSERT.format(param=PARAM),
                                        [(answer.page, answer.answer, answer.comment, created) for answer in answers])

    def tally(self, latest: int = LATEST_COMMENTS) -> dict[str, PageTally]:
        """Counts and latest comments of every page, read in one transaction (one consistent snapshot)."""
        self.connection.execute("BEGIN")
        try:
            return read_tallies(self.connection.execute, PARAM, latest)
        finally:
            self.connection.execute("COMMIT")

    def ping(self) -> None:
        self.connection.execute("SELECT 1")
