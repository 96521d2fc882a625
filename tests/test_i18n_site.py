"""Languages on the real site (one build of the real mkdocs.yml): each page in its language, with
its translations linked both ways, its language's navigation and Material strings, and a switcher
that keeps the reader on the article or the closest page; English URLs as published."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import material
import pytest
from mkdocs.exceptions import PluginError

from hooks.i18n.direction import BASE_TEMPLATE, DIRECTION, with_root_direction
from hooks.i18n.languages import material_strings
from tests.conftest import ROOT, soup

SEED = "email-troubleshooting/password-issues-mac-mail-ios/"
ES_SEED = "es/" + SEED
UNTRANSLATED = "writers-guide/"        # in English only
NO_ARABIC = "email-troubleshooting/cannot-send-email/"   # in Spanish; its category, not it, in Arabic
NO_ARABIC_CATEGORY = "websites/ssl-https/"               # in Spanish; not even its category in Arabic
SITE = "https://help.example.com/"     # mkdocs.yml's site_url when SITE_URL is unset
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def head_alternates(html: str) -> dict[str, str]:
    """The page's hreflang links: language -> address."""
    return {link["hreflang"]: link["href"] for link in soup(html).select("head link[rel=alternate][hreflang]")}


def sitemap_alternates(site) -> dict[str, dict[str, str]]:
    """Each sitemap entry's xhtml:link alternates: address -> (language -> address)."""
    root = ElementTree.parse(site.site / "sitemap.xml").getroot()
    return {url.find("s:loc", SITEMAP).text: {link.get("hreflang"): link.get("href")
                                               for link in url.findall("x:link", SITEMAP)}
            for url in root.findall("s:url", SITEMAP)}


def switcher(html: str) -> dict[str, tuple[str, str | None, str | None]]:
    """The header's language links: language -> (target, rel, aria-current)."""
    nav = soup(html).select_one("nav.kb-languages")
    return {a["hreflang"]: (a["href"], a.get("rel") and " ".join(a["rel"]), a.get("aria-current"))
            for a in nav.select("a")} if nav else {}


def primary_nav_links(html: str) -> list[str]:
    page = soup(html)
    return [a["href"] for a in page.select("nav.md-nav--primary a.md-nav__link[href]")]


def test_the_spanish_seed_is_spanish_at_its_own_address(site):
    page = soup(site.html(ES_SEED))
    assert page.html["lang"] == "es" and page.body["dir"] == "ltr"
    assert soup(site.html(SEED)).html["lang"] == "en"


def material_string(language: str, key: str) -> str:
    """One of Material's interface strings, as its translation file for `language` writes it."""
    text = (material_strings() / f"{language}.html").read_text(encoding="utf-8")
    return re.search(rf'"{re.escape(key)}": "([^"]*)"', text).group(1)


@pytest.mark.parametrize("url, language", [(ES_SEED, "es"), (SEED, "en"), ("ar/", "ar"), ("es/websites/", "es")])
def test_material_strings_are_in_the_page_language(site, url, language):
    page = soup(site.html(url))
    assert page.select_one("nav.md-header__inner")["aria-label"] == material_string(language, "header")
    assert page.select_one("input.md-search__input")["placeholder"] == material_string(language, "search.placeholder")


def test_the_languages_strings_differ_so_the_check_can_fail():
    assert material_string("es", "header") != material_string("en", "header") != material_string("ar", "header")


def test_the_arabic_pages_read_right_to_left(site):
    """`dir` on <html> (hooks/i18n/direction.py) as on <body> (Material): right to left on Arabic
    pages, fallback pages included, left to right on the others and on the 404 page."""
    for url in ("ar/", "ar/" + SEED, "ar/" + NO_ARABIC):
        page = soup(site.html(url))
        assert page.html["lang"] == "ar" and page.html["dir"] == page.body["dir"] == "rtl", url
    for url in ("", ES_SEED):
        page = soup(site.html(url))
        assert page.html["dir"] == page.body["dir"] == "ltr", url
    missing = soup((site.site / "404.html").read_text(encoding="utf-8"))
    assert missing.html["dir"] == missing.body["dir"] == "ltr"


MATERIAL_BASE = Path(material.__file__).parent / "templates" / BASE_TEMPLATE


def test_the_root_gets_materials_own_direction_and_a_changed_base_template_stops_the_build():
    """The value is the expression Material's base.html gives <body dir>; a base.html without an
    <html> tag is reported in one line, not left without a direction."""
    source = MATERIAL_BASE.read_text(encoding="utf-8")
    body = re.search(r'{%\s*set direction = (.*?)\s*%}', source).group(1)
    assert body.replace('"', "'") in DIRECTION
    marked = with_root_direction(source, "base.html")
    assert marked.count(f'<html dir="{DIRECTION}"') == 1 and marked.replace(f' dir="{DIRECTION}"', "", 1) == source
    with pytest.raises(PluginError, match=r"^base.html: no <html> tag to give the page's direction to; "):
        with_root_direction(source.replace("<html", "<div"), "base.html")


def test_hreflang_is_left_out_of_the_head(site):
    """Material would fetch a sitemap beside each one (tests/browser/test_i18n.py shows it)."""
    assert head_alternates(site.html(SEED)) == {} and head_alternates(site.html(ES_SEED)) == {}
    assert soup(site.html(SEED)).select("head link[rel=canonical]")


def test_a_page_with_no_translation_has_no_hreflang_links(site):
    assert sitemap_alternates(site)[SITE + UNTRANSLATED] == {}
    assert sitemap_alternates(site)[SITE + SEED] != {}


def test_the_sitemap_links_translations_both_ways(site):
    entries = sitemap_alternates(site)
    for address in (SITE + SEED, SITE + ES_SEED):
        assert entries[address] == {"en": SITE + SEED, "es": SITE + ES_SEED, "ar": SITE + "ar/" + SEED,
                                    "x-default": SITE + SEED}
    assert entries[SITE + "es/"]["x-default"] == SITE


def test_every_published_url_is_still_built_in_english(site):
    published = [line.strip() for line in (ROOT / "published-urls.txt").read_text(encoding="utf-8").splitlines()
                 if line.strip() and not line.startswith("#")]
    assert published
    for url in published:
        path = url.lstrip("/")
        assert (site.site / path / "index.html").is_file() or (site.site / path).is_file(), url
        if path.endswith("/") or path == "":
            assert soup(site.html(path)).html["lang"] == "en", url


def test_each_language_has_only_its_own_navigation(site):
    english = primary_nav_links(site.html(SEED))
    spanish = primary_nav_links(site.html(ES_SEED))
    assert english and spanish
    # From the English article, ../../ is the site root: no link may go down into es/ or ar/.
    assert not [href for href in english if re.search(r"(^|/)(es|ar)/", href)]
    # From the Spanish article, every link stays under es/ (at most two folders up).
    assert all(not href.startswith("../../../") for href in spanish)
    assert "../../../" + SEED not in spanish


def test_the_switcher_keeps_the_reader_on_the_article(site):
    assert switcher(site.html(ES_SEED)) == {
        "en": ("../../../" + SEED, "alternate", None), "es": ("./", None, "true"),
        "ar": ("../../../ar/" + SEED, "alternate", None)}
    assert switcher(site.html(SEED))["es"] == ("../../" + ES_SEED, "alternate", None)


def test_the_switcher_goes_to_the_fallback_page_or_the_closest_page_without_a_translation(site):
    """An article of the navigation has a fallback page in each language that lacks it (no rel=alternate:
    it is not a translation); a page outside the navigation has none, so the switcher goes up."""
    choices = switcher(site.html(NO_ARABIC))
    assert choices["ar"] == ("../../ar/" + NO_ARABIC, None, None)              # the Arabic fallback page
    assert choices["es"] == ("../../es/" + NO_ARABIC, "alternate", None)       # the Spanish article
    assert choices["en"] == ("./", None, "true")
    assert switcher(site.html(NO_ARABIC_CATEGORY))["ar"] == ("../../ar/" + NO_ARABIC_CATEGORY, None, None)
    assert switcher(site.html(UNTRANSLATED))["es"] == ("../es/", None, None)    # the Spanish home page
    assert switcher(site.html(UNTRANSLATED + "rules/"))["ar"] == ("../../ar/", None, None)  # a guide page, too


def test_the_switcher_is_labelled_in_the_page_language(site):
    assert soup(site.html(ES_SEED)).select_one("nav.kb-languages")["aria-label"] == "Seleccionar idioma"
    assert soup(site.html(SEED)).select_one("nav.kb-languages")["aria-label"] == "Select language"


def test_the_404_page_stays_in_the_default_language(site):
    page = soup((site.site / "404.html").read_text(encoding="utf-8"))
    assert page.html["lang"] == "en" and not page.select("nav.kb-languages")
