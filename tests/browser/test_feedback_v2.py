"""Feedback v2, page views and the contact page in Chromium, against the real collector: a "No" with a
reason and the page's revision, one view sent after load and nothing else before the customer acts,
a started contact deflected by a suggested article, all read back from the collector's database and
from `python -m feedback report`; and nothing at all counted when the browser asks for privacy.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.browser.test_feedback import REFERENCE, SHOWN_DAY
from tests.collector import contacts, read, views
from tests.conftest import page_url, soup
from tests.sitebuild import ROOT

pytestmark = pytest.mark.browser

PAGE = "/" + page_url(REFERENCE)
CONTACT = "contact/"
PRIVACY_SIGNALS = {
    "gpc": "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', {get: () => true})",
    "dnt": "Object.defineProperty(Navigator.prototype, 'doNotTrack', {get: () => '1'})",
}


@pytest.fixture
def to_collector(context, feedback_site) -> list[str]:
    """Every request the browser makes to the collector, as 'METHOD path'."""
    base = feedback_site.endpoint.rsplit("/api/", 1)[0]
    sent = []
    context.on("request", lambda request: sent.append(f"{request.method} {request.url[len(base):]}")
               if request.url.startswith(base) else None)
    return sent


def settle(page, check, timeout_ms: int = 5000):
    """Wait until `check()` is true (the collector has committed what the browser sent)."""
    for _ in range(timeout_ms // 100):
        if check():
            return
        page.wait_for_timeout(100)
    assert check()


def funnel_delta(before: dict, db) -> dict:
    after = contacts(db)
    return {step: after.get(step, 0) - before.get(step, 0) for step in ("started", "opened", "continued")}


def open_a_suggestion(page, before: dict, db) -> None:
    """On the contact page: describe the problem, wait for the suggestions, open the first; the
    collector counts the contact started and the article opened."""
    page.get_by_label("Describe it in a few words").fill("outlook password keeps asking")
    suggestions = page.locator(".kb-contact__articles a")
    suggestions.first.wait_for()
    settle(page, lambda: funnel_delta(before, db)["started"] == 1)
    target = suggestions.first.get_attribute("href")
    suggestions.first.click()
    page.wait_for_url(target)
    settle(page, lambda: funnel_delta(before, db)["opened"] == 1)


def test_a_no_with_a_reason_and_no_comment_is_stored_with_the_revision_the_page_shows(page, feedback_site):
    db = feedback_site.collector.db
    since = read(db, "SELECT COALESCE(MAX(id), 0) FROM answers")[0][0]
    page.goto(feedback_site.url + page_url(REFERENCE))
    assert page.locator(".kb-updated time").get_attribute("datetime") == SHOWN_DAY
    page.locator("aside.kb-support").scroll_into_view_if_needed()
    form = page.locator("form.kb-feedback")
    form.wait_for(state="visible")
    form.get_by_role("button", name="No").click()
    reasons = form.get_by_role("group", name="What went wrong?")
    reasons.get_by_role("radio", name="It is out of date").check()  # a radio is reached and chosen by keyboard too
    form.get_by_role("button", name="Send feedback").click()
    page.get_by_role("status").filter(has_text="Thank you").wait_for()
    assert read(db, "SELECT page, answer, comment, reason, revision FROM answers WHERE id > ?", (since,)) == [
        (PAGE, "no", "", "out_of_date", SHOWN_DAY)]


def test_an_article_sends_one_view_after_load_and_nothing_else_until_the_reader_acts(page, feedback_site,
                                                                                     to_collector):
    db = feedback_site.collector.db
    before = views(db).get(PAGE, 0)
    page.goto(feedback_site.url + page_url(REFERENCE), wait_until="load")
    settle(page, lambda: views(db).get(PAGE, 0) == before + 1)
    page.wait_for_timeout(500)
    assert to_collector == ["POST /api/view"]
    assert views(db)[PAGE] == before + 1


def test_a_started_contact_deflected_by_a_suggestion_is_counted_and_reported(page, feedback_site, to_collector,
                                                                             tmp_path):
    db = feedback_site.collector.db
    before = contacts(db)
    page.goto(feedback_site.url + CONTACT, wait_until="load")
    ways = page.locator("#kb-contact-ways")
    assert ways.is_hidden()
    page.wait_for_timeout(500)
    assert to_collector == []  # nothing before the customer acts

    open_a_suggestion(page, before, db)

    page.go_back(wait_until="load")
    page.get_by_role("button", name="None of these helps").click()
    ways.wait_for(state="visible")
    assert ways.get_by_role("link", name="Chat with our support team").is_visible()
    settle(page, lambda: funnel_delta(before, db)["continued"] == 1)
    assert funnel_delta(before, db) == {"started": 1, "opened": 1, "continued": 1}

    out = tmp_path / "report"
    result = subprocess.run([sys.executable, "-m", "feedback", "report", "--db", str(db), "--config",
                             str(feedback_site.config), "--out", str(out)], cwd=ROOT, capture_output=True, text=True,
                            check=False, timeout=120)
    assert result.returncode == 0, result.stderr
    funnel = soup((out / "index.html").read_text()).select_one("section[aria-labelledby=funnel-title]")
    shown = {div.dt.get_text(): int(div.dd.get_text()) for div in funnel.select("dl > div")}
    assert shown == {"Contacts started": contacts(db)["started"], "Suggested articles opened": contacts(db)["opened"],
                     "Contacts continued after an article was opened": contacts(db)["continued"]}
    assert shown["Contacts continued after an article was opened"] >= 1


@pytest.mark.parametrize("signal", list(PRIVACY_SIGNALS))
def test_nothing_is_counted_when_the_browser_asks_for_privacy(page, context, feedback_site, to_collector, signal):
    context.add_init_script(PRIVACY_SIGNALS[signal])
    page.goto(feedback_site.url + page_url(REFERENCE), wait_until="load")
    page.goto(feedback_site.url + CONTACT, wait_until="load")
    page.get_by_label("Describe it in a few words").fill("outlook password keeps asking")
    page.locator(".kb-contact__articles a").first.click()
    page.wait_for_load_state("load")
    page.go_back(wait_until="load")
    page.get_by_role("button", name="None of these helps").click()
    page.wait_for_timeout(1000)
    assert to_collector == []
