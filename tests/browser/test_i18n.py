"""Languages in Chromium: the switcher is axe-clean and takes the reader to the same article; a
search on a Spanish page searches the Spanish index (Pagefind picks it by <html lang>)."""

from __future__ import annotations

import pytest

from tests.browser.conftest import both_schemes, both_screens, open_search
from tests.browser.test_accessibility import showing, violations
from tests.browser.test_search import search

pytestmark = pytest.mark.browser

SEED = "email-troubleshooting/password-issues-mac-mail-ios/"
ES_SEED = "es/" + SEED


@both_schemes
@both_screens
@pytest.mark.parametrize("url", [ES_SEED, "ar/" + SEED, "es/", "writers-guide/"],
                         ids=["spanish-article", "arabic-article", "spanish-home", "untranslated"])
def test_pages_with_the_switcher_have_no_violations(page, url, screen, scheme):
    page.goto(url)
    assert page.locator("nav.kb-languages a").count() == 3
    assert violations(showing(page, scheme)) == {}


def test_the_switcher_takes_the_reader_to_the_same_article(page, base_url):
    page.goto(ES_SEED)
    page.get_by_role("navigation", name="Seleccionar idioma").get_by_role("link", name="English").click()
    page.wait_for_url(base_url + SEED)
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("navigation", name="Select language").get_by_role("link", name="Español").click()
    page.wait_for_url(base_url + ES_SEED)


def test_the_switcher_opens_the_fallback_page_without_a_translation(page, base_url):
    """No Arabic translation: the same article, in English inside the Arabic site (hooks/i18n/fallbacks.py)."""
    page.goto("email-troubleshooting/cannot-send-email/")
    page.get_by_role("navigation", name="Select language").get_by_role("link", name="العربية").click()
    page.wait_for_url(base_url + "ar/email-troubleshooting/cannot-send-email/")
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator(".kb-fallback__article").get_attribute("lang") == "en"


@pytest.mark.parametrize("url, direction", [("ar/" + SEED, "rtl"), ("ar/email-setup/outlook/", "rtl"), (SEED, "ltr")],
                         ids=["arabic-article", "arabic-fallback", "english-article"])
def test_the_whole_document_reads_in_the_pages_direction(page, url, direction):
    """The root element, not only <body>, is in the page's direction as Chromium computes it, so the
    viewport starts from the right on an Arabic page; the English article inside a fallback stays
    left to right."""
    page.goto(url)
    assert page.evaluate("[document.documentElement, document.body].map(e => getComputedStyle(e).direction)") == [
        direction, direction]
    if page.locator(".kb-fallback__article").count():
        assert page.locator(".kb-fallback__article").evaluate("e => getComputedStyle(e).direction") == "ltr"


def test_a_search_on_a_spanish_page_searches_spanish(page, base_url):
    """Spanish stemming finds "llaveros" in the Spanish seed; the English index does not know the word."""
    page.goto(ES_SEED)
    assert search(page, open_search(page, "desktop"), base_url, "llaveros")[0] == ES_SEED
    page.goto(SEED)
    assert not [url for url in search(page, open_search(page, "desktop"), base_url, "llaveros")
                if url.startswith("es/")]


@pytest.mark.provokes_traffic
def test_material_fetches_a_sitemap_beside_each_head_alternate(page, base_url, traffic):
    """Why hreflang is only in sitemap.xml: with one <link rel=alternate> in the head, as Material's
    own `extra.alternate` draws them, its script fetches a sitemap beside that link on every view."""
    asked = []
    page.on("request", lambda request: request.url.endswith("sitemap.xml") and asked.append(request.url))
    page.goto(ES_SEED)
    page.wait_for_load_state("networkidle")
    assert asked == []

    def with_alternate(route):
        html = route.fetch().text()
        link = f'<link rel="alternate" hreflang="es" href="{base_url}{ES_SEED}">'
        route.fulfill(body=html.replace("</head>", link + "</head>"), content_type="text/html")

    page.route(base_url + SEED, with_alternate)
    page.goto(SEED)
    page.wait_for_load_state("networkidle")
    assert asked == [f"{base_url}{ES_SEED}sitemap.xml"]
    assert all("404" in error for error in traffic.console_errors)
