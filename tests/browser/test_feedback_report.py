"""The writers' dashboard in Chromium: every section axe-clean in both colour schemes, readable on a
phone with long comments, and no request to another host."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timezone

import pytest

from feedback.events import ContactStep, PageView
from feedback.searches.storage import store_search
from feedback.searches.validation import validate_search
from feedback.storage import connect
from feedback.validation import Answer
from tests.browser.conftest import both_schemes, both_screens
from tests.browser.test_accessibility import violations
from tests.sitebuild import ROOT
from tests.siteserver import serve_site

pytestmark = pytest.mark.browser

LONG_WORD = "https://mail.example.com/owa/auth/logon.aspx?replaceCurrent=1&url=" + "x" * 120
SECTIONS = ("articles", "searches", "stale", "funnel", "trends")
DAY = "2030-01-07"  # late enough for the site's articles with review keys to be overdue: the stale section has rows
OPEN_DETAILS = "() => document.querySelectorAll('details').forEach(details => { details.open = true; })"


@pytest.fixture(params=[None, "es"], ids=["every-language", "spanish-only"])
def report_url(tmp_path, request):
    """A dashboard with something in every section, from `python -m feedback report`, served over HTTP:
    of every language, and of Spanish alone (`--language es`, which says so at the top)."""
    db = tmp_path / "feedback.sqlite3"
    database = connect(db)
    when = datetime(2030, 1, 2, 10, 0, tzinfo=timezone.utc)
    database.store(Answer("/email-setup/outlook/", "no", f"It sends me to {LONG_WORD} and stops.", "steps_failed"),
                   now=when)
    database.store(Answer("/email-setup/outlook/", "no", "Step 3 is missing.\nStep 4 has a different button."), now=when)
    database.store(Answer("/es/email-setup/outlook/", "no", f"It sends me to {LONG_WORD} and stops.", "steps_failed"),
                   now=when)
    database.store(Answer("/domains/mx-records/", "yes", ""), *[PageView("/email-setup/outlook/")] * 7,
                   ContactStep("started"), ContactStep("opened"), now=when)
    for query, results, clicked in (("transfer domain", 0, None), ("mx records", 3, None), ("mx records", 3, 1)):
        store_search(database, validate_search({"query": query, "results": results, "clicked": clicked}), now=when)
    out = tmp_path / "report"
    language = ["--language", request.param] if request.param else []
    done = subprocess.run([sys.executable, "-m", "feedback", "report", "--db", str(db), "--out", str(out),
                           "--date", DAY, *language], cwd=ROOT, capture_output=True, text=True, check=False, timeout=120)
    assert done.returncode == 0, done.stderr
    with serve_site(out) as url:
        yield url


def every_section_filled(page) -> None:
    """Each section is there with a table, list or chart in it, so axe has read them all."""
    for name in SECTIONS:
        assert page.locator(f"section.{name}").locator("table, ol, dl, svg").count() > 0, name


@both_schemes
@both_screens
def test_the_report_has_no_accessibility_violations(page, report_url, screen, scheme):
    page.goto(report_url)
    every_section_filled(page)
    dark = page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(22, 22, 22)"
    assert dark == (scheme == "dark")
    assert violations(page) == {}
    page.evaluate(OPEN_DETAILS)  # the numbers beside each chart
    assert page.locator("details table").first.is_visible()
    assert violations(page) == {}


@both_screens
def test_the_report_fits_the_screen_without_sideways_scrolling(page, report_url, screen):
    """Even an unbreakable URL in a comment wraps, and the charts shrink; the page is never wider than the screen."""
    page.goto(report_url)
    assert page.get_by_text("It sends me to").first.is_visible()
    page.evaluate(OPEN_DETAILS)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    svg = page.locator("figure#trend-answers svg").bounding_box()
    assert 0 < svg["width"] <= page.viewport_size["width"]


@both_schemes
def test_the_checks_catch_a_broken_report(page, report_url, scheme):
    """Text the scheme's background hides and an unwrapped comment: axe reports the contrast and the page
    scrolls sideways."""
    page.goto(report_url)
    page.set_viewport_size({"width": 390, "height": 844})
    faint = "#c8c8c8" if scheme == "light" else "#3a3a3a"
    page.evaluate("""faint => {
      document.querySelector("p.meta").style.color = faint;
      document.querySelectorAll(".comments li").forEach(li => { li.style.overflowWrap = "normal"; });
    }""", faint)
    assert set(violations(page)) == {"color-contrast"}
    assert not page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
