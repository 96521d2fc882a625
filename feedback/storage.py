"""SQLite storage for answers: WAL mode, and every answer committed and fsynced before it is acknowledged.

A stored record is the page, the answer, the comment and the time: nothing about the reader.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from feedback.validation import Answer

SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    id INTEGER PRIMARY KEY,
    page TEXT NOT NULL,
    answer TEXT NOT NULL CHECK (answer IN ('yes', 'no')),
    comment TEXT NOT NULL,
    created TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS answers_by_page ON answers (page, id);
"""
LATEST_COMMENTS = 5


def connect(path: Path) -> sqlite3.Connection:
    """Open (and create) the database in WAL mode with full fsync on commit."""
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path, timeout=10, isolation_level=None, check_same_thread=False)
    connection.execute("PRAGMA journal_mode=WAL")
    # FULL: every commit fsyncs the WAL before store() returns, so before the 201 goes out
    # (tests/test_feedback_durability.py traces the fsyncs). A kill of the service alone loses
    # nothing even without it (written pages sit in the OS cache, as the SIGKILL test shows);
    # the fsync is what lets an acknowledged answer survive a power cut or an OS crash, on a
    # disk that honours fsync. No test here cuts the power.
    connection.execute("PRAGMA synchronous=FULL")
    connection.executescript(SCHEMA)
    return connection


def store(connection: sqlite3.Connection, *answers: Answer, now: datetime | None = None) -> None:
    """Insert `answers` in one committed transaction (one fsync for all of them)."""
    created = (now or datetime.now(timezone.utc)).isoformat(timespec="seconds")
    with connection:
        connection.execute("BEGIN IMMEDIATE")
        connection.executemany("INSERT INTO answers (page, answer, comment, created) VALUES (?, ?, ?, ?)",
                               [(answer.page, answer.answer, answer.comment, created) for answer in answers])


@dataclass
class PageTally:
    """One page's answers: counts and its latest comments (newest first)."""

    page: str
    yes: int = 0
    no: int = 0
    comments: list[tuple[str, str]] = field(default_factory=list)  # (created, comment)


def tally(connection: sqlite3.Connection, latest: int = LATEST_COMMENTS) -> dict[str, PageTally]:
    """Counts and latest comments of every page, read in one transaction (one consistent snapshot)."""
    pages: dict[str, PageTally] = {}
    connection.execute("BEGIN")
    try:
        for page, yes, no in connection.execute(
                "SELECT page, SUM(answer = 'yes'), SUM(answer = 'no') FROM answers GROUP BY page"):
            pages[page] = PageTally(page, yes, no)
        for page, created, comment in connection.execute(
                "SELECT page, created, comment FROM (SELECT page, created, comment, ROW_NUMBER() OVER "
                "(PARTITION BY page ORDER BY id DESC) AS n FROM answers WHERE comment != '') WHERE n <= ? "
                "ORDER BY page, n", (latest,)):
            pages[page].comments.append((created, comment))
    finally:
        connection.execute("COMMIT")
    return pages
