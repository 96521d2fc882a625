"""The schema as an ordered list of versioned migrations, the same list for SQLite and PostgreSQL.

Each back end runs `migrate` at start-up inside one transaction of its own (holding the
database's write lock), so a crash half-way leaves the previous version, and several
collectors starting at once apply each migration once. Applied versions are recorded in
the `schema_version` table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone

VERSION_TABLE = ("CREATE TABLE IF NOT EXISTS schema_version "
                 "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied TEXT NOT NULL)")


@dataclass(frozen=True)
class Migration:
    """One schema change: its version, what it does, and its statements for each back end."""

    version: int
    name: str
    sqlite: tuple[str, ...]
    postgresql: tuple[str, ...]

    def statements(self, dialect: str) -> tuple[str, ...]:
        return self.sqlite if dialect == "sqlite" else self.postgresql


# Version 1 is the schema the collector created before migrations existed, hence IF NOT EXISTS:
# on such a database it records version 1 and leaves the table and its rows as they are.
MIGRATIONS = (
    Migration(1, "answers: page, answer, comment and time, nothing about the reader",
              sqlite=("CREATE TABLE IF NOT EXISTS answers (id INTEGER PRIMARY KEY, page TEXT NOT NULL, "
                      "answer TEXT NOT NULL CHECK (answer IN ('yes', 'no')), comment TEXT NOT NULL, "
                      "created TEXT NOT NULL)",
                      "CREATE INDEX IF NOT EXISTS answers_by_page ON answers (page, id)"),
              postgresql=("CREATE TABLE IF NOT EXISTS answers (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                          "page TEXT NOT NULL, answer TEXT NOT NULL CHECK (answer IN ('yes', 'no')), "
                          "comment TEXT NOT NULL, created TIMESTAMPTZ NOT NULL)",
                          "CREATE INDEX IF NOT EXISTS answers_by_page ON answers (page, id)")),
    Migration(2, "answers by time, for reports over a period",
              sqlite=("CREATE INDEX answers_by_created ON answers (created)",),
              postgresql=("CREATE INDEX answers_by_created ON answers (created)",)),
    Migration(3, "searches: normalized query, result count, position clicked and time, nothing about the customer",
              sqlite=("CREATE TABLE searches (id INTEGER PRIMARY KEY, query TEXT NOT NULL, "
                      "results INTEGER NOT NULL CHECK (results >= 0), "
                      "clicked INTEGER CHECK (clicked >= 1), created TEXT NOT NULL)",),
              postgresql=("CREATE TABLE searches (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                          "query TEXT NOT NULL, results INTEGER NOT NULL CHECK (results >= 0), "
                          "clicked INTEGER CHECK (clicked >= 1), created TIMESTAMPTZ NOT NULL)",)),
    Migration(4, "answers: why a No (reason) and the article's revision (its last-updated day); NULL on older rows",
              sqlite=("ALTER TABLE answers ADD COLUMN reason TEXT", "ALTER TABLE answers ADD COLUMN revision TEXT"),
              postgresql=("ALTER TABLE answers ADD COLUMN reason TEXT", "ALTER TABLE answers ADD COLUMN revision TEXT")),
    # Counts, not events: a day's total per page (or per contact step) holds no time of day that
    # could tie a view to an answer, and stays small however busy the site is.
    Migration(5, "views per page and day; contact-page steps per day",
              sqlite=("CREATE TABLE views (page TEXT NOT NULL, day TEXT NOT NULL, count INTEGER NOT NULL, "
                      "PRIMARY KEY (page, day))",
                      "CREATE TABLE contacts (day TEXT NOT NULL, step TEXT NOT NULL CHECK "
                      "(step IN ('started', 'opened', 'continued')), count INTEGER NOT NULL, PRIMARY KEY (day, step))"),
              postgresql=("CREATE TABLE views (page TEXT NOT NULL, day DATE NOT NULL, count BIGINT NOT NULL, "
                          "PRIMARY KEY (page, day))",
                          "CREATE TABLE contacts (day DATE NOT NULL, step TEXT NOT NULL CHECK "
                          "(step IN ('started', 'opened', 'continued')), count BIGINT NOT NULL, "
                          "PRIMARY KEY (day, step))")),
)
LATEST = MIGRATIONS[-1].version


class SchemaTooNew(ValueError):
    """The database was migrated by a newer collector than this one."""


def to_apply(applied: set[int], migrations: tuple[Migration, ...] = MIGRATIONS) -> list[Migration]:
    """The migrations not yet in `applied`, in order; refuse a database newer than the code."""
    known = {migration.version for migration in migrations}
    unknown = sorted(applied - known)
    if unknown:
        raise SchemaTooNew(f"the database has schema version {unknown[-1]}, newer than this collector's "
                           f"{max(known)}: run the newer collector, or restore the backup taken before it migrated")
    return [migration for migration in migrations if migration.version not in applied]


def migrate(execute: Callable, dialect: str, param: str, migrations: tuple[Migration, ...] = MIGRATIONS) -> list[int]:
    """Bring the schema up to date through `execute(sql, params)` (one open transaction); the versions applied.

    `param` is the back end's placeholder (`?` or `%s`).
    """
    execute(VERSION_TABLE, ())
    applied = {row[0] for row in execute("SELECT version FROM schema_version", ()).fetchall()}
    done = []
    for migration in to_apply(applied, migrations):
        for statement in migration.statements(dialect):
            execute(statement, ())
        execute(f"INSERT INTO schema_version (version, name, applied) VALUES ({param}, {param}, {param})",
                (migration.version, migration.name, datetime.now(timezone.utc).isoformat(timespec="seconds")))
        done.append(migration.version)
    return done
