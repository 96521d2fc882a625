"""What is written and what the report reads, with the SQL both back ends share."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timezone

from feedback.events import CONTACT_STEPS, ContactStep, PageView
from feedback.validation import Answer

Record = Answer | PageView | ContactStep
LATEST_COMMENTS = 5
GROUPS = ("SELECT page, revision, answer, reason, COUNT(*) FROM answers "
          "GROUP BY page, revision, answer, reason")
# The newest comments of each page and revision (NULL revisions share one partition on both back ends).
LATEST = ("SELECT page, created, comment, revision FROM (SELECT id, page, created, comment, revision, ROW_NUMBER() "
          "OVER (PARTITION BY page, revision ORDER BY id DESC) AS n FROM answers WHERE comment <> '') AS newest "
          "WHERE n <= {param} ORDER BY page, id DESC")
VIEWS = "SELECT page, SUM(count) FROM views GROUP BY page"
FUNNEL = "SELECT step, SUM(count) FROM contacts GROUP BY step"
INSERT = ("INSERT INTO answers (page, answer, comment, reason, revision, created) "
          "VALUES ({param}, {param}, {param}, {param}, {param}, {param})")
# One statement per page (or step) and day, however many views the group commit holds.
ADD_VIEWS = ("INSERT INTO views (page, day, count) VALUES ({param}, {param}, {param}) "
             "ON CONFLICT (page, day) DO UPDATE SET count = views.count + excluded.count")
ADD_CONTACTS = ("INSERT INTO contacts (day, step, count) VALUES ({param}, {param}, {param}) "
                "ON CONFLICT (day, step) DO UPDATE SET count = contacts.count + excluded.count")


@dataclass(frozen=True)
class AnswerGroup:
    """How many answers of one kind a page has: for one revision (None: not sent), yes or no, one reason."""

    revision: str | None
    answer: str
    reason: str | None
    count: int


@dataclass
class PageTally:
    """One page's answers: counts, the same by revision and reason, its latest comments of each revision
    (newest first), views."""

    page: str
    yes: int = 0
    no: int = 0
    comments: list[tuple[str, str, str | None]] = field(default_factory=list)  # (created, comment, revision)
    groups: list[AnswerGroup] = field(default_factory=list)
    views: int = 0


def as_text(created: str | datetime) -> str:
    """A stored time as SQLite keeps it (ISO 8601, UTC, seconds); PostgreSQL hands back a datetime."""
    if isinstance(created, datetime):
        return created.astimezone(timezone.utc).isoformat(timespec="seconds")
    return created


def split(records: Iterable[Record]) -> tuple[list[tuple], Counter, Counter]:
    """The answers of `records` as (page, answer, comment, reason, revision), and the views per page
    and contact steps per step they add up to."""
    records = list(records)
    answers = [(r.page, r.answer, r.comment, r.reason, r.revision) for r in records if isinstance(r, Answer)]
    return (answers, Counter(r.page for r in records if isinstance(r, PageView)),
            Counter(r.step for r in records if isinstance(r, ContactStep)))


def write_records(executemany: Callable, param: str, records: Iterable[Record], created, day) -> None:
    """Insert the answers and add the views and contact steps of `records`, through `executemany(sql, rows)`."""
    answers, views, steps = split(records)
    if answers:
        executemany(INSERT.format(param=param), [(*answer, created) for answer in answers])
    if views:
        executemany(ADD_VIEWS.format(param=param), [(page, day, n) for page, n in sorted(views.items())])
    if steps:
        executemany(ADD_CONTACTS.format(param=param), [(day, step, n) for step, n in sorted(steps.items())])


def read_tallies(execute: Callable, param: str, latest: int = LATEST_COMMENTS) -> dict[str, PageTally]:
    """Counts, latest comments and views of every page through `execute(sql, params)`, inside one snapshot."""
    pages: dict[str, PageTally] = {}
    for page, revision, answer, reason, count in execute(GROUPS, ()).fetchall():
        tally = pages.setdefault(page, PageTally(page))
        tally.groups.append(AnswerGroup(revision, answer, reason, count))
        if answer == "yes":
            tally.yes += count
        else:
            tally.no += count
    for page, created, comment, revision in execute(LATEST.format(param=param), (latest,)).fetchall():
        pages[page].comments.append((as_text(created), comment, revision))
    for page, views in execute(VIEWS, ()).fetchall():
        pages.setdefault(page, PageTally(page)).views = int(views)
    return pages


def read_funnel(execute: Callable) -> dict[str, int]:
    """How many contacts reached each step, every step named (0 when none did)."""
    counts = {step: int(total) for step, total in execute(FUNNEL, ()).fetchall()}
    return {step: counts.get(step, 0) for step in CONTACT_STEPS}


def utc_day(when: datetime) -> date:
    return when.astimezone(timezone.utc).date()
