"""Issue 20's "what it must show": in Chromium, against the real collector, a search with no result, a
search with a click, a "No" with a reason and a started contact that a suggested article deflected;
then `python -m feedback report` (what `make report` runs) and the dashboard, read in Chromium, shows
each with the counts the collector's database holds, in its tables and in this week's bars."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime, timedelta, timezone

import pytest

from feedback.validation import REASONS
from tests.browser.conftest import open_search
from tests.browser.test_feedback import REFERENCE, SHOWN_DAY
from tests.browser.test_feedback_v2 import CONTACT, funnel_delta, open_a_suggestion
from tests.browser.test_search import RESULT_LINKS, wait_for_results
from tests.browser.test_search_events import NOTHING_MATCHES, wait_for_rows
from tests.collector import contacts, read
from tests.conftest import DOCS, page_url, read_front_matter
from tests.sitebuild import ROOT
from tests.siteserver import serve_site

pytestmark = pytest.mark.browser

REASON = "out_of_date"
SEARCHED_ARTICLE = DOCS / "domains" / "mx-records.md"


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def this_week(created: str, week: date) -> bool:
    """Whether a stored time (ISO 8601, UTC) falls in the week starting `week`."""
    return monday(datetime.fromisoformat(created).astimezone(timezone.utc).date()) == week


def search_twice(page, site, db) -> None:
    """One search that finds nothing and is abandoned, one whose second result is opened."""
    before = len(read(db, "SELECT id FROM searches"))
    page.goto(site.url + page_url(SEARCHED_ARTICLE))
    field = open_search(page, "desktop")
    field.press_sequentially(NOTHING_MATCHES, delay=120)
    wait_for_results(page)
    page.keyboard.press("Escape")
    wait_for_rows(page, db, before + 1)
    field = open_search(page, "desktop")
    field.fill("")
    field.press_sequentially("mx records", delay=120)
    wait_for_results(page)
    with page.expect_navigation():
        page.locator(RESULT_LINKS).nth(1).click()
    assert len(wait_for_rows(page, db, before + 2)) == before + 2


def answer_no_with_a_reason(page, site, db) -> None:
    since = read(db, "SELECT COALESCE(MAX(id), 0) FROM answers")[0][0]
    page.goto(site.url + page_url(REFERENCE))
    page.locator("aside.kb-support").scroll_into_view_if_needed()
    form = page.locator("form.kb-feedback")
    form.wait_for(state="visible")
    form.get_by_role("button", name="No").click()
    form.get_by_role("group", name="What went wrong?").get_by_role("radio", name=REASONS[REASON]).check()
    form.get_by_role("button", name="Send feedback").click()
    page.get_by_role("status").filter(has_text="Thank you").wait_for()
    assert read(db, "SELECT answer, reason FROM answers WHERE id > ?", (since,)) == [("no", REASON)]


def contact_deflected(page, site, db) -> None:
    """A contact started, a suggested article opened, and the customer does not come back for the chat."""
    before = contacts(db)
    page.goto(site.url + CONTACT, wait_until="load")
    open_a_suggestion(page, before, db)
    assert funnel_delta(before, db) == {"started": 1, "opened": 1, "continued": 0}


def bar(page, chart: str, label: str) -> int:
    """The count a bar's <title> gives, as a pointer or a screen reader reads it."""
    text = page.locator(f"figure#trend-{chart} svg rect > title").filter(has_text=label).text_content()
    return int(text.rsplit(" ", 1)[1])


def table_count(page, section: str, heading: str, query: str) -> int:
    table = page.locator(f"section.{section} h3:text-is('{heading}') + p + table")
    return int(table.locator("tr").filter(has=page.locator(f"td:text-is('{query}')")).locator("td").nth(1).inner_text())


def test_what_customers_did_reaches_the_dashboard_with_its_counts_and_charts(page, feedback_site, tmp_path):
    db = feedback_site.collector.db
    search_twice(page, feedback_site, db)
    answer_no_with_a_reason(page, feedback_site, db)
    contact_deflected(page, feedback_site, db)

    today = datetime.now(timezone.utc).date()
    week = monday(today)
    out = tmp_path / "report"
    done = subprocess.run([sys.executable, "-m", "feedback", "report", "--db", str(db), "--config",
                           str(feedback_site.config), "--out", str(out), "--date", today.isoformat()],
                          cwd=ROOT, capture_output=True, text=True, check=False, timeout=120)
    assert done.returncode == 0, done.stderr
    searches = read(db, "SELECT query, results, clicked, created FROM searches")
    answers = read(db, "SELECT page, answer, reason, revision, created FROM answers")
    days = read(db, "SELECT day, step, count FROM contacts")
    with serve_site(out) as url:
        page.goto(url)
        # The search with no result: its row, and this week's bars.
        assert table_count(page, "searches", "Searches with no result", NOTHING_MATCHES) == sum(
            1 for query, results, _, _ in searches if query == NOTHING_MATCHES and results == 0)
        week_of = f"Week of {week.isoformat()}"
        for label, wanted in (("No result", lambda results, clicked: results == 0),
                              ("A result opened", lambda results, clicked: results > 0 and clicked is not None)):
            expected = sum(1 for _, results, clicked, created in searches
                           if wanted(results, clicked) and this_week(created, week))
            assert bar(page, "searches", f"{week_of}: {label} ") == expected >= 1, label

        # The "No" with its reason, counted since the article's last edit, and this week's "No" bar.
        title = read_front_matter(REFERENCE)["title"]
        article = page.locator("ol.articles > li").filter(has=page.get_by_role("link", name=title, exact=True))
        since = article.locator("div.side").filter(has_text=f"Since the last edit ({SHOWN_DAY})")
        reason = since.locator("dl > div").filter(has_text=REASONS[REASON]).locator("dd").inner_text()
        path = "/" + page_url(REFERENCE)
        assert int(reason) == sum(1 for page_, answer, why, revision, _ in answers
                                  if (page_, why, revision) == (path, REASON, SHOWN_DAY)) >= 1
        assert bar(page, "answers", f"{week_of}: No ") == sum(
            1 for _, answer, _, _, created in answers if answer == "no" and this_week(created, week)) >= 1

        # The deflected contact: the funnel's counts and this week's bars.
        funnel = {page.locator("section.funnel dt").nth(n).inner_text(): int(page.locator("section.funnel dd").nth(n)
                                                                            .inner_text()) for n in range(3)}
        total = contacts(db)
        assert funnel == {"Contacts started": total["started"], "Suggested articles opened": total["opened"],
                          "Contacts continued after an article was opened": total.get("continued", 0)}
        for step, label in (("started", "Started"), ("opened", "Article opened")):
            expected = sum(count for day, name, count in days if name == step
                           and monday(date.fromisoformat(str(day))) == week)
            assert bar(page, "contacts", f"{week_of}: {label} ") == expected >= 1, label
