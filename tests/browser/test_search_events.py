"""Search analytics in Chromium, sent to the real collector: one event per settled search, with the
right counts in its database, and nothing before a search, with Global Privacy Control or Do Not
Track on, or for a query that looks like personal data."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import open_search
from tests.browser.test_search import RESULT_LINKS, wait_for_results
from tests.collector import read
from tests.conftest import DOCS, page_url

pytestmark = pytest.mark.browser

ARTICLE = DOCS / "domains" / "mx-records.md"
NOTHING_MATCHES = "zqxw vbnm"
EVENTS_SCRIPT = "**/assets/javascripts/search-events.js"
OPT_OUTS = {"gpc": "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', {get: () => true})",
            "dnt": "Object.defineProperty(Navigator.prototype, 'doNotTrack', {get: () => '1'})"}


def stored(db) -> list[tuple]:
    return read(db, "SELECT query, results, clicked FROM searches ORDER BY id")


def wait_for_rows(page, db, count: int) -> list[tuple]:
    """The stored searches once there are `count` of them (or after 5 s)."""
    for _ in range(50):
        rows = stored(db)
        if len(rows) >= count:
            return rows
        page.wait_for_timeout(100)
    return stored(db)


@pytest.fixture
def posts(page, feedback_site) -> list[str]:
    """The body of every request the page makes to the search endpoint."""
    sent: list[str] = []
    endpoint = feedback_site.collector.url + "/api/search"
    page.on("request", lambda request: sent.append(request.post_data) if request.url == endpoint
            and request.method == "POST" else None)
    return sent


def shown_count(page) -> int:
    """The number of results the dialog says it found ("No matching documents" is 0)."""
    meta = page.locator(".md-search-result__meta").inner_text()
    found = re.search(r"\d+", meta)
    return int(found.group()) if found else 0


def test_a_search_with_no_result_and_one_with_a_click_reach_the_database(page, feedback_site, posts):
    db = feedback_site.collector.db
    before = stored(db)
    page.goto(feedback_site.url + page_url(ARTICLE))
    field = open_search(page, "desktop")
    field.press_sequentially(NOTHING_MATCHES.upper(), delay=120)  # slower than search.js's pause: every prefix is answered
    wait_for_results(page)
    assert page.locator(RESULT_LINKS).count() == 0
    page.keyboard.press("Escape")  # abandoned: the dialog closed
    rows = wait_for_rows(page, db, len(before) + 1)
    assert rows[len(before):] == [(NOTHING_MATCHES, 0, None)]

    field = open_search(page, "desktop")
    field.fill("")
    field.press_sequentially("MX  records", delay=120)
    wait_for_results(page)
    results = shown_count(page)
    assert results >= 2
    with page.expect_navigation():
        page.locator(RESULT_LINKS).nth(1).click()
    rows = wait_for_rows(page, db, len(before) + 2)
    assert rows[len(before):] == [(NOTHING_MATCHES, 0, None), ("mx records", results, 2)]
    assert len(posts) == 2  # one per settled search, not one per keystroke


def test_nothing_is_sent_before_a_search_nor_for_an_email_phone_or_card_query(page, feedback_site, posts):
    db = feedback_site.collector.db
    before = stored(db)
    page.goto(feedback_site.url + page_url(ARTICLE))
    page.wait_for_timeout(500)
    page.goto(feedback_site.url)  # the article is left (pagehide) without a search
    for query in ("jane.doe@example.com", "call +44 20 7946 0958", "4111 1111 1111 1111"):
        field = open_search(page, "desktop")
        field.fill(query)
        wait_for_results(page)
        page.keyboard.press("Escape")
    page.goto(feedback_site.url + page_url(ARTICLE))
    page.wait_for_timeout(500)
    assert posts == [] and stored(db) == before


@pytest.mark.parametrize("opt_out", list(OPT_OUTS))
def test_with_privacy_control_or_do_not_track_on_nothing_is_sent(page, feedback_site, posts, opt_out):
    db = feedback_site.collector.db
    before = stored(db)
    page.add_init_script(OPT_OUTS[opt_out])  # what a browser with the setting on exposes to the page
    page.goto(feedback_site.url + page_url(ARTICLE))
    field = open_search(page, "desktop")
    field.press_sequentially("mx records")
    wait_for_results(page)
    with page.expect_navigation():
        page.locator(RESULT_LINKS).first.click()
    page.wait_for_timeout(500)
    assert posts == [] and stored(db) == before


def test_a_q_link_answered_before_the_analytics_loaded_is_reported_once_when_a_result_is_opened(
        page, feedback_site, posts):
    """A ?q= link is answered as soon as the dialog is there, which can be before the deferred
    analytics script has run (held back here until the results are shown). Its search is still
    reported, once, when the customer opens a result, and nothing is sent before that."""
    db = feedback_site.collector.db
    before = stored(db)
    held = []
    page.route(EVENTS_SCRIPT, lambda route: held.append(route))
    page.goto(feedback_site.url + page_url(ARTICLE) + "?q=MX%20%20Records", wait_until="commit")
    page.wait_for_selector(RESULT_LINKS)
    wait_for_results(page)
    results = shown_count(page)
    assert held and results >= 2, "the analytics script was not held back until the results came"
    for route in held:
        route.continue_()
    page.unroute(EVENTS_SCRIPT)  # the opened result's page loads it at once
    page.wait_for_load_state("load")
    page.wait_for_timeout(500)
    assert posts == [] and stored(db) == before  # the customer has not acted yet
    with page.expect_navigation():
        page.locator(RESULT_LINKS).first.click()
    rows = wait_for_rows(page, db, len(before) + 1)
    assert rows[len(before):] == [("mx records", results, 1)]
    assert len(posts) == 1


def test_opening_a_result_at_its_heading_counts_as_a_click_on_that_result(page, feedback_site):
    """The section link under the first result (search.js) reports the first result as opened."""
    db = feedback_site.collector.db
    before = stored(db)
    page.goto(feedback_site.url + page_url(ARTICLE))
    field = open_search(page, "desktop")
    field.fill("keychain access")
    wait_for_results(page)
    results = shown_count(page)
    with page.expect_navigation():
        page.locator(".kb-search-result").first.locator("a.kb-search-section").click()
    assert wait_for_rows(page, db, len(before) + 1)[len(before):] == [("keychain access", results, 1)]
