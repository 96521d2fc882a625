"""Accessibility: axe-core finds nothing on the home page, an article, open search and the feedback form."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import both_screens, open_search
from tests.browser.test_search import search

pytestmark = pytest.mark.browser

ARTICLE = "email-troubleshooting/password-issues-mac-mail-ios/"
axe = Axe()


def violations(page, **options) -> dict[str, list]:
    """axe-core's violations on the page as it is now: rule ID -> the offending elements."""
    results = axe.run(page, options={"resultTypes": ["violations"], **options})
    return {rule["id"]: [node["target"] for node in rule["nodes"]] for rule in results.response["violations"]}


@both_screens
@pytest.mark.parametrize("url", ["", "email-troubleshooting/", ARTICLE], ids=["home", "category", "article"])
def test_page_has_no_violations(page, url, screen):
    """Home page, a category page and the reference article, as first loaded."""
    page.goto(url)
    assert violations(page) == {}


@both_screens
def test_open_search_with_results_has_no_violations(page, base_url, screen):
    """The search dialog, open and showing results (once they and their fade-in have settled)."""
    page.goto(ARTICLE)
    assert search(page, open_search(page, screen), base_url, "password")
    page.wait_for_timeout(400)
    assert violations(page) == {}


@both_screens
def test_open_search_in_the_dark_scheme_has_no_violations(page, base_url, screen):
    """The same, after the header toggle switched to the dark scheme."""
    page.goto(ARTICLE)
    page.click("label.md-header__button[title='Switch to dark mode']")
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    assert search(page, open_search(page, screen), base_url, "password")
    page.wait_for_timeout(400)
    assert violations(page) == {}


def test_feedback_form_with_an_error_has_no_violations(page, feedback_site):
    """The feedback form with its comment box open and the too-short message showing."""
    page.goto(feedback_site.url + ARTICLE)
    page.locator("aside.kb-support").scroll_into_view_if_needed()  # the widget loads near the end
    page.get_by_role("button", name="No").click()
    page.get_by_role("button", name="Send feedback").click()
    page.get_by_role("alert").wait_for()
    assert violations(page) == {}


def test_axe_catches_unreadable_text_and_an_unnamed_dialog(page):
    """Undoing our fixes brings the violations back: the check can fail."""
    page.goto(ARTICLE)
    page.evaluate("""() => {
      document.querySelector(".md-search").removeAttribute("aria-label");
      document.querySelector(".admonition.important p:last-child").style.color = "#c8c8c8";
    }""")
    assert set(violations(page)) == {"aria-dialog-name", "color-contrast"}
