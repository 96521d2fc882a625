"""`python -m hooks stale [--date YYYY-MM-DD] [--docs PATH] [--config PATH] [--fail-on-translations]`:
list the articles whose review is overdue, then, language by language, the translations older than
their original and the pages not translated yet.

Exit status: 0 when no review is overdue, 1 when some are, 2 when it cannot tell (a bad --date, no
docs folder, an unreadable article, review keys that KB419 reports, or a mkdocs.yml whose languages
cannot be read). Translations behind their original are listed without changing the status unless
--fail-on-translations is given (then they exit 1 too); pages not translated never do: a language
may well cover only part of the site. The day is the one given, else today's (UTC, as the commit
days are); the build never reads the clock, this command does; translations compare commits only.
"""

from __future__ import annotations

import os
import sys
from datetime import date, datetime, timezone
from pathlib import Path

from hooks.review.due import parse_day
from hooks.review.keys import plan_of_text
from hooks.review.stale import StaleRow, review_rows
from hooks.review.translations import ConfigProblem, site_languages, translation_lines

CLEAN, OVERDUE, TROUBLE = 0, 1, 2


def report_day(text: str | None) -> date | None:
    """The day the report is for: the one given (None when it is not YYYY-MM-DD), else today in UTC."""
    return datetime.now(timezone.utc).date() if text is None else parse_day(text)


def read_plans(docs: Path):
    """(shown path, review plan) of each article with review keys; the problem lines of those it cannot read."""
    plans, problems = [], []
    for path in sorted(docs.rglob("*.md")):
        if path.is_symlink():
            continue  # never published as itself (KB408); a link's target inside docs/ is read in its own right
        shown = os.path.relpath(path)
        try:
            text = path.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError) as error:
            problems.append(f"{shown}:1:1: cannot read the article ({error.__class__.__name__}); "
                            "run python -m hooks check on it")
            continue
        plan, findings = plan_of_text(text)
        problems += [finding.format(shown) for finding in findings]
        if plan is not None:
            plans.append((shown, os.path.realpath(path), plan))
    return plans, problems


def overdue(docs: Path, on: date, commits: dict | None = None) -> tuple[list[StaleRow], list[str], list[str]]:
    """The articles of `docs` overdue on `on`; the problem lines of those it cannot read; the articles
    whose review_every counts from `on` because they have no commit yet (also read by the writers' dashboard).
    `commits` is last_commits(docs) when the caller already has it."""
    plans, problems = read_plans(docs)
    # Imported here: the dates module needs babel, which `python -m hooks check` (and so the
    # pre-commit hook's environment) does without.
    from hooks.publish.dates import last_commits

    committed = {path: commit.day for path, commit in (last_commits(docs) if commits is None else commits).items()}
    # A file with no commit yet is being written now: its interval counts from the report's day.
    uncommitted = [shown for shown, real, plan in plans if real not in committed and plan.every and not plan.reviewed]
    rows = review_rows(((shown, plan, committed.get(real, on)) for shown, real, plan in plans), on)
    return rows, problems, uncommitted


def print_translations(docs: Path, config: Path, commits: dict) -> int | None:
    """Print the translations' lines (nothing on a one-language site); how many are behind, or None
    when mkdocs.yml cannot give the languages (its one line printed)."""
    from hooks.publish.dates import is_shallow

    try:
        languages = site_languages(config)
    except ConfigProblem as problem:
        print(problem, file=sys.stderr)
        return None
    if len(languages.names) < 2:
        return 0
    if is_shallow(docs):
        print("shallow Git clone: a translation and its original both last changed before the clone's first "
              "commit are not compared; fetch the whole history (git fetch --unshallow)", file=sys.stderr)
    lines, late = translation_lines(docs, languages, commits)
    for line in lines:
        print(line)
    return late


def run_stale(docs: Path, date_text: str | None, config: Path = Path("mkdocs.yml"),
              fail_on_translations: bool = False) -> int:
    """Print one line per overdue article, sorted by path, then the translations; return the exit status."""
    on = report_day(date_text)
    if on is None:
        print(f'--date "{date_text}" is not a day written YYYY-MM-DD; give one such as --date 2027-01-31',
              file=sys.stderr)
        return TROUBLE
    if not docs.is_dir():
        print(f"{docs}: no such folder; pass --docs PATH to the articles' folder", file=sys.stderr)
        return TROUBLE
    from hooks.publish.dates import last_commits

    commits = last_commits(docs)
    rows, problems, uncommitted = overdue(docs, on, commits)
    for line in problems:
        print(line, file=sys.stderr)
    if uncommitted:
        print(f"{len(uncommitted)} article(s) with review_every have no Git commit yet ({', '.join(uncommitted[:3])}"
              f"{' ...' if len(uncommitted) > 3 else ''}): counted from {on.isoformat()}; commit them", file=sys.stderr)
    for row in rows:
        print(row.line(on))
    late = print_translations(docs, config, commits)
    if problems or late is None:
        return TROUBLE
    return OVERDUE if rows or (fail_on_translations and late) else CLEAN
