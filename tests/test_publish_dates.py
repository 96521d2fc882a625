"""Last-updated dates from Git, and builds that give the same bytes whenever they run.

Each test makes a throwaway Git repository from a copy of the project, with commits at
dates it chooses, and builds it with the real mkdocs.yml; the clock is moved with
time-machine inside the build process (tests/timeshift.py).
"""

from __future__ import annotations

import os
import re
import subprocess
from datetime import date
from pathlib import Path

import pytest
from babel.dates import format_date

from tests.conftest import DOCS, article_sources, page_url, read_front_matter, soup
from tests.filetree import snapshot
from tests.sitebuild import build, copy_project

OLD_DAY, NEW_DAY = date(2024, 1, 10), date(2025, 3, 5)
CHANGED, UNCHANGED = "email-setup/outlook.md", "email-setup/apple-mail-mac.md"
CLOCKS = ("2027-01-04T08:00:00+00:00", "2031-06-15T20:30:00+00:00")


def git(repo: Path, *args: str, day: date | None = None) -> None:
    """Run git in `repo` as a writer would, committing on `day` (noon UTC) when given."""
    when = f"{day.isoformat()}T12:00:00+00:00" if day else ""
    env = {**os.environ, "GIT_AUTHOR_NAME": "Writer", "GIT_AUTHOR_EMAIL": "writer@example.com",
           "GIT_COMMITTER_NAME": "Writer", "GIT_COMMITTER_EMAIL": "writer@example.com",
           "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(["git", "-c", "commit.gpgsign=false", *args], cwd=repo, env=env, check=True,
                   capture_output=True)


@pytest.fixture
def history(tmp_path) -> Path:
    """A Git repository of the project: everything committed on OLD_DAY, then one article changed on NEW_DAY."""
    repo = copy_project(tmp_path / "repo")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "All articles", day=OLD_DAY)
    changed = repo / "docs" / CHANGED
    changed.write_text(changed.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "Change one article", day=NEW_DAY)
    return repo


def clone(repo: Path, dest: Path) -> Path:
    """A full clone of `repo` in `dest`, as CI checks it out (fetch-depth: 0)."""
    subprocess.run(["git", "clone", "-q", str(repo), str(dest)], check=True, capture_output=True)
    return dest


def shown_day(html: str) -> tuple[str, str]:
    """The last-updated day an article shows: (datetime attribute, the words readers see)."""
    time = soup(html).select_one(".kb-updated time")
    assert time is not None, "the article shows no last-updated date"
    return time["datetime"], time.get_text()


def sitemap_days(site: Path) -> dict[str, str]:
    """The sitemap's lastmod of each URL path."""
    xml = (site / "sitemap.xml").read_text(encoding="utf-8")
    return {re.sub(r"^https?://[^/]+/", "", loc): day
            for loc, day in re.findall(r"<loc>([^<]*)</loc>\s*<lastmod>([^<]*)</lastmod>", xml)}


def differing(first: Path, second: Path) -> list[str]:
    """The files that two built sites do not share byte for byte."""
    a, b = snapshot(first), snapshot(second)
    return sorted(name for name in a.keys() | b.keys() if a.get(name) != b.get(name))


def page_of(source: str) -> str:
    """The URL path of a page given by its path under docs/."""
    return page_url(DOCS / source)


def test_articles_last_changed_in_different_commits_show_different_dates(history, tmp_path):
    """Each article shows the day of its own last commit, in words, and the sitemap gives the same day."""
    result = build(history, tmp_path / "site")
    assert result.returncode == 0, result.output
    days = sitemap_days(result.site)
    for source, day in ((CHANGED, NEW_DAY), (UNCHANGED, OLD_DAY)):
        url = page_of(source)
        assert shown_day(result.html(url)) == (day.isoformat(), format_date(day, format="long", locale="en"))
        assert days[url] == day.isoformat()
    assert "have no Git commit yet" not in result.output


def test_every_article_shows_the_same_day_as_the_sitemap(site):
    """On the real site, each article's date is its sitemap lastmod."""
    days = sitemap_days(site.site)
    for source in article_sources():
        url = page_url(source)
        assert shown_day(site.html(url))[0] == days[url], url


def test_one_commit_built_in_two_folders_on_two_dates_gives_identical_bytes(history, tmp_path):
    """Two clones of one commit, built years apart by the clock: every file is byte-identical, an
    article with a review interval (counted from its commit, not the clock) included."""
    builds = [build(clone(history, tmp_path / name), tmp_path / name / "site", clock=clock)
              for name, clock in zip(("first", "second"), CLOCKS)]
    for result in builds:
        assert result.returncode == 0, result.output
    planned = next(source for source in article_sources()
                   if {"review_every"} == read_front_matter(source).keys() & {"review_every", "reviewed"})
    shown = soup(builds[0].html(page_url(planned))).select(".kb-updated time")
    assert [time["datetime"] for time in shown[1:]] == [OLD_DAY.isoformat()], "no Reviewed day, or the clock's"
    assert (builds[0].site / "sitemap.xml.gz").exists()
    assert differing(builds[0].site, builds[1].site) == []


def test_companion_dates_from_the_clock_would_make_the_builds_differ(history, tmp_path):
    """Without our dates hook, stock MkDocs dates the sitemap by the clock: the same check sees the difference."""
    builds = []
    for name, clock in zip(("first", "second"), CLOCKS):
        project = clone(history, tmp_path / name)
        config = project / "mkdocs.yml"
        config.write_text(config.read_text().replace("  - hooks/on_dates.py\n", ""))
        builds.append(build(project, project / "site", clock=clock))
        assert builds[-1].returncode == 0, builds[-1].output
    assert {"sitemap.xml", "sitemap.xml.gz"} <= set(differing(builds[0].site, builds[1].site))


def test_a_copy_without_history_uses_the_fixed_date_and_says_so_once(project_copy, tmp_path, monkeypatch):
    """No Git history: every page gets SOURCE_DATE_EPOCH's day (never the clock), and the build says so once."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 14 November 2023
    result = build(project_copy, tmp_path / "site", clock=CLOCKS[0])
    assert result.returncode == 0, result.output
    assert result.output.count("have no Git commit yet") == 1
    assert shown_day(result.html(page_of(UNCHANGED)))[0] == "2023-11-14"
    assert set(sitemap_days(result.site).values()) == {"2023-11-14"}


def test_without_history_or_source_date_epoch_the_fixed_date_is_1970(project_copy, tmp_path, monkeypatch):
    """The fallback without SOURCE_DATE_EPOCH is 1 January 1970, whatever the clock says."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    result = build(project_copy, tmp_path / "site", clock=CLOCKS[1])
    assert result.returncode == 0, result.output
    assert set(sitemap_days(result.site).values()) == {"1970-01-01"}


def test_a_source_date_epoch_that_is_not_a_number_stops_the_build_with_one_line(project_copy, tmp_path, monkeypatch):
    """A bad SOURCE_DATE_EPOCH is named, with the fix, and no traceback."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    result = build(project_copy, tmp_path / "site")
    assert result.returncode != 0
    assert "SOURCE_DATE_EPOCH='yesterday' is not a number of seconds since 1970; unset it" in result.output
    assert "Traceback" not in result.output
