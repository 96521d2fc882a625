"""Privacy: a visit calls no host but the site's own, and the console shows no errors."""

from __future__ import annotations

from functools import partial
from http.server import SimpleHTTPRequestHandler

import pytest

from tests.browser.conftest import both_screens, open_search
from tests.siteserver import serve_handler

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


def shows_our_404_page(page) -> bool:
    """The site's own 404 page: our header with the site's name, styled, over a 404 heading."""
    header = page.locator("header.md-header")
    return (header.count() == 1 and "Knowledge Base" in header.inner_text()
            and header.evaluate("el => getComputedStyle(el).position") == "sticky"
            and "404" in page.locator("h1").first.inner_text())


@pytest.mark.provokes_traffic
def test_missing_page_shows_our_404_page_without_other_hosts(page, traffic):
    """Served as a static host serves it: status 404, our page, and nothing from other hosts.

    The browser logs the 404 itself; that is the only console error allowed."""
    response = page.goto(PAGES[-1])
    page.wait_for_load_state("networkidle")
    assert response.status == 404
    assert shows_our_404_page(page)
    assert traffic.foreign_requests == []
    assert [error for error in traffic.console_errors if "404" not in error] == []


@pytest.mark.provokes_traffic
def test_404_check_fails_on_a_server_without_the_site_404_page(page, site):
    """A server that answers with Python's own error page does not pass the check."""
    with serve_handler(partial(SimpleHTTPRequestHandler, directory=str(site.site))) as url:
        response = page.goto(url + PAGES[-1])
        assert response.status == 404
        assert not shows_our_404_page(page)


@pytest.mark.provokes_traffic
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
