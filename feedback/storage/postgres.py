"""PostgreSQL storage for answers: several collector processes may share one database.

Each process keeps one connection, used by its one writer thread; an answer is acknowledged
after its transaction commits (synchronous_commit on: the server has flushed its WAL).
A group of records is written by one statement, its own transaction: one round trip to the
server, with no BEGIN and COMMIT of their own (bench/results/feedback-load.md).
"""

from __future__ import annotations

from datetime import datetime, timezone

import psycopg

from feedback.storage.migrations import MIGRATIONS, Migration, migrate
from feedback.storage.records import LATEST_COMMENTS, PageTally, Record, read_funnel, read_tallies, split, utc_day

PARAM = "%s"
# Any fixed number, the same in every collector: the transaction-scoped advisory lock that
# makes collectors starting together migrate one at a time.
MIGRATION_LOCK = 0x6B62_6662
# Answers, views and contact steps in one statement (the same rows and sums as records.write_records);
# its empty arrays insert nothing. The views and steps are summed first, so no row is hit twice.
STORE = ("WITH answered AS (INSERT INTO answers (page, answer, comment, reason, revision, created) "
         "SELECT page, answer, comment, reason, revision, %(created)s FROM unnest(%(pages)s::text[], "
         "%(answers)s::text[], %(comments)s::text[], %(reasons)s::text[], %(revisions)s::text[]) "
         "AS a(page, answer, comment, reason, revision)), "
         "viewed AS (INSERT INTO views (page, day, count) SELECT page, %(day)s, n "
         "FROM unnest(%(viewed)s::text[], %(views)s::bigint[]) AS v(page, n) "
         "ON CONFLICT (page, day) DO UPDATE SET count = views.count + excluded.count) "
         "INSERT INTO contacts (day, step, count) SELECT %(day)s, step, n "
         "FROM unnest(%(steps)s::text[], %(stepped)s::bigint[]) AS c(step, n) "
         "ON CONFLICT (day, step) DO UPDATE SET count = contacts.count + excluded.count")


def store_parameters(records: tuple[Record, ...], when: datetime) -> dict:
    """STORE's parameters for `records`: one array per column."""
    answers, views, steps = split(records)
    columns = [list(column) for column in zip(*answers)] if answers else [[]] * 5
    viewed, stepped = sorted(views), sorted(steps)
    return {"created": when, "day": utc_day(when), **dict(zip(("pages", "answers", "comments", "reasons", "revisions"),
                                                              columns)),
            "viewed": viewed, "views": [views[page] for page in viewed],
            "steps": stepped, "stepped": [steps[step] for step in stepped]}


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
        """Write `records` (answers, views, contact steps) in one committed transaction: one statement,
        autocommitted."""
        self._live().execute(STORE, store_parameters(records, now or datetime.now(timezone.utc)))

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
