"""Accessibility: axe-core finds nothing on any kind of page, in both colour schemes.

Home, category, article, each page of the writers' guide, the 404 page, open search with results
and the feedback form, each on a desktop and a phone screen, light and dark."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import MATERIAL_SCHEME, SHOWN_SCHEME, both_schemes, both_screens, open_search
from tests.browser.test_search import search
from tests.conftest import guide_sources, page_url

pytestmark = pytest.mark.browser

ARTICLE = "email-troubleshooting/password-issues-mac-mail-ios/"
CODE_ARTICLE = "domains/dns-propagation/"  # three code blocks, each with a copy button
GUIDE = [page_url(source) for source in guide_sources()]  # every page of the writers' guide
axe = Axe()


def violations(page, **options) -> dict[str, list]:
    """axe-core's violations on the page as it is now: rule ID -> the offending elements."""
    results = axe.run(page, options={"resultTypes": ["violations"], **options})
    return {rule["id"]: [node["target"] for node in rule["nodes"]] for rule in results.response["violations"]}


def showing(page, scheme: str):
    """The page, once it shows the scheme the test asked for (so dark runs really are dark)."""
    assert page.evaluate(SHOWN_SCHEME) == MATERIAL_SCHEME[scheme]
    return page


@both_schemes
@both_screens
@pytest.mark.parametrize("url", ["", "email-troubleshooting/", ARTICLE, CODE_ARTICLE, *GUIDE, "contact/"],
                         ids=["home", "category", "article", "article-with-code", *GUIDE, "contact"])
def test_page_has_no_violations(page, url, screen, scheme):
    """Every kind of page, as first loaded."""
    page.goto(url)
    assert violations(showing(page, scheme)) == {}


@both_schemes
@both_screens
@pytest.mark.provokes_traffic
def test_404_page_has_no_violations(page, traffic, screen, scheme):
    """The site's own 404 page (the browser logs the 404 status, nothing else)."""
    assert page.goto("no-such-page/").status == 404
    assert violations(showing(page, scheme)) == {}
    assert traffic.foreign_requests == [] and all("404" in error for error in traffic.console_errors)


@both_schemes
@both_screens
def test_open_search_with_results_has_no_violations(page, base_url, screen, scheme):
    """The search dialog, open and showing results (once they and their fade-in have settled)."""
    page.goto(ARTICLE)
    assert search(page, open_search(page, screen), base_url, "password")
    page.wait_for_timeout(400)
    assert violations(showing(page, scheme)) == {}


@both_schemes
def test_feedback_form_with_an_error_has_no_violations(page, feedback_site, scheme):
    """The feedback form with its comment box open and the too-short message showing."""
    page.goto(feedback_site.url + ARTICLE)
    page.locator("aside.kb-support").scroll_into_view_if_needed()  # the widget loads near the end
    page.get_by_role("button", name="No").click()
    page.get_by_role("button", name="Send feedback").click()
    page.get_by_role("alert").wait_for()
    assert violations(showing(page, scheme)) == {}


def test_axe_catches_unreadable_text_and_an_unnamed_dialog(page):
    """Undoing our fixes brings the violations back: the check can fail."""
    page.goto(ARTICLE)
    page.evaluate("""() => {
      document.querySelector(".md-search").removeAttribute("aria-label");
      document.querySelector(".admonition.important p:last-child").style.color = "#c8c8c8";
    }""")
    assert set(violations(page)) == {"aria-dialog-name", "color-contrast"}


def test_axe_catches_unnamed_code_navigation(page):
    """Without the names kb-code.js gives them, two code blocks' button bars clash as landmarks."""
    page.goto(CODE_ARTICLE)
    assert violations(page) == {}
    page.evaluate("document.querySelectorAll('nav.md-code__nav').forEach(nav => nav.removeAttribute('aria-label'))")
    assert "landmark-unique" in violations(page)


@both_schemes
@both_screens
def test_contact_page_with_suggestions_and_ways_shown_has_no_violations(page, feedback_site, screen, scheme):
    """The contact page once the customer has typed (suggestions listed) and asked for the ways to contact us;
    on the site beside a real collector, which counts the steps."""
    page.goto(feedback_site.url + "contact/")
    page.get_by_label("Describe it in a few words").fill("outlook password")
    page.locator(".kb-contact__articles a").first.wait_for()
    page.get_by_role("button", name="None of these helps").click()
    page.locator("#kb-contact-ways").wait_for(state="visible")
    assert violations(showing(page, scheme)) == {}


@both_schemes
def test_feedback_reasons_shown_have_no_violations(page, feedback_site, scheme):
    """The feedback widget after a "No": the reasons, the comment box and its hint."""
    page.goto(feedback_site.url + ARTICLE)
    page.locator("aside.kb-support").scroll_into_view_if_needed()
    form = page.locator("form.kb-feedback")
    form.wait_for(state="visible")
    form.get_by_role("button", name="No").click()
    form.get_by_role("group", name="What went wrong?").wait_for()
    assert violations(showing(page, scheme)) == {}
