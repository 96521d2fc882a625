"""The writers' report: every article, worst first, exact counts, links, and readers' text kept inert."""

from __future__ import annotations

import csv
import subprocess
import sys
from datetime import datetime, timezone
from urllib.parse import unquote

import pytest

from feedback.report import safe_cell, site_pages, write_report
from feedback.sitemap import parse_sitemap
from feedback.storage import connect
from feedback.validation import Answer
from tests.collector import free_port
from tests.conftest import DOCS, article_sources, page_url, read_front_matter, soup
from tests.postgres import backend, new_db, postgres_server  # noqa: F401 - fixtures
from tests.sitebuild import ROOT

HOSTILE = '<script>alert("x")</script> and =HYPERLINK("https://evil.example")'


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
    rows = write_report(database.tally(), ROOT / "mkdocs.yml", out)
    return rows, out


def test_every_article_is_listed_worst_first_with_exact_counts(report):
    rows, out = report
    with open(out / "feedback.csv", newline="", encoding="utf-8") as handle:
        table = list(csv.DictReader(handle))
    assert len(table) == len(article_sources()) + 1  # + the removed page
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
    assert outlook.h2.a["href"] == "https://help.example.com/" + page_url(source)
    assert outlook.h2.get_text(strip=True) == read_front_matter(source)["title"]
    [source_link] = outlook.select("p.meta a")
    assert (out / unquote(source_link["href"])).resolve() == source.resolve()
    assert [dd.get_text() for dd in outlook.select("dd")] == ["1", "4", "80%"]


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
    write_report(database.tally(), ROOT / "mkdocs.yml", tmp_path / "out")
    with open(tmp_path / "out" / "feedback.csv", newline="", encoding="utf-8") as handle:
        rows = {row["source"]: row for row in csv.DictReader(handle)}
    created, comment = rows["docs/email-setup/outlook.md"]["latest_comments"].split(" ", 1)
    assert created[:4].isdigit() and comment == "=cmd|' /C calc'!A0 is what I typed"
    assert [safe_cell(text) for text in ("=1+1", "+1", "-1", "@x", "fine")] == ["'=1+1", "'+1", "'-1", "'@x", "fine"]


def run_report(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "feedback", "report", *args], cwd=ROOT,
                          capture_output=True, text=True, check=False)


def test_without_a_database_the_report_lists_every_article_with_no_answers(tmp_path):
    result = run_report("--db", str(tmp_path / "none.sqlite3"), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert f"{len(article_sources())} articles, 0 answers" in result.stdout
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
    assert not (tmp_path / "db.sqlite3").exists() and not (tmp_path / "feedback-report").exists()


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
    on_site = {"/", path_of("domains/index.md"), path_of("writers-guide.md")}
    assert on_site <= parse_sitemap((site.site / "sitemap.xml").read_bytes())
    for path in [*sorted(on_site), "/retired-article/"]:
        database.store(Answer(path, "no", f"an answer on {path}, long enough"))
    rows = write_report(database.tally(), ROOT / "mkdocs.yml", tmp_path / "out")
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
