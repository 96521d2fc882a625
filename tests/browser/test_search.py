"""Search, as a customer uses it: type what you see, find the fix in the first three results."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import both_screens, open_search
from tests.siteserver import serve_site
from tests.sitebuild import build

pytestmark = pytest.mark.browser

PASSWORDS = "email-troubleshooting/password-issues-mac-mail-ios/"
# (what a customer types, the article that answers it)
QUERIES = [
    # Error messages and codes, word for word as the customer sees them.
    ("can't connect to your email account", PASSWORDS),
    ("550 5.1.1 user unknown", "email-troubleshooting/bounced-messages/"),
    ("554 5.7.1", "email-troubleshooting/bounced-messages/"),
    ("MAILER-DAEMON", "email-troubleshooting/bounced-messages/"),
    ("Not secure", "websites/ssl-https/"),
    # Everyday words.
    ("keeps asking for password", PASSWORDS),
    ("keychain", PASSWORDS),
    ("iphone", "email-setup/iphone-ipad/"),
    ("smtp", "email-setup/mail-server-settings/"),
    ("bounce", "email-troubleshooting/bounced-messages/"),
    ("nameservers", "domains/point-domain-nameservers/"),
    ("ssl", "websites/ssl-https/"),
    ("padlock", "websites/ssl-https/"),
    ("webmail", "accounts/webmail/"),
    ("outlook", "email-setup/outlook/"),
    ("android", "email-setup/android/"),
    ("gmail app", "email-setup/android/"),
    ("mx record", "domains/mx-records/"),
    ("port 587", "email-troubleshooting/cannot-send-email/"),
    ("emails not sending", "email-troubleshooting/cannot-send-email/"),
    ("imap settings", "email-setup/mail-server-settings/"),
    ("forgot my email password", "accounts/reset-mailbox-password/"),
    ("dns not updating", "domains/dns-propagation/"),
    ("filezilla", "websites/upload-files-sftp/"),
]


def top_articles(page, base_url: str, count: int = 3) -> list[str]:
    """The pages of the first `count` results, as paths relative to the site (no ?h=, no #)."""
    hrefs = page.eval_on_selector_all(
        ".md-search-result__list > .md-search-result__item > a.md-search-result__link:first-child",
        "links => links.map(link => link.href)")
    root = urlsplit(base_url).path
    return [urlsplit(href).path.removeprefix(root) for href in hrefs[:count]]


def search(page, field, base_url: str, query: str) -> list[str]:
    """Type `query` key by key and return the top three pages once the results settle."""
    field.fill("")
    field.press_sequentially(query)
    results, previous = [], None
    for _ in range(30):  # results come within tens of milliseconds; wait until two reads agree
        page.wait_for_timeout(100)
        results = top_articles(page, base_url)
        if results and results == previous:
            break
        previous = results
    return results


def test_customer_queries_find_the_right_article_in_the_top_three(page, base_url):
    """Each realistic query ranks its article first, second or third (desktop search field)."""
    assert len(QUERIES) >= 15
    page.goto(PASSWORDS)
    field = open_search(page, "desktop")
    misses = {}
    for query, article in QUERIES:
        results = search(page, field, base_url, query)
        if article not in results:
            misses[query] = (article, results)
    assert misses == {}


@both_screens
def test_search_opens_and_answers_on_each_screen(page, base_url, screen):
    """On the phone the search opens from the header button; on desktop from the field."""
    page.goto("")
    field = open_search(page, screen)
    assert field.is_visible()
    assert PASSWORDS in search(page, field, base_url, "keeps asking for password")
    page.locator(".md-search-result__item a").first.click()
    page.wait_for_url(re.compile(re.escape(PASSWORDS)))


def test_the_ranking_check_fails_when_an_article_leaves_the_index(project_copy, browser):
    """Taking the reference out of search makes the same query miss it: the check can fail."""
    article = project_copy / "docs" / PASSWORDS.rstrip("/")
    source = article.with_suffix(".md")
    source.write_text(source.read_text().replace("---\n", "---\nsearch:\n  exclude: true\n", 1))
    result = build(project_copy, project_copy / "site")
    assert result.returncode == 0, result.output
    with serve_site(result.site) as url:
        page = browser.new_page()
        try:
            page.goto(url)
            field = open_search(page, "desktop")
            assert PASSWORDS not in search(page, field, url, "keychain")
            assert "email-setup/iphone-ipad/" in search(page, field, url, "iphone")
        finally:
            page.close()
