"""The dashboard's stale articles, by owner: the rows of `python -m hooks stale` (hooks/review), grouped."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from hooks.review.command import overdue
from hooks.review.stale import StaleRow


class StaleTrouble(ValueError):
    """Articles whose review keys cannot be read: one located line each, as `make stale` prints them."""


@dataclass(frozen=True)
class Overdue:
    """One overdue article on the report's day: its source, its page (when the site has it), due day, days late."""

    source: str
    title: str
    url: str
    due: date
    late: int


def by_owner(rows: list[StaleRow], on: date, pages: dict[Path, tuple[str, str]]) -> list[tuple[str, list[Overdue]]]:
    """(owner, overdue articles, most days late first) for each owner, the owner with most articles first.

    `pages` gives (title, URL) by resolved source file.
    """
    owners: dict[str, list[Overdue]] = {}
    for row in rows:
        title, url = pages.get(Path(row.path).resolve(), (row.path, ""))
        owners.setdefault(row.owner, []).append(Overdue(row.path, title, url, row.due, (on - row.due).days))
    for articles in owners.values():
        articles.sort(key=lambda article: (-article.late, article.source))
    return sorted(owners.items(), key=lambda item: (-len(item[1]), item[0]))


def stale_by_owner(docs: Path, on: date, pages: dict[Path, tuple[str, str]]) -> list[tuple[str, list[Overdue]]]:
    """The articles of `docs` overdue on `on`, by owner; StaleTrouble when an article's keys cannot be read."""
    rows, problems, _ = overdue(docs, on)
    if problems:
        raise StaleTrouble("\n".join(problems))
    return by_owner(rows, on, pages)
