"""Where answers are kept: a SQLite file (the default) or a PostgreSQL database (`--db postgresql://...`).

Both back ends offer the same methods (store, tally, ping) and the same migrations.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import urlsplit

import psycopg

from feedback.storage.migrations import MIGRATIONS, Migration, SchemaTooNew
from feedback.storage.postgres import PostgresDatabase
from feedback.storage.records import LATEST_COMMENTS, PageTally
from feedback.storage.sqlite import SqliteDatabase

__all__ = ["DATABASE_ERRORS", "LATEST_COMMENTS", "PageTally", "SchemaTooNew", "connect", "exists", "is_url", "shown"]

Database = SqliteDatabase | PostgresDatabase
# What opening or using either database may raise (besides OSError and SchemaTooNew).
DATABASE_ERRORS = (sqlite3.Error, psycopg.Error)
URL_SCHEMES = ("postgresql", "postgres")


def is_url(target: str | Path) -> bool:
    """True for a postgresql:// (or postgres://) URL, False for a SQLite file name."""
    return urlsplit(str(target)).scheme in URL_SCHEMES


def connect(target: str | Path, migrations: tuple[Migration, ...] = MIGRATIONS) -> Database:
    """Open the database `target` names, migrated to the latest schema (of `migrations`)."""
    return PostgresDatabase(str(target), migrations) if is_url(target) else SqliteDatabase(Path(target), migrations)


def exists(target: str | Path) -> bool:
    """Whether there is anything to read: a server database is assumed to be there, a file must be."""
    return is_url(target) or Path(target).exists()


def shown(target: str | Path) -> str:
    """`target` fit for a log line: a URL's password is replaced by ***."""
    if not is_url(target):
        return str(target)
    parts = urlsplit(str(target))
    if parts.password is None:
        return str(target)
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return parts._replace(netloc=netloc).geturl()
