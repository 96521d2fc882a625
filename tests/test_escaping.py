"""Titles, descriptions and settings reach every page as text: built from hostile values, no page runs them."""

from __future__ import annotations

import json
from html import unescape

from markupsafe import Markup

from hooks.pages.escaping import escaped_meta, title_markup
from hooks.search.pagefind_index import BUNDLE_DIR, indexed_text
from tests.conftest import soup
from tests.hostile import (CATEGORY, FRONT_MATTER_ARTICLE, HEADING_ARTICLE, NAV_TITLED_ARTICLE, PLANTED_RE,
                           TEXT_PAYLOADS, TITLE_RE,
                           build_anyway, hostile_project, planted_in_html)


def planted_everywhere(site) -> set[str]:
    """The payload names that any built page or the search index would run."""
    found = set()
    for page in site.rglob("*.html"):
        found |= planted_in_html(page.read_text(encoding="utf-8"))
    # The search index is no sink: search.js writes titles as text and keeps only <mark> of an excerpt.
    return found


def json_strings(value) -> list[str]:
    """Every string in a loaded JSON value."""
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return [text for item in value for text in json_strings(item)]
    return [value] if isinstance(value, str) else []


def shown_as_text(site) -> set[str]:
    """The payload names that appear as readable text, attribute values or JSON data on a page or in the index."""
    # The search index: read it as the results show it.
    texts = [unescape(text) for text in json_strings(indexed_text(site / BUNDLE_DIR))]
    for page in site.rglob("*.html"):
        document = soup(page.read_text(encoding="utf-8"))
        texts.append(document.get_text())
        texts += [" ".join(v) if isinstance(v, list) else v for tag in document.find_all(True) for v in tag.attrs.values()]
        texts += [text for data in document.select('script[type="application/ld+json"]')
                  for text in json_strings(json.loads(data.get_text()))]
    return {name for text in texts for name in PLANTED_RE.findall(text)}


def test_no_title_description_or_setting_runs_on_any_page(hostile_site):
    """Every text payload that reaches the site is there as text, and none is written where it would run.

    Front-matter tags are not drawn; they reach the page only as the search keywords' attribute
    (overrides/main.html) and the index's metadata, as text there too."""
    assert shown_as_text(hostile_site.site) >= set(TEXT_PAYLOADS)
    assert planted_everywhere(hostile_site.site) & set(TEXT_PAYLOADS) == set()


def test_without_the_escaping_hook_the_same_site_runs_them(tmp_path):
    """Companion: drop hooks/on_escape.py and the payloads are written raw into the pages."""
    project = hostile_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text()
    assert "  - hooks/on_escape.py\n" in text
    config.write_text(text.replace("  - hooks/on_escape.py\n", ""))
    result = build_anyway(project)
    assert result.returncode == 0, result.output
    planted = planted_everywhere(result.site)
    # Tags are not among them: main.html escapes the search keywords itself (`| e`), as well as escaped_meta.
    assert {"site-name", "copyright", "nav-section", "nav-title", "front-matter-title",
            "front-matter-description"} <= planted


def test_titles_read_as_typed_whatever_their_source(hostile_site):
    """A front-matter title, a nav title and a heading title each show exactly as the writer typed them."""
    site_name = TEXT_PAYLOADS["site-name"]
    heading_title = 'Fix <b> <script>kbPwned("heading-title")</script>'  # the heading's code span and entities, as read
    pages = {TEXT_PAYLOADS["front-matter-title"]: FRONT_MATTER_ARTICLE, heading_title: HEADING_ARTICLE,
             TEXT_PAYLOADS["nav-title"]: NAV_TITLED_ARTICLE}
    for title, source in pages.items():
        html = hostile_site.html(f"{CATEGORY}/{source[:-3]}/")
        page = soup(TITLE_RE.sub("", html))
        if source != NAV_TITLED_ARTICLE:  # Material's <title> prefers the front matter's title to nav's
            assert unescape(TITLE_RE.search(html).group(1)) == f"{title} - {site_name}"
        assert page.select_one(".md-nav__link--active").get_text(strip=True) == title
        assert page.select_one("form.kb-feedback")["data-title"] == title
    category = soup(hostile_site.html(f"{CATEGORY}/"))
    listed = [link.get_text() for link in category.select(".kb-article-list a")]
    assert set(pages) <= set(listed)
    home = soup(hostile_site.html(""))
    assert home.select_one("h1").get_text() == site_name
    assert TEXT_PAYLOADS["nav-section"] in [h2.get_text(strip=True) for h2 in home.select(".kb-category h2")]


def test_title_from_a_heading_is_unescaped_once():
    """MkDocs gives a heading's title as HTML text; a typed title is taken as it is."""
    assert title_markup("AT&amp;T &lt;b&gt;", typed=False) == Markup("AT&amp;T &lt;b&gt;")
    assert title_markup("AT&amp;T", typed=True) == Markup("AT&amp;amp;T")
    assert title_markup(2024, typed=True) == Markup("2024")


def test_front_matter_text_is_escaped_and_other_values_kept():
    """title, description and each tag are escaped; other keys and non-text values are left alone."""
    meta = {"title": "<b>", "description": "a & b", "tags": ["<i>", 3], "template": "<x>", "hide": ["toc"]}
    escaped = escaped_meta(meta)
    assert escaped == {"title": "&lt;b&gt;", "description": "a &amp; b", "tags": ["&lt;i&gt;", 3],
                       "template": "<x>", "hide": ["toc"]}
    assert meta["title"] == "<b>"  # the page's own mapping is not changed in place
