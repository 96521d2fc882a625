"""The dashboard's newer sections, through `python -m feedback report` on each back end: comments since
the last edit, stale articles by owner (the rows `python -m hooks stale` prints), weekly trends as
inline SVG charts with zero weeks, a CSV per section, untrusted text kept as text, and bad input."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from feedback.events import ContactStep, PageView
from feedback.report.charts import axis_top
from feedback.searches.storage import store_search
from feedback.searches.validation import validate_search
from feedback.storage import connect
from feedback.validation import Answer
from tests.conftest import DOCS, page_url, soup
from tests.postgres import backend, new_db, postgres_server  # noqa: F401 - fixtures
from tests.sitebuild import ROOT

SCRIPT = '<script>alert("dashboard")</script>'
DAY = "2026-11-30"  # a Monday: the last charted week is 2026-11-30 to 2026-12-06
WEEKS = [date(2026, 9, 14) + timedelta(weeks=n) for n in range(12)]  # the twelve Mondays up to DAY
OUTLOOK, MX = "/" + page_url(DOCS / "email-setup" / "outlook.md"), "/" + page_url(DOCS / "domains" / "mx-records.md")


def at(day: str, hour: int = 12) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=timezone.utc)


def run_report(db, out: Path, *options: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "feedback", "report", "--db", str(db), "--out", str(out), *options],
                          cwd=cwd, capture_output=True, text=True, check=False, timeout=120)


def outlook_revision(out: Path) -> str:
    with open(out / "feedback.csv", newline="", encoding="utf-8") as handle:
        return next(row["last_edit"] for row in csv.DictReader(handle) if urlsplit(row["url"]).path == OUTLOOK)


@pytest.fixture
def filled(new_db, tmp_path):
    """A database with answers, views, searches and contact steps over several weeks; the dashboard for DAY."""
    db = new_db(tmp_path)
    out = tmp_path / "first"
    assert run_report(db, out).returncode == 0  # to learn the revision the Outlook article shows
    revision = outlook_revision(out)
    database = connect(db)
    database.store(Answer(OUTLOOK, "no", f"{SCRIPT} after the edit, long enough", "steps_failed", revision),
                   now=at("2026-12-01"))
    database.store(Answer(OUTLOOK, "no", "about the old text, long enough", None, "2020-01-01"), now=at("2026-11-20"))
    database.store(Answer(OUTLOOK, "yes", "", None, revision), now=at("2026-11-30", 0))
    database.store(Answer(OUTLOOK, "yes", "", None, revision), now=at("2026-12-06", 23))
    database.store(Answer(OUTLOOK, "yes", "", None, revision), now=at("2026-12-07"))  # after the last week
    database.store(Answer(MX, "yes", "", None, None), now=at("2025-01-06"))  # before the first week
    database.store(*[PageView(OUTLOOK)] * 4, now=at("2026-11-10"))
    database.store(*[ContactStep("started")] * 2, ContactStep("opened"), now=at("2026-11-18"))
    for query, results, clicked in ((SCRIPT, 0, None), ("mx records", 4, 1), ("mx records", 4, None)):
        store_search(database, validate_search({"query": query, "results": results, "clicked": clicked}),
                     now=at("2026-11-24"))
    out = tmp_path / "dashboard"
    done = run_report(db, out, "--date", DAY)
    assert done.returncode == 0, done.stderr
    return out, revision


def chart_bars(page, slug: str) -> dict[str, int]:
    """'Week of DAY: SERIES' -> count, from each bar's <title> in the chart's SVG."""
    svg = page.select_one(f"figure#trend-{slug} svg")
    found = {}
    for title in svg.select("rect > title"):
        label, count = title.get_text().rsplit(" ", 1)
        found[label] = int(count)
    return found


def test_comments_since_the_last_edit_are_shown_apart_from_older_ones(filled):
    out, revision = filled
    outlook = next(li for li in soup((out / "index.html").read_text()).select("ol.articles > li")
                   if urlsplit(li.h3.a["href"]).path == OUTLOOK)
    sides = {side.h4.get_text(): [li.get_text() for li in side.select("ul.comments li")]
             for side in outlook.select("div.side")}
    assert list(sides) == [f"Since the last edit ({revision})", "Before the last edit"]
    assert sides[f"Since the last edit ({revision})"] == [f"2026-12-01: {SCRIPT} after the edit, long enough"]
    assert sides["Before the last edit"] == ["2026-11-20: about the old text, long enough"]


def test_untrusted_text_reaches_the_page_as_text(filled):
    out, _ = filled
    html = (out / "index.html").read_text()
    page = soup(html)
    assert page.find("script") is None and "<script>" not in html
    assert SCRIPT in page.select_one("section.searches").get_text()
    assert SCRIPT in page.select_one("section.articles").get_text()


def test_weekly_charts_count_each_week_and_show_empty_weeks_as_zero(filled):
    out, _ = filled
    page = soup((out / "index.html").read_text())
    answers = chart_bars(page, "answers")
    assert len(answers) == 12 * 2  # twelve weeks, yes and no
    assert answers["Week of 2026-11-30: Yes"] == 2 and answers["Week of 2026-11-30: No"] == 1
    assert answers["Week of 2026-11-16: No"] == 1 and answers["Week of 2026-11-23: No"] == 0
    assert sum(answers.values()) == 4  # the answers before the first and after the last week are left out
    assert {label[8:18] for label in answers} == {week.isoformat() for week in WEEKS}
    assert chart_bars(page, "views")["Week of 2026-11-09: Views"] == 4
    contacts = {f"Week of {week.isoformat()}: {label}": 0 for week in WEEKS
                for label in ("Started", "Article opened", "Continued")}
    assert chart_bars(page, "contacts") == contacts | {"Week of 2026-11-16: Started": 2,
                                                       "Week of 2026-11-16: Article opened": 1}
    searches = chart_bars(page, "searches")
    assert [searches[f"Week of 2026-11-23: {label}"] for label in ("A result opened", "No click", "No result")] == [
        1, 1, 1]


def test_a_bar_is_as_tall_as_its_count_and_each_chart_names_its_axes(filled):
    out, _ = filled
    figure = soup((out / "index.html").read_text()).select_one("figure#trend-answers")
    heights = {rect.title.get_text().rsplit(" ", 1)[0]: float(rect["height"]) for rect in figure.select("rect")}
    assert heights["Week of 2026-11-30: Yes"] == pytest.approx(2 * heights["Week of 2026-11-30: No"])
    assert heights["Week of 2026-11-23: Yes"] == 0
    svg = figure.svg
    assert svg["role"] == "img" and figure.select_one(f"#{svg['aria-labelledby']}").get_text() == \
        '"Was this article helpful?" answers per week'
    assert {"Count", "Week starting (Monday, month-day)"} <= {text.get_text() for text in svg.select("text.axis-title")}
    # every second Monday labelled, counted back from the last week, so the last week always is
    assert [text.get_text() for text in svg.select("text.week")] == [week.strftime("%m-%d") for week in WEEKS[1::2]]
    table = [[cell.get_text() for cell in row.select("th, td")] for row in figure.select("details tbody tr")]
    assert table[-1] == ["2026-11-30", "2", "1"] and table[-2] == ["2026-11-23", "0", "0"]
    assert [axis_top(n) for n in (0, 1, 2, 3, 7, 11, 40, 51)] == [1, 1, 2, 5, 10, 20, 50, 100]


def test_each_section_has_its_csv_beside_it(filled):
    out, _ = filled
    page = soup((out / "index.html").read_text())
    for section, name in (("articles", "feedback.csv"), ("searches", "searches.csv"), ("stale", "stale.csv"),
                          ("funnel", "deflection.csv"), ("trends", "trends.csv")):
        assert page.select_one(f"section.{section}").find("a", href=name), section
        assert (out / name).is_file()
    with open(out / "trends.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 12 * (2 + 3 + 1 + 3)
    assert {"chart": "answers", "series": "yes", "week_of": "2026-11-30", "count": "2"} in rows
    assert {"chart": "contacts", "series": "continued", "week_of": "2026-11-16", "count": "0"} in rows


def stale_lines(day: str) -> list[str]:
    """What `python -m hooks stale --date DAY` prints about reviews: one line per overdue article (the
    translations' lines that follow are not the dashboard's)."""
    done = subprocess.run([sys.executable, "-m", "hooks", "stale", "--date", day], cwd=ROOT, capture_output=True,
                          text=True, check=False, timeout=120)
    assert done.returncode in (0, 1), done.stderr
    return [line for line in done.stdout.splitlines() if ": review was due " in line]


def shown_stale(out: Path) -> dict[str, list[tuple[str, str, str]]]:
    """Owner -> (source, due, days overdue) as the dashboard's stale section shows them."""
    section = soup((out / "index.html").read_text()).select_one("section.stale")
    owners = {}
    for heading in section.select("h3"):
        owner = re.sub(r" \(\d+\)$", "", heading.get_text())
        owners[owner] = [(row.select_one("span.meta").get_text(), *(td.get_text() for td in row.select("td")[1:]))
                         for row in heading.find_next("table").select("tbody tr")]
    return owners


@pytest.mark.parametrize("day", ["2027-06-30", "2027-07-01", "2030-01-01"])
def test_stale_articles_are_the_ones_make_stale_lists_grouped_by_owner(tmp_path, day):
    out = tmp_path / "out"
    assert run_report(tmp_path / "none.sqlite3", out, "--date", day).returncode == 0
    expected: dict[str, list[tuple[str, str, str]]] = {}
    for line in stale_lines(day):
        found = re.fullmatch(r"(.+): review was due (\S+), (\d+) days? overdue; owner: (.+)", line)
        expected.setdefault(found[4], []).append((found[1], found[2], found[3]))
    shown = shown_stale(out)
    assert {owner: sorted(rows) for owner, rows in shown.items()} == {o: sorted(r) for o, r in expected.items()}
    late = (date.fromisoformat(day) - date(2027, 6, 30)).days
    mail = ("docs/email-setup/mail-server-settings.md", "2027-06-30", str(late))  # review_by: 2027-06-30
    assert (mail in shown.get("Mail team", [])) == (late > 0)  # on its due day it is still on time
    with open(out / "stale.csv", newline="", encoding="utf-8") as handle:
        listed = {(row["owner"], row["source"], row["due"], row["days_overdue"]) for row in csv.DictReader(handle)}
    assert listed == {(owner, *row) for owner, rows in expected.items() for row in rows}


def test_no_stale_article_says_none_overdue(tmp_path):
    out = tmp_path / "out"
    assert run_report(tmp_path / "none.sqlite3", out, "--date", "2026-01-01").returncode == 0
    assert stale_lines("2026-01-01") == []
    assert soup((out / "index.html").read_text()).select_one("section.stale").select("table") == []
    assert (out / "stale.csv").read_text() == "owner,source,title,due,days_overdue,report_day\n"


@pytest.mark.parametrize("bad", ["2027-02-30", "tomorrow"])
def test_a_bad_date_is_one_line_and_nothing_is_written(tmp_path, bad):
    done = run_report(tmp_path / "none.sqlite3", tmp_path / "out", "--date", bad)
    assert done.returncode == 1
    assert done.stderr == (f'feedback: --date "{bad}" is not a day written YYYY-MM-DD; '
                           "give one such as --date 2027-01-31\n")
    assert not (tmp_path / "out").exists()


def test_review_keys_make_stale_refuses_are_its_located_lines_and_nothing_is_written(project_copy, tmp_path):
    article = project_copy / "docs" / "domains" / "mx-records.md"
    article.write_text(article.read_text().replace("review_every: 6 months", "review_every: sometimes"))
    done = run_report(tmp_path / "none.sqlite3", tmp_path / "out", cwd=project_copy)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.startswith("docs/domains/mx-records.md:5:")
    assert "KB419" in done.stderr and "write e.g. review_every: 6 months" in done.stderr
    assert len(done.stderr.splitlines()) == 1
    assert not (tmp_path / "out").exists()
    article.write_text(article.read_text().replace("review_every: sometimes", "review_every: 6 months"))
    assert run_report(tmp_path / "none.sqlite3", tmp_path / "out", cwd=project_copy).returncode == 0


def test_the_dashboard_needs_nothing_from_another_host(filled):
    """No script, stylesheet, font or image from anywhere: the folder works offline."""
    out, _ = filled
    page = soup((out / "index.html").read_text())
    assert page.select("script, link[rel=stylesheet], img, iframe, object") == []
    assert not re.search(r"url\(|@import|@font-face", page.style.get_text())
    assert {link["href"] for link in page.select("link")} == {"data:,"}


def test_an_owner_from_front_matter_reaches_the_page_as_text(project_copy, tmp_path):
    article = project_copy / "docs" / "domains" / "mx-records.md"
    text = article.read_text().replace("owner: Domains team", f"owner: '{SCRIPT} team'")
    article.write_text(text.replace("review_every: 6 months", "review_by: 2027-01-01"))  # the copy has no commits
    done = run_report(tmp_path / "none.sqlite3", tmp_path / "out", "--date", "2030-01-01", cwd=project_copy)
    assert done.returncode == 0, done.stderr
    html = (tmp_path / "out" / "index.html").read_text()
    assert "<script>" not in html and soup(html).find("script") is None
    assert f"{SCRIPT} team (1)" in [h3.get_text() for h3 in soup(html).select("section.stale h3")]
