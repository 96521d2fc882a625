"""The dashboard per language, through `python -m feedback report` on each back end: each article's
language from its URL, `--language CODE` keeping one language's articles and stale articles, and a
language the site does not have refused in one line."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from feedback.storage import connect
from feedback.validation import Answer
from tests.conftest import soup
from tests.postgres import backend, new_db, postgres_server  # noqa: F401 - fixtures
from tests.test_dashboard import at, run_report

ENGLISH, SPANISH = "/email-setup/outlook/", "/es/email-setup/outlook/"
ARABIC = "/ar/email-troubleshooting/password-issues-mac-mail-ios/"
GONE_SPANISH = "/es/email-setup/old-article/"  # answered, then removed from the site
DAY = "2030-01-01"  # late enough for every article with review keys to be overdue


def feedback_rows(out: Path) -> dict[str, dict[str, str]]:
    """feedback.csv's rows by URL path."""
    with open(out / "feedback.csv", newline="", encoding="utf-8") as handle:
        return {"/" + row["url"].split("://", 1)[-1].split("/", 1)[-1]: row for row in csv.DictReader(handle)}


def stale_sources(out: Path) -> set[str]:
    with open(out / "stale.csv", newline="", encoding="utf-8") as handle:
        return {row["source"] for row in csv.DictReader(handle)}


@pytest.fixture
def answered(new_db, tmp_path):
    """A database with "No" answers about the same article in English and Spanish, one Arabic, one gone page."""
    db = new_db(tmp_path)
    database = connect(db)
    for page, count in ((ENGLISH, 1), (SPANISH, 3), (ARABIC, 2), (GONE_SPANISH, 1)):
        database.store(*[Answer(page, "no", "Los pasos no coinciden con mi pantalla.", "steps_failed", None)] * count,
                       now=at("2029-12-01"))
    return db


def test_every_article_says_its_language(answered, tmp_path):
    out = tmp_path / "all"
    done = run_report(answered, out, "--date", DAY)
    assert done.returncode == 0, done.stderr
    rows = feedback_rows(out)
    assert {path: (rows[path]["language"], rows[path]["no"]) for path in (ENGLISH, SPANISH, ARABIC, GONE_SPANISH)} == {
        ENGLISH: ("en", "1"), SPANISH: ("es", "3"), ARABIC: ("ar", "2"), GONE_SPANISH: ("es", "1")}
    page = soup((out / "index.html").read_text())
    assert {dd.get_text() for dd in page.select("ol.articles dd.row-language")} == {"en", "es", "ar"}
    assert page.select_one("p.language") is None
    assert any(source.startswith("docs/es/") for source in stale_sources(out))
    assert any(not source.startswith(("docs/es/", "docs/ar/")) for source in stale_sources(out))


def test_one_language_keeps_its_articles_answers_and_stale_articles(answered, tmp_path):
    out = tmp_path / "es"
    done = run_report(answered, out, "--date", DAY, "--language", "es")
    assert done.returncode == 0, done.stderr
    rows = feedback_rows(out)
    assert rows and {row["language"] for row in rows.values()} == {"es"}
    assert SPANISH in rows and GONE_SPANISH in rows and ENGLISH not in rows and ARABIC not in rows
    page = soup((out / "index.html").read_text())
    assert "Only pages in Español (es)" in page.select_one("p.language").get_text()
    # The header counts this language's answers only: 3 about the article and 1 about the gone page.
    assert page.select_one("p.meta").get_text().startswith("4 answers;")
    sources = stale_sources(out)
    assert sources and all(source.startswith("docs/es/") for source in sources)
    shown = [span.get_text() for span in page.select("section.stale span.meta")]
    assert sorted(shown) == sorted(sources)


def test_the_default_language_is_the_pages_outside_every_language_folder(answered, tmp_path):
    out = tmp_path / "en"
    assert run_report(answered, out, "--date", DAY, "--language", "en").returncode == 0
    rows = feedback_rows(out)
    assert ENGLISH in rows and SPANISH not in rows and ARABIC not in rows
    assert not any(source.startswith(("docs/es/", "docs/ar/")) for source in stale_sources(out))


@pytest.mark.parametrize("bad", ["fr", "ES", ""])
def test_a_language_the_site_does_not_have_is_one_line_and_nothing_is_written(tmp_path, bad):
    done = run_report(tmp_path / "none.sqlite3", tmp_path / "out", "--language", bad)
    assert done.returncode == 1
    assert done.stderr == (f'feedback: --language "{bad}" is not a language of the site; use one of en, es, ar '
                           "(extra.languages in mkdocs.yml), or leave it out for all\n")
    assert not (tmp_path / "out").exists()
