"""PostgreSQL storage for answers: several collector processes may share one database.

Each process keeps one connection, used by its one writer thread; an answer is acknowledged
after its transaction commits (synchronous_commit on: the server has flushed its WAL).
"""

from __future__ import annotations

from datetime import datetime, timezone

import psycopg

from feedback.storage.migrations import MIGRATIONS, Migration, migrate
from feedback.storage.records import (LATEST_COMMENTS, PageTally, Record, read_funnel, read_tallies, utc_day,
                                     write_records)

PARAM = "%s"
# Any fixed number, the same in every collector: the transaction-scoped advisory lock that
# makes collectors starting together migrate one at a time.
MIGRATION_LOCK = 0x6B62_6662


class PostgresDatabase:
    """One PostgreSQL database, given as a postgresql:// URL."""

    errors = (psycopg.Error,)

    def __init__(self, url: str, migrations: tuple[Migration, ...] = MIGRATIONS):
        self.url = url
        self.connection = self._connect()
        with self.connection.transaction():
            self.connection.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
            migrate(self.connection.execute, "postgresql", PARAM, migrations)

    def _connect(self) -> psycopg.Connection:
        connection = psycopg.connect(self.url, autocommit=True, connect_timeout=10)
        connection.execute("SET synchronous_commit = on")  # whatever the server's default
        return connection

    def _live(self) -> psycopg.Connection:
        """The connection, opened again if the last one broke (a server restart, a dropped link)."""
        if self.connection.closed:
            self.connection = self._connect()
        return self.connection

    def store(self, *records: Record, now: datetime | None = None) -> None:
        """Write `records` (answers, views, contact steps) in one committed transaction."""
        when = now or datetime.now(timezone.utc)
        connection = self._live()
        with connection.transaction(), connection.cursor() as cursor:
            write_records(cursor.executemany, PARAM, records, when, utc_day(when))

    def tally(self, latest: int = LATEST_COMMENTS) -> dict[str, PageTally]:
        """Counts and latest comments of every page, from one snapshot (REPEATABLE READ)."""
        connection = self._live()
        with connection.transaction():
            connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            return read_tallies(connection.execute, PARAM, latest)

    def funnel(self) -> dict[str, int]:
        """The contact page's counts, step by step."""
        return read_funnel(self._live().execute)

    def ping(self) -> None:
        self._live().execute("SELECT 1")
