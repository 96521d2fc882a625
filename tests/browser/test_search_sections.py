"""A result opens its article at the heading that matches (search.js, from Pagefind's
sub-results): a query answered deep in an article offers a link to article#heading, and
following it lands there; a query the article's title answers offers none. The heading is the
writer's text: it reaches the result as text, never as markup."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import open_search
from tests.browser.test_search import PASSWORDS, search
from tests.siteserver import serve_site
from tests.sitebuild import build

pytestmark = pytest.mark.browser

KEYCHAIN = "clear-an-old-password-from-keychain-access"


def first_result(page):
    return page.locator(".kb-search-result").first


def test_a_heading_deep_in_an_article_is_offered_and_opens_there(page, base_url):
    page.goto("")
    field = open_search(page, "desktop")
    assert search(page, field, base_url, "keychain access")[0] == PASSWORDS
    section = first_result(page).locator("a.kb-search-section")
    assert section.inner_text() == "Go to: Clear an old password from Keychain Access"
    assert section.get_attribute("href").endswith(f"#{KEYCHAIN}")
    section.click()
    page.wait_for_url(re.compile(re.escape(PASSWORDS) + r"\?h=.*#" + KEYCHAIN))
    heading = page.locator(f"#{KEYCHAIN}")
    page.wait_for_function("() => window.scrollY > 0")
    box = heading.bounding_box()
    assert 0 <= box["y"] < page.viewport_size["height"] / 2  # at the top of the screen, not below the fold
    assert page.locator("[data-pagefind-body] mark").count() > 0  # the section's words are marked


def test_a_query_the_title_answers_offers_no_section(page, base_url):
    page.goto("")
    field = open_search(page, "desktop")
    assert search(page, field, base_url, "reset mailbox password")[0] == "accounts/reset-mailbox-password/"
    assert first_result(page).locator("a.kb-search-section").count() == 0


def test_the_arrow_keys_reach_the_section_link(page, base_url):
    page.goto("")
    field = open_search(page, "desktop")
    search(page, field, base_url, "keychain access")
    field.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.classList.contains('kb-search-section')")


def test_the_label_is_in_the_readers_language(page, base_url):
    page.goto("es/")
    field = open_search(page, "desktop")
    search(page, field, base_url, "acceso llaveros")
    assert first_result(page).locator(".kb-search-section__label").inner_text().strip() == "Ir a:"


def test_a_heading_with_markup_in_its_text_is_shown_as_text(project_copy, browser):
    """A writer's heading that quotes a tag: the result shows the tag's text, and no element of it."""
    source = project_copy / "docs" / PASSWORDS.rstrip("/")
    source = source.with_suffix(".md")
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("## Still asked for a password?",
                                   "## Still asked for a zanzibar `<img src=x onerror=alert(1)>`?"), encoding="utf-8")
    result = build(project_copy, project_copy / "site")
    assert result.returncode == 0, result.output[-2000:]
    with serve_site(result.site) as url:
        page = browser.new_page()
        try:
            page.goto(url)
            field = open_search(page, "desktop")
            assert search(page, field, url, "zanzibar")[0] == PASSWORDS
            section = first_result(page).locator("a.kb-search-section")
            assert "<img src=x onerror=alert(1)>" in section.inner_text()
            assert section.locator("img").count() == 0
        finally:
            page.close()
