"""Owners and review dates: KB419 in the writers' command and the strict build, `python -m hooks stale`
on a real Git repository, and the "Reviewed" day a built article shows.

Each project is a copy of the real one; the stale tests commit into it with chosen dates, as
tests/test_publish_dates.py does, and run the command as a writer would.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from babel.dates import format_date

from tests.conftest import soup
from tests.sitebuild import build, copy_project
from tests.test_catalogue import command, problem_lines
from tests.test_publish_dates import git

COMMIT_DAY = date(2024, 1, 10)
SOON, LATER, REVIEWED = "domains/review-soon.md", "domains/review-later.md", "domains/reviewed-before.md"
REVIEWED_DAY = date(2023, 5, 2)


def article(*settings: str) -> str:
    """An article whose front matter holds the given `key: value` lines after its title and description."""
    head = "\n".join(("title: Mail", "description: Read your mail.", *settings))
    return f"---\n{head}\n---\n\n# Mail\n\nOpen the app.\n"


@dataclass(frozen=True)
class BadKeys:
    """Front matter that KB419 refuses, and the key whose line (and value, or key) the finding names."""

    name: str
    settings: tuple[str, ...]
    at_key: str
    at_value: bool
    says: str


BAD = [
    BadKeys("a day the calendar lacks", ("owner: Mail team", "review_by: 2027-02-30"), "review_by", True, '"2027-02-30"'),
    BadKeys("a day in words", ("owner: Mail team", "review_by: 30 June 2027"), "review_by", True, '"30 June 2027"'),
    BadKeys("an interval in words", ("owner: Mail team", "review_every: six months"), "review_every", True,
            '"six months"'),
    BadKeys("an interval over 10 years", ("owner: Mail team", "review_every: 11 years"), "review_every", True,
            '"11 years"'),
    BadKeys("a day and an interval", ("owner: Mail team", "review_by: 2027-06-30", "review_every: 6 months"),
            "review_every", False, "both set"),
    BadKeys("no owner", ("review_every: 6 months",), "review_every", False, "needs an owner"),
    BadKeys("reviewed with no schedule", ("owner: Mail team", "reviewed: 2026-11-20"), "reviewed", False,
            "sets no next review"),
]
GOOD = [("owner: Mail team", "review_every: 90 days"), ("owner: Mail team", "review_by: 2027-06-30"),
        ("owner: Mail team", "reviewed: 2026-11-20", "review_every: 1 year"), ("owner: Mail team",)]


def expected_place(text: str, key: str, at_value: bool) -> str:
    """`line:col:` of the key in the text, or of its value, counted from 1."""
    number, line = next((n, line) for n, line in enumerate(text.split("\n"), 1) if line.startswith(f"{key}:"))
    col = len(f"{key}: ") + 1 if at_value else 1
    return f"{number}:{col}:"


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    """A copy of the project, untouched, which must pass the command."""
    project = copy_project(tmp_path_factory.mktemp("review") / "project")
    assert command(project).returncode == 0
    return project


@pytest.fixture
def project(base, tmp_path) -> Path:
    """A fresh copy of the base project for one test."""
    dest = tmp_path / "project"
    subprocess.run(["cp", "-a", str(base), str(dest)], check=True)
    return dest


@pytest.mark.parametrize("case", BAD, ids=lambda case: case.name)
def test_bad_review_keys_give_one_located_kb419_line_from_the_command_and_the_build(case, project, tmp_path):
    """The command prints one KB419 line at the key or its value and exits 1; the strict build fails on the same line."""
    text = article(*case.settings)
    (project / "docs" / SOON).write_text(text, encoding="utf-8")
    checked = command(project)
    lines = (checked.stdout + checked.stderr).splitlines()
    assert checked.returncode == 1
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"docs/{SOON}:{expected_place(text, case.at_key, case.at_value)} KB419 "), lines[0]
    assert case.says in lines[0]
    built = build(project, tmp_path / "site")
    assert built.returncode != 0
    assert "Traceback" not in built.output
    reported = [line for line in problem_lines(built.output) if "KB419" in line]
    assert len(reported) == 1 and reported[0].endswith(f"-  {lines[0]}"), built.output


def test_an_owner_that_is_not_text_is_kb402_not_a_second_kb419(project):
    """An owner written as a list is a type error of the setting, reported once."""
    (project / "docs" / SOON).write_text(article("owner:\n  - Mail team", "review_every: 6 months"), encoding="utf-8")
    checked = command(project)
    assert checked.returncode == 1
    assert [line.split(" ", 2)[1] for line in checked.stdout.splitlines()] == ["KB402"]


@pytest.mark.parametrize("settings", GOOD, ids=lambda settings: ", ".join(settings))
def test_good_review_keys_pass_the_command(settings, project):
    """An owner with a day, an interval, or a reviewed day and an interval: no finding."""
    (project / "docs" / SOON).write_text(article(*settings), encoding="utf-8")
    checked = command(project)
    assert checked.returncode == 0, checked.stdout + checked.stderr


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    """A Git repository of the project, committed on COMMIT_DAY, with two articles that plan reviews:
    one every 2 weeks, one by a day two months later."""
    project = copy_project(tmp_path_factory.mktemp("stale") / "repo")
    docs = project / "docs"
    (docs / SOON).write_text(article("owner: Mail team", "review_every: 2 weeks"), encoding="utf-8")
    (docs / LATER).write_text(article("owner: Domains team", f"review_by: {COMMIT_DAY + timedelta(days=60)}"),
                              encoding="utf-8")
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "All articles", day=COMMIT_DAY)
    return project


def stale(project: Path, *args: str) -> subprocess.CompletedProcess:
    """`python -m hooks stale ARGS` run in the project folder."""
    environment = {**os.environ, "PYTHONPATH": str(project)}
    return subprocess.run([sys.executable, "-m", "hooks", "stale", *args], cwd=project, env=environment,
                          capture_output=True, text=True, check=False)


def ours(output: str) -> list[str]:
    """The report's lines about the test's own articles (the real ones it copied keep their own plans)."""
    return [line for line in output.splitlines() if line.startswith(tuple(f"docs/{name}:" for name in (SOON, LATER)))]


def test_stale_lists_exactly_the_overdue_article_and_exits_1(repo):
    """Two weeks after the commit plus one day, the two-weekly article is one day overdue; the other is not yet due."""
    due = COMMIT_DAY + timedelta(weeks=2)
    result = stale(repo, "--date", (due + timedelta(days=1)).isoformat())
    assert result.returncode == 1, result.stderr
    assert ours(result.stdout) == [f"docs/{SOON}: review was due {due}, 1 day overdue; owner: Mail team"]
    assert result.stderr == ""


def test_stale_exits_0_before_both_are_due_and_on_the_due_day(repo):
    """On the commit day, and on the two-weekly article's due day itself, nothing of ours is overdue."""
    for day in (COMMIT_DAY, COMMIT_DAY + timedelta(weeks=2)):
        result = stale(repo, "--date", day.isoformat())
        assert ours(result.stdout) == [], day
    assert stale(repo, "--date", COMMIT_DAY.isoformat()).returncode == 0


def committed_clone(repo: Path, dest: Path, source: str, text: str, day: date) -> Path:
    """A clone of `repo` in which `source` (under docs/) is written with `text` and committed on `day`."""
    subprocess.run(["git", "clone", "-q", str(repo), str(dest)], check=True, capture_output=True)
    (dest / "docs" / source).write_text(text, encoding="utf-8")
    git(dest, "add", "-A")
    git(dest, "commit", "-q", "-m", f"Write {source}", day=day)
    return dest


REVIEWED_ARTICLE = article("owner: Web team", f"reviewed: {REVIEWED_DAY}", "review_every: 6 months")


def test_stale_counts_an_interval_from_the_reviewed_day_not_the_commit(repo, tmp_path):
    """Reviewed months before its commit, every 6 months: overdue although the commit is a day old."""
    clone = committed_clone(repo, tmp_path / "clone", REVIEWED, REVIEWED_ARTICLE, COMMIT_DAY)
    result = stale(clone, "--date", (COMMIT_DAY + timedelta(days=1)).isoformat())
    due = date(REVIEWED_DAY.year, REVIEWED_DAY.month + 6, REVIEWED_DAY.day)
    assert f"docs/{REVIEWED}: review was due {due}, {(COMMIT_DAY + timedelta(days=1) - due).days} days overdue; " \
           "owner: Web team" in result.stdout.splitlines()
    assert result.returncode == 1


def test_a_later_commit_restarts_an_interval_without_a_reviewed_day(repo, tmp_path):
    """The two-weekly article changed a month later is due two weeks after that change."""
    changed_on = COMMIT_DAY + timedelta(days=30)
    text = (repo / "docs" / SOON).read_text(encoding="utf-8") + "\nOne more sentence.\n"
    clone = committed_clone(repo, tmp_path / "clone", SOON, text, changed_on)
    assert ours(stale(clone, "--date", (changed_on + timedelta(weeks=2)).isoformat()).stdout) == []
    late = stale(clone, "--date", (changed_on + timedelta(weeks=2, days=3)).isoformat())
    assert ours(late.stdout) == [f"docs/{SOON}: review was due {changed_on + timedelta(weeks=2)}, 3 days overdue; "
                                 "owner: Mail team"]


@pytest.mark.parametrize("bad", ["tomorrow", "2027-13-01", "2027-6-1", ""])
def test_a_bad_date_is_one_line_and_exit_2(repo, bad):
    """Not YYYY-MM-DD: one line on stderr that names it and the form, nothing listed, no traceback."""
    result = stale(repo, "--date", bad)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [f'--date "{bad}" is not a day written YYYY-MM-DD; '
                                          "give one such as --date 2027-01-31"]


def test_stale_refuses_review_keys_kb419_reports_with_its_line_and_exit_2(project):
    """An article whose due day is unknown: the KB419 line, exit 2 (the report would be incomplete)."""
    (project / "docs" / SOON).write_text(article("owner: Mail team", "review_every: soon"), encoding="utf-8")
    result = stale(project, "--date", "2026-12-03")
    checked = command(project)
    assert result.returncode == 2
    assert [line for line in result.stderr.splitlines() if " KB419 " in line] == checked.stdout.splitlines()
    assert len(checked.stdout.splitlines()) == 1


def test_an_owner_cannot_drive_the_terminal(project):
    """Control characters in an owner reach the report as escapes."""
    (project / "docs" / SOON).write_text(article('owner: "Mail\\e[31m team"', "review_by: 2020-01-01"),
                                         encoding="utf-8")
    result = stale(project, "--date", "2020-01-02")
    assert ours(result.stdout) == [f"docs/{SOON}: review was due 2020-01-01, 1 day overdue; owner: Mail\\u001b[31m team"]


def reviewed_shown(html: str) -> tuple[str, str] | None:
    """The last-reviewed day an article shows (datetime attribute, words), or None."""
    times = soup(html).select(".kb-updated time")
    return (times[1]["datetime"], times[1].get_text()) if len(times) == 2 else None


def test_built_articles_show_the_reviewed_key_else_the_commit_day(repo, tmp_path):
    """`reviewed` is shown when set; an interval without it shows the commit day; no review keys, no "Reviewed"."""
    clone = committed_clone(repo, tmp_path / "clone", REVIEWED, REVIEWED_ARTICLE, COMMIT_DAY)
    result = build(clone, tmp_path / "site")
    assert result.returncode == 0, result.output
    words = lambda day: format_date(day, format="long", locale="en")  # noqa: E731
    page = lambda source: source.removesuffix(".md") + "/"  # noqa: E731
    assert reviewed_shown(result.html(page(REVIEWED))) == (REVIEWED_DAY.isoformat(), words(REVIEWED_DAY))
    assert reviewed_shown(result.html(page(SOON))) == (COMMIT_DAY.isoformat(), words(COMMIT_DAY))
    assert reviewed_shown(result.html("domains/dns-propagation/")) is None
    assert "Reviewed" in soup(result.html(page(REVIEWED))).select_one(".kb-updated").get_text()
