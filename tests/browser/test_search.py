"""Search, as a customer uses it: type what you see, find the fix in the first three results."""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

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


RESULT_LINKS = ".kb-search-result > a.md-search-result__link"


def top_articles(page, base_url: str, count: int = 3) -> list[str]:
    """The pages of the first `count` results, as paths relative to the site (no ?h=, no #)."""
    hrefs = page.eval_on_selector_all(RESULT_LINKS, "links => links.map(link => link.href)")
    root = urlsplit(base_url).path
    return [urlsplit(href).path.removeprefix(root) for href in hrefs[:count]]


def wait_for_results(page) -> None:
    """Wait until the results of the last query typed are on the page (search.js clears aria-busy)."""
    page.wait_for_function(
        "() => document.querySelector('.md-search-result').getAttribute('aria-busy') === 'false'")


def search(page, field, base_url: str, query: str, *, paste: bool = False) -> list[str]:
    """Type `query` key by key (or paste it at once) and return the top three pages."""
    field.fill("")
    if paste:
        field.fill(query)
    else:
        field.press_sequentially(query)
    wait_for_results(page)
    return top_articles(page, base_url)


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
    page.locator(RESULT_LINKS).first.click()
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


def test_stemming_finds_a_word_from_its_plural(page, base_url):
    """"keychains" finds the article that only says "keychain"; a word in no article finds nothing."""
    page.goto("")
    field = open_search(page, "desktop")
    assert PASSWORDS in search(page, field, base_url, "keychains")
    assert search(page, field, base_url, "qwertyuiop") == []


def test_a_quoted_phrase_matches_only_in_that_order(page, base_url):
    """The quoted words in their order find the article; the same words quoted in another order do not."""
    page.goto("")
    field = open_search(page, "desktop")
    assert PASSWORDS in search(page, field, base_url, '"keeps asking for your password"')
    assert PASSWORDS not in search(page, field, base_url, '"password for asking your keeps"', paste=True)


def test_only_the_article_is_searchable(page, base_url):
    """Text of the support block and the feedback question finds nothing; the article's own text does."""
    page.goto("")
    field = open_search(page, "desktop")
    assert search(page, field, base_url, '"Chat with our support team"', paste=True) == []
    assert search(page, field, base_url, '"Was this article helpful"', paste=True) == []
    assert PASSWORDS in search(page, field, base_url, '"Mac Mail keeps asking"', paste=True)


def test_the_opened_article_highlights_the_matched_words(page, base_url):
    """A result opens its article with the matched words marked; the same article opened directly has no marks."""
    page.goto("")
    field = open_search(page, "desktop")
    search(page, field, base_url, "keychains")
    page.locator(RESULT_LINKS).first.click()
    page.wait_for_url(re.compile(re.escape(PASSWORDS)))
    marks = page.locator("[data-pagefind-body] mark").all_inner_texts()
    assert marks and all(mark.lower() == "keychain" for mark in marks)
    page.goto(PASSWORDS)
    assert page.locator("[data-pagefind-body] mark").count() == 0


@both_screens
def test_the_home_page_form_and_a_q_link_open_search_with_results(page, base_url, screen):
    """The home page's form submits ?q=, which opens search with the results; an unknown word shows none."""
    page.goto("")
    page.fill("#kb-hero-query", "keychain")
    page.press("#kb-hero-query", "Enter")
    page.wait_for_url(re.compile(r"\?q=keychain"))
    wait_for_results(page)
    assert page.locator("input.md-search__input").input_value() == "keychain"
    assert PASSWORDS in top_articles(page, base_url)
    assert page.locator(RESULT_LINKS).first.is_visible()
    page.goto("?q=qwertyuiop")
    wait_for_results(page)
    assert top_articles(page, base_url) == []
    assert page.locator(".md-search-result__meta").inner_text() == "No matching documents"


# The page's last parser-blocking script; held back, it keeps the page loading. (On a `?q=` link
# the theme's own script, before it, is turned inert until the results are shown, so it cannot.)
LAST_SCRIPT = "**/assets/javascripts/kb-code.js"


def hold_last_script(page):
    """Hold the page's last script back (it may be asked for late); a function that lets it load."""
    held: list = []
    page.route(LAST_SCRIPT, lambda route: route.continue_() if held is None else held.append(route))

    def let_go():
        nonlocal held
        routes, held = held, None
        for route in routes:
            route.continue_()
    return let_go


def pagefind_requests_while_the_page_loads(page, path: str) -> list[str]:
    """Open `path` with the page's last parser-blocking script held back, so the page cannot
    finish loading; the Pagefind files requested meanwhile. Then let it finish."""
    let_go = hold_last_script(page)
    asked: list[str] = []
    page.on("request", lambda request: "/pagefind/" in request.url and asked.append(request.url))
    page.goto(path, wait_until="commit")
    page.wait_for_function("() => document.querySelector('[data-kb-search]') !== null")
    if "q=" in path:
        page.wait_for_event("request", lambda request: "/pagefind/" in request.url, timeout=10_000)
    before_load = list(asked)
    assert page.evaluate("document.readyState") == "loading", "the last script was not held back"
    let_go()
    page.wait_for_load_state("load")
    return before_load


def test_a_q_link_starts_pagefind_before_the_page_has_loaded(page, base_url):
    """With ?q=, Pagefind's script is asked for while the rest of the page is still loading,
    and the results come once it has loaded."""
    asked = pagefind_requests_while_the_page_loads(page, "?q=keychain")
    assert any(url.endswith("/pagefind/pagefind.js") for url in asked)
    wait_for_results(page)
    assert PASSWORDS in top_articles(page, base_url)


def test_companion_without_q_no_pagefind_file_loads_with_the_page(page):
    """Without ?q=, the same check sees no Pagefind request, before or after the page has
    loaded: it can fail, and pages that nobody searches from cost nothing more."""
    asked = pagefind_requests_while_the_page_loads(page, "")
    page.wait_for_load_state("networkidle")
    assert asked == []
    assert page.evaluate("performance.getEntriesByType('resource').filter(e => e.name.includes('/pagefind/')).length") == 0


# The script that ends the search dialog and tells search.js that it is complete.
READY_SCRIPT = re.compile(r"<script[^>]*\bdata-kb-search-ready\b[^>]*>.*?</script>", re.DOTALL)


def without_ready_script(route) -> None:
    """Answer with the real page, less the dialog's announcing script."""
    html = route.fetch().text()
    assert READY_SCRIPT.search(html), "the page has no dialog script to remove"
    route.fulfill(status=200, content_type="text/html; charset=utf-8", body=READY_SCRIPT.sub("", html))


def result_while_the_page_loads(page, path: str) -> bool:
    """Open `path` with the page's last parser-blocking script held back, so the page cannot
    finish loading; whether a first result is drawn meanwhile. Then let it finish."""
    let_go = hold_last_script(page)
    page.goto(path, wait_until="commit")
    try:
        page.wait_for_selector(".kb-search-result", state="attached", timeout=8_000)
    except PlaywrightTimeoutError:
        pass
    shown = page.locator(".kb-search-result").count() > 0
    assert page.evaluate("document.readyState") == "loading", "the last script was not held back"
    let_go()
    page.wait_for_load_state("load")
    return shown


def test_a_q_link_shows_its_first_result_before_the_page_has_loaded(page, base_url):
    """On an article opened with ?q=, the first result is drawn as soon as the search dialog is
    there, while the rest of the page is still loading: search does not wait for the page."""
    assert result_while_the_page_loads(page, "domains/mx-records/?q=keychain")
    wait_for_results(page)
    assert PASSWORDS in top_articles(page, base_url)


def test_companion_a_search_that_waits_for_the_page_draws_nothing_before_it_has_loaded(page, base_url):
    """Without the dialog's announcing script, search.js starts only with the loaded page: the
    check above sees no result while the page loads (it can fail), and the results still come."""
    page.route("**/domains/mx-records/?q=keychain", without_ready_script)
    assert not result_while_the_page_loads(page, "domains/mx-records/?q=keychain")
    wait_for_results(page)
    assert PASSWORDS in top_articles(page, base_url)


# What each of the two search scripts does on its own, seen from the page: search-query.js sets
# window.kbSearch; search.js marks the ?h= words in the article.
HAS_RUN = {"search-query.js": "window.kbSearch !== undefined",
           "search.js": "document.querySelector('mark[data-md-highlight]') !== null"}


@pytest.mark.parametrize("first, last", [("search-query.js", "search.js"), ("search.js", "search-query.js")])
def test_a_q_link_is_answered_whichever_search_script_runs_first(page, base_url, first, last):
    """Both scripts load `async`, so either may run first: `last` is held back until `first` has
    run and nothing is drawn yet; once it runs, the `?q=` answer is drawn all the same."""
    held = []
    page.route(f"**/assets/javascripts/{last}", lambda route: held.append(route))
    page.goto(PASSWORDS + "?q=keychain&h=keychain", wait_until="commit")
    page.wait_for_function(f"() => {HAS_RUN[first]}")
    assert held and not page.evaluate(f"() => {HAS_RUN[last]}")
    assert page.locator(".kb-search-result").count() == 0
    for route in held:
        route.continue_()
    wait_for_results(page)
    assert PASSWORDS in top_articles(page, base_url)


HOSTILE_QUERY = '<img src=x onerror="window.kbInjected=1">'


def test_a_hostile_q_parameter_runs_nothing(new_context):
    """?q= with markup is shown as text in the field and never becomes an element.

    The Content-Security-Policy is bypassed, so that this proves search.js itself safe."""
    context = new_context(bypass_csp=True)
    traffic, page = context.kb_traffic, context.new_page()
    page.goto("?q=" + quote(HOSTILE_QUERY))
    wait_for_results(page)
    assert page.locator("input.md-search__input").input_value() == HOSTILE_QUERY
    assert page.evaluate("window.kbInjected") is None
    assert page.locator("img[src=x]").count() == 0
    assert traffic.console_errors == []


@pytest.mark.provokes_traffic  # the injected image's failed load is a console error
def test_the_hostile_query_check_catches_markup_that_runs(new_context):
    """The same text put into the page as HTML does run: the check above can fail.

    The page's Content-Security-Policy would refuse the inline handler too, so this page
    bypasses it: the search code alone must keep the query inert."""
    page = new_context(bypass_csp=True).new_page()
    page.goto("")
    page.evaluate("query => document.body.insertAdjacentHTML('beforeend', query)", HOSTILE_QUERY)
    page.wait_for_function("window.kbInjected === 1")
    assert page.locator("img[src=x]").count() == 1


@pytest.mark.provokes_traffic  # the blocked request is logged by the browser
def test_search_says_so_when_the_index_cannot_load(page, base_url):
    """With Pagefind's files unreachable, the panel says search is unavailable instead of waiting forever."""
    page.route("**/pagefind/**", lambda route: route.abort())
    page.goto("")
    field = open_search(page, "desktop")
    assert search(page, field, base_url, "keychain") == []
    assert page.locator(".md-search-result__meta").inner_text().startswith("Search is not available")


def copy_buttons_after(page, path: str, seconds: float) -> int:
    """Open `path` with Pagefind's script never answered, so no result can be shown; the code copy
    buttons (Material's script adds them once it starts) on the page `seconds` after it has loaded."""
    page.route("**/pagefind/pagefind.js", lambda route: None)
    page.goto(path)
    page.wait_for_timeout(seconds * 1000)
    return page.locator(".md-code__button").count()


def test_on_a_q_link_materials_script_waits_for_the_results_at_most_4_seconds(page):
    """With ?q=, the theme's start (its copy buttons, among others) waits for the first results:
    with none coming, nothing has started a second after the page loaded, and all has after 4 s."""
    assert copy_buttons_after(page, "domains/mx-records/?q=keychain", 1) == 0
    page.locator(".md-code__button").first.wait_for(state="attached", timeout=5_000)


def test_companion_without_q_materials_script_starts_with_the_page(page):
    """Without ?q=, the same check sees the copy buttons a second after the page loaded."""
    assert copy_buttons_after(page, "domains/mx-records/", 1) > 0


# Material's script sets window.document$ as it runs: whether it had, when the first result was drawn.
THEME_AT_FIRST_RESULT = """new MutationObserver((_, observer) => {
  if (document.querySelector(".kb-search-result")) {
    window.kbThemeFirst = window.document$ !== undefined;
    observer.disconnect();
  }
}).observe(document, {childList: true, subtree: true})"""


def theme_ran_before_the_first_result(page, path: str, seconds: float) -> bool:
    """Open `path` with Pagefind's script held back until the page is parsed and `seconds` more;
    whether Material's script had run when the first result was drawn."""
    held = []
    page.route("**/pagefind/pagefind.js", lambda route: held.append(route))
    page.add_init_script(THEME_AT_FIRST_RESULT)
    page.goto(path, wait_until="commit")
    page.wait_for_function("() => document.readyState !== 'loading'")
    page.wait_for_timeout(seconds * 1000)
    assert held, "Pagefind's script was not asked for"
    for route in held:
        route.continue_()
    page.wait_for_function("() => window.kbThemeFirst !== undefined")
    return page.evaluate("() => window.kbThemeFirst")


def test_on_a_q_link_materials_script_runs_only_after_the_first_results(page):
    """With ?q=, the theme's script itself waits for the results (it is not run as the page is
    parsed, though its tag comes before the page's end), then starts its parts all the same."""
    assert not theme_ran_before_the_first_result(page, "domains/mx-records/?q=keychain", 0.5)
    page.locator(".md-code__button").first.wait_for(state="attached", timeout=5_000)


def test_companion_results_later_than_4_seconds_come_after_materials_script(page):
    """With the results held past the 4 s limit, the same check sees the theme's script run first."""
    assert theme_ran_before_the_first_result(page, "domains/mx-records/?q=keychain", 4.5)
    assert page.locator(".md-code__button").count() > 0
