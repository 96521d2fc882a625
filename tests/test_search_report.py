"""The report's searches section, from a real database on each back end through `python -m feedback report`."""

from __future__ import annotations

import csv
import subprocess
import sys
from collections import Counter

from feedback.searches.storage import store_search
from feedback.searches.validation import validate_search
from feedback.storage import connect
from tests.conftest import soup
from tests.postgres import backend, new_db, postgres_server  # noqa: F401 - fixtures
from tests.sitebuild import ROOT

HOSTILE = '=HYPERLINK("https://evil.example") <img src=x onerror=alert(1)>'
# (query as typed, results, position clicked or None)
EVENTS = ([("Transfer  Domain", 0, None)] * 3 + [("teleport mailbox", 0, None)]
          + [("mx records", 5, None)] * 2 + [("mx records", 5, 1)] * 4 + [("SPF", 2, None)]
          + [(HOSTILE, 0, None)] * 2 + [("dkim", 3, 2)])


def expected(kind: str) -> list[tuple[str, int]]:
    """The report's list worked out from EVENTS: normalized query and count, most frequent first."""
    wanted = (lambda results, clicked: results == 0) if kind == "no result" else (
        lambda results, clicked: results > 0 and clicked is None)
    counts = Counter(" ".join(query.lower().split()) for query, results, clicked in EVENTS if wanted(results, clicked))
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def test_searches_with_no_result_and_with_no_click_are_grouped_with_counts(new_db, tmp_path):
    db = new_db(tmp_path)
    database = connect(db)
    for query, results, clicked in EVENTS:
        store_search(database, validate_search({"query": query, "results": results, "clicked": clicked}))
    out = tmp_path / "report"
    done = subprocess.run([sys.executable, "-m", "feedback", "report", "--db", str(db), "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "searches.csv" in done.stdout

    page = soup((out / "index.html").read_text(encoding="utf-8"))
    section = page.select_one("section.searches")
    tables = {table.find_previous("h3").get_text(strip=True): table for table in section.select("table")}
    for kind, title in (("no result", "Searches with no result"), ("no click", "Searches with no click")):
        shown = [(row.select("td")[0].get_text(), int(row.select("td")[1].get_text()))
                 for row in tables[title].select("tbody tr")]
        assert shown == expected(kind), kind
    assert section.find("img") is None  # the customer's text is shown as text
    assert section.find(href="searches.csv")

    with open(out / "searches.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for kind in ("no result", "no click"):
        listed = [(row["query"].removeprefix("'"), int(row["searches"])) for row in rows if row["kind"] == kind]
        assert listed == expected(kind), kind
    assert not [row for row in rows if row["query"].startswith(("=", "+", "-", "@"))]


def test_an_empty_database_says_none_yet(new_db, tmp_path):
    db = new_db(tmp_path)
    connect(db)
    out = tmp_path / "report"
    subprocess.run([sys.executable, "-m", "feedback", "report", "--db", str(db), "--out", str(out)],
                   cwd=ROOT, capture_output=True, text=True, check=True)
    section = soup((out / "index.html").read_text(encoding="utf-8")).select_one("section.searches")
    assert section.select("table") == [] and section.get_text().count("None yet.") == 2
    assert (out / "searches.csv").read_text(encoding="utf-8") == "kind,query,searches\n"
