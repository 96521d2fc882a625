"""Privacy: a visit calls no host but the site's own, and the console shows no errors."""

from __future__ import annotations

import pytest

from tests.browser.conftest import both_screens, open_search

pytestmark = pytest.mark.browser

PAGES = ["", "email-troubleshooting/", "email-troubleshooting/password-issues-mac-mail-ios/",
         "domains/mx-records/", "websites/ssl-https/", "writers-guide/", "no-such-page/"]


@both_screens
def test_pages_and_search_call_no_other_host_and_log_no_errors(page, traffic, screen):
    """Home, category, articles, the writers' guide and a search: nothing leaves 127.0.0.1."""
    for url in PAGES[:-1]:
        page.goto(url)
        page.wait_for_load_state("networkidle")
    field = open_search(page, screen)
    field.press_sequentially("keychain")
    page.locator(".md-search-result__item").first.wait_for()
    page.locator(".md-search-result__item a").first.click()
    page.wait_for_load_state("networkidle")
    assert traffic.foreign_requests == []
    assert traffic.console_errors == []


def test_missing_page_shows_the_404_page_without_other_hosts(page, traffic):
    """The server's 404 is logged by the browser; the page itself calls nothing outside."""
    response = page.goto(PAGES[-1])
    assert response.status == 404
    assert traffic.foreign_requests == []


def test_the_checks_catch_a_third_party_font_and_a_script_error(page, traffic):
    """An injected Google Fonts stylesheet and a thrown error are both recorded."""
    page.goto(PAGES[2])
    page.evaluate("""() => {
      const link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = "https://fonts.googleapis.com/css?family=Roboto";
      document.head.append(link);
      setTimeout(() => { throw new Error("broken widget"); });
    }""")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(100)
    assert traffic.foreign_requests == ["https://fonts.googleapis.com/css?family=Roboto"]
    assert any("broken widget" in error for error in traffic.console_errors)
