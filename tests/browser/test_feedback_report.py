"""The writers' report in Chromium: axe-clean and readable on a phone, with long comments."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from feedback.report import write_report
from feedback.storage import connect
from feedback.validation import Answer
from tests.browser.conftest import both_screens
from tests.browser.test_accessibility import violations
from tests.sitebuild import ROOT
from tests.siteserver import serve_site

pytestmark = pytest.mark.browser

LONG_WORD = "https://mail.example.com/owa/auth/logon.aspx?replaceCurrent=1&url=" + "x" * 120


@pytest.fixture
def report_url(tmp_path):
    """A report with answers, a multi-line comment and an unbreakable URL, served over HTTP."""
    database = connect(tmp_path / "feedback.sqlite3")
    when = datetime(2026, 11, 2, 10, 0, tzinfo=timezone.utc)
    database.store(Answer("/email-setup/outlook/", "no", f"It sends me to {LONG_WORD} and stops."), now=when)
    database.store(Answer("/email-setup/outlook/", "no", "Step 3 is missing.\nStep 4 has a different button."), now=when)
    database.store(Answer("/domains/mx-records/", "yes", ""), now=when)
    out = tmp_path / "report"
    write_report(database.tally(), ROOT / "mkdocs.yml", out)
    with serve_site(out) as url:
        yield url


@both_screens
def test_the_report_has_no_accessibility_violations(page, report_url, screen):
    page.goto(report_url)
    assert violations(page) == {}


@both_screens
def test_the_report_fits_the_screen_without_sideways_scrolling(page, report_url, screen):
    """Even an unbreakable URL in a comment wraps; the page is never wider than the screen."""
    page.goto(report_url)
    assert page.get_by_text("It sends me to").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_checks_catch_a_broken_report(page, report_url):
    """Grey text and an unwrapped comment: axe reports the contrast and the page scrolls sideways."""
    page.goto(report_url)
    page.set_viewport_size({"width": 390, "height": 844})
    page.evaluate("""() => {
      document.querySelector("p.meta").style.color = "#c8c8c8";
      document.querySelectorAll(".comments li").forEach(li => { li.style.overflowWrap = "normal"; });
    }""")
    assert set(violations(page)) == {"color-contrast"}
    assert not page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
