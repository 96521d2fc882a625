"""Pages shown in English because a language has no translation of them, on the real site (one build of
the real mkdocs.yml): the fallback page at the language's address says so in the reader's language,
marks the article as English, points its canonical link at the original, and stays out of the
sitemap and every search index; English URLs and pages are as before."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree

from tests.conftest import soup
from tests.sitebuild import build

SITE = "https://help.example.com/"     # mkdocs.yml's site_url when SITE_URL is unset
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
UNTRANSLATED = "email-setup/outlook/"                         # in Spanish, not in Arabic
FALLBACK = "ar/" + UNTRANSLATED
TRANSLATED = "ar/email-troubleshooting/password-issues-mac-mail-ios/"
SPANISH = "es/" + UNTRANSLATED
OUTSIDE_NAV = "writers-guide/"                                # English only and not in the navigation


def sitemap(site) -> dict[str, dict[str, str]]:
    """Each sitemap address with its hreflang alternates."""
    root = ElementTree.parse(site.site / "sitemap.xml").getroot()
    return {url.find("s:loc", SITEMAP).text: {link.get("hreflang"): link.get("href")
                                               for link in url.findall("x:link", SITEMAP)}
            for url in root.findall("s:url", SITEMAP)}


def test_a_page_without_translation_opened_in_arabic_says_so_in_arabic(site):
    page = soup(site.html(FALLBACK))
    assert page.html["lang"] == "ar" and page.body["dir"] == "rtl"
    note = page.select_one("article .kb-fallback")
    assert note is not None, "no note on the fallback page"
    assert note["lang"] == "ar" and note["dir"] == "rtl"
    assert note.get_text(strip=True) == "لم تُترجم هذه المقالة إلى العربية بعد، لذلك نعرضها باللغة الإنجليزية."


def test_the_fallback_article_is_marked_english_inside_the_arabic_site(site):
    page = soup(site.html(FALLBACK))
    body = page.select_one("article .kb-fallback__article")
    assert body["lang"] == "en" and body["dir"] == "ltr"
    english = soup(site.html(UNTRANSLATED))
    assert body.select_one("h1").get_text() == english.select_one("article h1").get_text()
    assert page.select_one("nav.md-header__inner")["aria-label"] != english.select_one("nav.md-header__inner")["aria-label"]


def test_a_translated_page_has_no_fallback_note(site):
    for url in (TRANSLATED, SPANISH, UNTRANSLATED):
        page = soup(site.html(url))
        assert page.select_one(".kb-fallback") is None and page.select_one(".kb-fallback__article") is None, url


def test_the_canonical_link_of_a_fallback_is_the_original(site):
    canonical = soup(site.html(FALLBACK)).select_one("head link[rel=canonical]")["href"]
    assert canonical == SITE + UNTRANSLATED
    assert soup(site.html(TRANSLATED)).select_one("head link[rel=canonical]")["href"] == SITE + TRANSLATED
    assert soup(site.html(UNTRANSLATED)).select_one("head link[rel=canonical]")["href"] == SITE + UNTRANSLATED


def test_fallbacks_stay_out_of_the_sitemap_and_its_alternates(site):
    entries = sitemap(site)
    assert SITE + FALLBACK not in entries
    assert SITE + TRANSLATED in entries
    assert entries[SITE + UNTRANSLATED] == {"en": SITE + UNTRANSLATED, "es": SITE + SPANISH,
                                           "x-default": SITE + UNTRANSLATED}


def indexed_counts(site) -> dict[str, int]:
    """Pagefind's count of indexed pages per language."""
    entry = json.loads((site.site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    return {code: language["page_count"] for code, language in entry["languages"].items()}


def pages_marked_for_search(site) -> dict[str, int]:
    """How many built pages of each <html lang> carry data-pagefind-body."""
    counts: dict[str, int] = {}
    for path in site.site.rglob("*.html"):
        page = soup(path.read_text(encoding="utf-8"))
        if page.select_one("[data-pagefind-body]") is not None:
            counts[page.html["lang"]] = counts.get(page.html["lang"], 0) + 1
    return counts


def test_no_search_index_holds_a_fallback(site):
    assert soup(site.html(FALLBACK)).select_one("[data-pagefind-body]") is None
    assert soup(site.html(TRANSLATED)).select_one("[data-pagefind-body]") is not None
    assert indexed_counts(site) == pages_marked_for_search(site)


def test_a_page_outside_the_navigation_gets_no_fallback(site):
    assert (site.site / OUTSIDE_NAV / "index.html").is_file()
    assert not (site.site / "ar" / OUTSIDE_NAV).exists() and not (site.site / "es" / OUTSIDE_NAV).exists()
    assert (site.site / FALLBACK / "index.html").is_file()


def test_an_article_without_spanish_translation_opened_from_the_spanish_site_says_so_in_spanish(project_copy, tmp_path):
    """The real site has every article in Spanish: a copy without one lists its fallback on the Spanish
    category page, with the note in Spanish."""
    (project_copy / "docs" / "es" / "websites" / "ssl-https.md").unlink()
    result = build(project_copy, tmp_path / "site")
    assert result.returncode == 0, result.output
    page = soup(result.html("es/websites/ssl-https/"))
    assert page.html["lang"] == "es"
    note = page.select_one("article .kb-fallback")
    assert note is not None and note["lang"] == "es"
    assert note.get_text(strip=True) == "Este artículo todavía no está traducido al español, así que lo mostramos en inglés."
    assert page.select_one(".kb-fallback__article")["lang"] == "en"
    category = soup(result.html("es/websites/"))
    assert "ssl-https/" in [a["href"] for a in category.select("article a[href]")], "the category does not list it"
    assert soup(result.html("es/websites/upload-files-sftp/")).select_one(".kb-fallback") is None
