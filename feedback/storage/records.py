"""What the report reads, with the SQL both back ends share."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone

LATEST_COMMENTS = 5
COUNTS = ("SELECT page, COUNT(*) FILTER (WHERE answer = 'yes'), COUNT(*) FILTER (WHERE answer = 'no') "
          "FROM answers GROUP BY page")
LATEST = ("SELECT page, created, comment FROM (SELECT page, created, comment, ROW_NUMBER() OVER "
          "(PARTITION BY page ORDER BY id DESC) AS n FROM answers WHERE comment <> '') AS newest "
          "WHERE n <= {param} ORDER BY page, n")
INSERT = "INSERT INTO answers (page, answer, comment, created) VALUES ({param}, {param}, {param}, {param})"


@dataclass
class PageTally:
    """One page's answers: counts and its latest comments (newest first)."""

    page: str
    yes: int = 0
    no: int = 0
    comments: list[tuple[str, str]] = field(default_factory=list)  # (created, comment)


def as_text(created: str | datetime) -> str:
    """A stored time as SQLite keeps it (ISO 8601, UTC, seconds); PostgreSQL hands back a datetime."""
    if isinstance(created, datetime):
        return created.astimezone(timezone.utc).isoformat(timespec="seconds")
    return created


def read_tallies(execute: Callable, param: str, latest: int = LATEST_COMMENTS) -> dict[str, PageTally]:
    """Counts and latest comments of every page through `execute(sql, params)`, inside one snapshot."""
    pages = {page: PageTally(page, yes, no) for page, yes, no in execute(COUNTS, ()).fetchall()}
    for page, created, comment in execute(LATEST.format(param=param), (latest,)).fetchall():
        pages[page].comments.append((as_text(created), comment))
    return pages
