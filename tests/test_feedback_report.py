"""The dashboard's articles: every article, worst first, exact counts, links, and readers' text kept inert."""

from __future__ import annotations

import csv
import subprocess
import sys
from datetime import date, datetime, timezone
from pathlib import Path
from urllib.parse import unquote

import pytest

from feedback.events import ContactStep, PageView
from feedback.report import read_dashboard, safe_cell, site_pages, write_report
from feedback.sitemap import parse_sitemap
from feedback.storage import connect
from feedback.validation import Answer
from hooks.checks.config import load_site_config
from tests.collector import free_port
from tests.conftest import DOCS, article_sources, outside_navigation, page_url, read_front_matter, soup
from tests.postgres import backend, new_db, postgres_server  # noqa: F401 - fixtures
from tests.sitebuild import ROOT

HOSTILE = '<script>alert("x")</script> and =HYPERLINK("https://evil.example")'
DAY = date(2026, 12, 4)  # the dashboard's day: stale articles and the last charted week


def every_languages_articles() -> list[Path]:
    """The articles of every language: each page in a category folder of its language's tree, but the index
    and the pages outside the navigation (the writers' guide)."""
    languages = load_site_config(ROOT / "mkdocs.yml").languages
    return [path for path in DOCS.rglob("*.md")
            if "/" in languages.base(path.relative_to(DOCS).as_posix()) and path.name != "index.md"
            and not outside_navigation(path)]


def path_of(relative: str) -> str:
    return "/" + page_url(DOCS / relative)


@pytest.fixture
def report(new_db, tmp_path):
    """A database with answers on three articles and one removed page; the report written from it."""
    database = connect(new_db(tmp_path))
    answers = ([("email-setup/outlook.md", "no")] * 3 + [("email-setup/outlook.md", "yes")]
               + [("domains/mx-records.md", "no")] * 1 + [("domains/mx-records.md", "yes")] * 3
               + [("websites/ssl-https.md", "yes")] * 2)
    for n, (source, answer) in enumerate(answers):
        comment = f"comment {n} on {source}, long enough" if answer == "no" else ""
        database.store(Answer(path_of(source), answer, comment), now=datetime(2026, 11, 1, 9, n, tzinfo=timezone.utc))
    database.store(Answer(path_of("email-setup/outlook.md"), "no", HOSTILE))
    database.store(Answer("/retired-article/", "no", "this page was removed last week"))
    out = tmp_path / "out"
    rows = write_report(read_dashboard(database), ROOT / "mkdocs.yml", out, DAY)
    return rows, out


def test_every_article_is_listed_worst_first_with_exact_counts(report):
    rows, out = report
    with open(out / "feedback.csv", newline="", encoding="utf-8") as handle:
        table = list(csv.DictReader(handle))
    assert len(table) == len(every_languages_articles()) + 1  # + the removed page
    assert len(every_languages_articles()) > len(article_sources())  # the translations are there too
    first = [(row["source"], row["yes"], row["no"], row["share_no"]) for row in table[:4]]
    assert first == [
        ("", "0", "1", "1.000"),  # the removed page: all "No"
        ("docs/email-setup/outlook.md", "1", "4", "0.800"),
        ("docs/domains/mx-records.md", "3", "1", "0.250"),
        ("docs/websites/ssl-https.md", "2", "0", "0.000"),
    ]
    assert all(row["share_no"] == "" and row["yes"] == row["no"] == "0" for row in table[4:])


def test_the_page_links_to_each_article_and_its_source_file(report):
    rows, out = report
    page = soup((out / "index.html").read_text())
    sections = page.select("ol.articles > li")
    assert len(sections) == len(rows)
    outlook = sections[1]
    source = DOCS / "email-setup" / "outlook.md"
    assert outlook.h3.a["href"] == "https://help.example.com/" + page_url(source)
    assert outlook.h3.get_text(strip=True) == read_front_matter(source)["title"]
    [source_link] = outlook.select("p.meta a")
    assert (out / unquote(source_link["href"])).resolve() == source.resolve()
    # Yes, No, share of "No", views, views x "No" since the last edit (no answer here names a revision), language.
    assert [dd.get_text() for dd in outlook.select("dl")[0].select("dd")] == ["1", "4", "80%", "0", "0", "en"]


def test_latest_comments_come_newest_first_and_hostile_text_stays_text(report):
    rows, out = report
    html = (out / "index.html").read_text()
    outlook = soup(html).select("ol.articles > li")[1]
    comments = [li.get_text() for li in outlook.select("ul.comments li")]
    assert HOSTILE in comments[0] and "comment 2 on" in comments[1]
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_no_reader_text_can_start_a_csv_cell_as_a_formula(new_db, tmp_path):
    """Spreadsheets run a cell starting with = + - @; the comments cell starts with a date."""
    database = connect(new_db(tmp_path))
    database.store(Answer(path_of("email-setup/outlook.md"), "no", "=cmd|' /C calc'!A0 is what I typed"))
    write_report(read_dashboard(database), ROOT / "mkdocs.yml", tmp_path / "out", DAY)
    with open(tmp_path / "out" / "feedback.csv", newline="", encoding="utf-8") as handle:
        rows = {row["source"]: row for row in csv.DictReader(handle)}
    created, comment = rows["docs/email-setup/outlook.md"]["comments_before_edit"].split(" ", 1)
    assert created[:4].isdigit() and comment == "=cmd|' /C calc'!A0 is what I typed"
    assert [safe_cell(text) for text in ("=1+1", "+1", "-1", "@x", "fine")] == ["'=1+1", "'+1", "'-1", "'@x", "fine"]


def run_report(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "feedback", "report", *args], cwd=ROOT,
                          capture_output=True, text=True, check=False)


def test_without_a_database_the_report_lists_every_article_with_no_answers(tmp_path):
    result = run_report("--db", str(tmp_path / "none.sqlite3"), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert f"{len(every_languages_articles())} articles, 0 answers" in result.stdout
    assert not (tmp_path / "none.sqlite3").exists()


@pytest.mark.parametrize("command", ["report", "serve"])
@pytest.mark.parametrize("config_text", [None, "site_name: [unclosed\n"], ids=["missing", "broken YAML"])
def test_a_bad_config_is_one_line_without_a_traceback(tmp_path, command, config_text):
    config = tmp_path / "mkdocs.yml"
    if config_text is not None:
        config.write_text(config_text)
    result = subprocess.run([sys.executable, "-m", "feedback", command, "--config", str(config),
                             "--db", str(tmp_path / "db.sqlite3")], cwd=tmp_path, capture_output=True, text=True,
                            check=False, timeout=60)
    assert result.returncode == 1
    assert result.stderr.startswith(f"feedback: {config}:") and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "db.sqlite3").exists() and not (tmp_path / "report").exists()


@pytest.mark.parametrize("command", ["report", "serve"])
def test_a_file_that_is_not_a_database_is_one_line_and_left_untouched(tmp_path, command):
    db = tmp_path / "feedback.sqlite3"
    db.write_text("answers kept by hand, not SQLite\n")
    options = ["--port", "0"] if command == "serve" else ["--out", str(tmp_path / "out")]
    result = subprocess.run([sys.executable, "-m", "feedback", command, "--db", str(db), *options],
                            cwd=ROOT, capture_output=True, text=True, check=False, timeout=60)
    assert result.returncode == 1
    assert result.stderr == f"feedback: {db}: file is not a database\n"
    assert db.read_text() == "answers kept by hand, not SQLite\n"


def test_only_pages_really_gone_are_labelled_gone(site, new_db, tmp_path):
    """Answers on the home page, a category page and the writers' guide (all in the sitemap the collector
    checks) are rows of their own pages; only a path the site does not have is "no longer on the site"."""
    database = connect(new_db(tmp_path))
    on_site = {"/", path_of("domains/index.md"), path_of("writers-guide/index.md"), path_of("writers-guide/rules.md")}
    assert on_site <= parse_sitemap((site.site / "sitemap.xml").read_bytes())
    for path in [*sorted(on_site), "/retired-article/"]:
        database.store(Answer(path, "no", f"an answer on {path}, long enough"))
    rows = write_report(read_dashboard(database), ROOT / "mkdocs.yml", tmp_path / "out", DAY)
    gone = [row.url for row in rows if row.title.endswith("(no longer on the site)")]
    assert gone == ["/retired-article/"]
    answered = {row.url: row for row in rows if row.no}
    assert answered.keys() == {"https://help.example.com" + path for path in on_site} | {"/retired-article/"}
    assert answered["https://help.example.com/"].source == "docs/index.md"


def test_the_reports_pages_are_the_pages_of_the_built_sitemap(site, tmp_path):
    """The report reads the pages from mkdocs.yml, the collector from sitemap.xml: the same set."""
    pages = {page.path for page in site_pages(ROOT / "mkdocs.yml", tmp_path)}
    assert pages == parse_sitemap((site.site / "sitemap.xml").read_bytes())


@pytest.mark.parametrize("command", ["report", "serve"])
def test_a_database_server_that_does_not_answer_is_one_line_without_the_password(tmp_path, command):
    url = f"postgresql://kb:secret-word@127.0.0.1:{free_port()}/kb"
    options = ["--port", "0"] if command == "serve" else ["--out", str(tmp_path / "out")]
    result = subprocess.run([sys.executable, "-m", "feedback", command, "--db", url, *options],
                            cwd=ROOT, capture_output=True, text=True, check=False, timeout=60)
    assert result.returncode == 1
    assert result.stderr.startswith(f"feedback: {url.replace('secret-word', '***')}: connection failed")
    assert len(result.stderr.splitlines()) == 1 and "secret-word" not in result.stderr
    assert not (tmp_path / "out").exists()


def last_edit_day(relative: str) -> str:
    """The UTC day of the last commit of a docs file, asked of Git here rather than of the report's code."""
    seconds = subprocess.run(["git", "log", "-1", "--format=%ct", "--", f"docs/{relative}"], cwd=ROOT,
                             capture_output=True, text=True, check=True).stdout.strip()
    return datetime.fromtimestamp(int(seconds), timezone.utc).date().isoformat()


@pytest.fixture
def report_v2(new_db, tmp_path):
    """Answers about two revisions of the Outlook article, views of three articles, contact-page steps."""
    database = connect(new_db(tmp_path))
    outlook, mx = path_of("email-setup/outlook.md"), path_of("domains/mx-records.md")
    ssl = path_of("websites/ssl-https.md")
    now = last_edit_day("email-setup/outlook.md")
    database.store(Answer(outlook, "no", "", "steps_failed", now), Answer(outlook, "no", "", "out_of_date", now),
                   Answer(outlook, "yes", "", None, now), Answer(outlook, "no", "", "hard_to_follow", "2020-01-01"),
                   Answer(outlook, "no", "the old screenshots, long enough", None, "2020-01-01"),
                   Answer(outlook, "no", "answered before revisions were sent", None, None),
                   Answer(mx, "no", "", "missing_information", last_edit_day("domains/mx-records.md")),
                   *[Answer(mx, "yes", "", None, last_edit_day("domains/mx-records.md"))] * 9)
    database.store(*[PageView(outlook)] * 5, *[PageView(mx)] * 100, *[PageView(ssl)] * 1000)
    database.store(*[ContactStep("started")] * 3, *[ContactStep("opened")] * 2, ContactStep("continued"))
    out = tmp_path / "out"
    write_report(read_dashboard(database), ROOT / "mkdocs.yml", out, DAY)
    with open(out / "feedback.csv", newline="", encoding="utf-8") as handle:
        table = {row["source"]: row for row in csv.DictReader(handle)}
    return table, out, now


def test_answers_since_the_last_edit_are_counted_apart_with_their_reasons(report_v2):
    table, _, now = report_v2
    outlook = table["docs/email-setup/outlook.md"]
    assert (outlook["yes"], outlook["no"], outlook["last_edit"]) == ("1", "5", now)
    assert (outlook["yes_since_edit"], outlook["no_since_edit"]) == ("1", "2")
    assert outlook["reasons_since_edit"] == "It is out of date: 1; The steps did not work: 1"
    assert outlook["reasons_before_edit"] == "It is hard to follow: 1"


def test_articles_are_ranked_by_views_times_no_since_the_last_edit(report_v2):
    """mx-records: 100 views x 1 "No" beats Outlook's 5 x 2, though Outlook has the higher share of "No"
    (5 of 6 against 1 of 10);
    ssl-https has the most views but no "No", so it ranks below both."""
    table, out, _ = report_v2
    ranked = [(row["source"], row["views"], row["views_x_no_since_edit"]) for row in table.values()]
    assert ranked[:2] == [("docs/domains/mx-records.md", "100", "100"), ("docs/email-setup/outlook.md", "5", "10")]
    assert ("docs/websites/ssl-https.md", "1000", "0") in ranked[2:]
    first = soup((out / "index.html").read_text()).select("ol.articles > li")[0]
    assert first.h3.get_text(strip=True) == read_front_matter(DOCS / "domains" / "mx-records.md")["title"]
    assert [h4.get_text() for h4 in first.select("h4")] == [
        f"Since the last edit ({last_edit_day('domains/mx-records.md')})"]


def test_the_deflection_funnel_shows_the_three_counts(report_v2):
    _, out, _ = report_v2
    funnel = soup((out / "index.html").read_text()).select_one("section[aria-labelledby=funnel-title]")
    assert [(div.dt.get_text(), div.dd.get_text()) for div in funnel.select("dl > div")] == [
        ("Contacts started", "3"), ("Suggested articles opened", "2"),
        ("Contacts continued after an article was opened", "1")]
    with open(out / "deflection.csv", newline="", encoding="utf-8") as handle:
        assert list(csv.reader(handle)) == [["step", "count"], ["started", "3"], ["opened", "2"], ["continued", "1"]]
