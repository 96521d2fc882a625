"""Each page's "last updated" date, from Git: the day of the last commit that changed its file.

One `git log` over the docs folder gives every file's date, so the cost does not grow with
one process per page. Dates never come from the clock: a file with no commit (new, or in a
copy without history) gets the fixed fallback date, so one commit always builds the same bytes.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path


# Each commit's line in our `git log` output starts with a NUL byte (`%x00`), which no path can.
COMMIT_MARK = "\0"


@dataclass(frozen=True)
class LastUpdated:
    """A page's last-updated day: ISO for machines (sitemap, <time datetime>), words for readers."""

    iso: str
    text: str


def git_output(folder: Path, *args: str) -> str | None:
    """The output of `git ARGS` run in `folder`, or None when that is not a Git work tree (or no git)."""
    try:
        result = subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True,
                                encoding="utf-8", check=False)
    except OSError:
        return None
    return result.stdout if result.returncode == 0 else None


@dataclass(frozen=True)
class LastCommit:
    """The last commit that changed a file: its place in the log (0 for the newest commit) and its UTC day.

    The place orders commits made within one second (or with dates out of order) as Git does.
    """

    place: int
    day: date

    def is_newer_than(self, other: LastCommit) -> bool:
        """Whether this commit comes after `other` in the history."""
        return self.place < other.place


def last_commits(folder: Path) -> dict[str, LastCommit]:
    """The last commit that changed each file under `folder`, by real path; empty outside a Git work tree."""
    top = git_output(folder, "rev-parse", "--show-toplevel")
    log = git_output(folder, "-c", "core.quotePath=off", "log", "--format=%x00%ct",
                     "--name-only", "--no-renames", "--", ".")
    if top is None or log is None:
        return {}
    top_path, commits, commit = Path(top.strip()), {}, None
    for line in log.splitlines():
        if line.startswith(COMMIT_MARK):
            place = commit.place + 1 if commit else 0
            commit = LastCommit(place, datetime.fromtimestamp(int(line[1:]), timezone.utc).date())
        elif line:
            # The log runs newest first, so the first commit seen for a file is its last change.
            commits.setdefault(os.path.realpath(top_path / line), commit)
    return commits


def commit_dates(folder: Path) -> dict[str, date]:
    """The UTC day of the last commit that changed each file under `folder`, by real path."""
    return {path: commit.day for path, commit in last_commits(folder).items()}


def is_shallow(folder: Path) -> bool:
    """Whether `folder` is in a shallow clone, whose history stops early and so gives wrong dates."""
    return (git_output(folder, "rev-parse", "--is-shallow-repository") or "").strip() == "true"


def fallback_day() -> date:
    """The day for a file with no commit: SOURCE_DATE_EPOCH when set, else 1 January 1970; never today."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "0")
    if not value.isdigit():
        raise ValueError(f"SOURCE_DATE_EPOCH={value!r} is not a number of seconds since 1970; "
                         "unset it, or give one such as 1700000000")
    return datetime.fromtimestamp(int(value), timezone.utc).date()


def last_updated(day: date, locale) -> LastUpdated:
    """The day in ISO form and in the words readers of `locale` expect ("November 27, 2026" in English)."""
    from babel.dates import format_date  # here: `python -m hooks check` runs without Babel (pre-commit)

    return LastUpdated(day.isoformat(), format_date(day, format="long", locale=locale))


def page_days(sources: list[str], docs: Path, commits: dict[str, LastCommit] | None = None,
              ) -> tuple[dict[str, date], list[str]]:
    """Each source file's day (by the path given), and the files that fell back to the fixed day.

    `commits` is last_commits(docs) when the caller already has it (one `git log` per build).
    """
    known = {path: commit.day for path, commit in (last_commits(docs) if commits is None else commits).items()}
    fallback = fallback_day()
    days, uncommitted = {}, []
    for source in sources:
        day = known.get(os.path.realpath(source))
        if day is None:
            uncommitted.append(source)
        days[source] = day or fallback
    return days, uncommitted


def fallback_note(uncommitted: list[str], docs: Path, day: date) -> str:
    """The one line a build prints when some pages have no commit to date them by."""
    names = [os.path.relpath(path, docs.parent) for path in uncommitted]
    shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    return (f"{len(names)} page(s) have no Git commit yet ({shown}): they show the fixed date {day.isoformat()} "
            "as last updated. Commit them, or build in a full clone (CI: actions/checkout with fetch-depth: 0); "
            "SOURCE_DATE_EPOCH sets the fixed date.")
