"""The search index: Pagefind indexes the articles' own text, from the real build."""

from __future__ import annotations

import json
import random

import pytest

from hooks.search.pagefind_index import CHUNK_SIZE, EXCLUDED, SearchIndexError, build_index, indexed_pages, indexed_text
from hooks.search.weights import QUOTED, TITLE
from tests.conftest import guide_sources, page_url, soup

ARTICLE = "email-troubleshooting/password-issues-mac-mail-ios/"


def test_an_article_marks_only_its_own_text_for_the_index(site):
    """The article is marked; navigation is outside it; the support block and the feedback
    question inside it are what the index leaves out."""
    page = soup(site.html(ARTICLE))
    (body,) = page.select("[data-pagefind-body]")
    assert body.name == "article" and body.find("h1") is not None
    for outside in ("nav", "header", "footer"):
        assert body.select(outside) == [], outside
    left_out = body.select(EXCLUDED)
    assert {"kb-support", "kb-feedback"} <= {cls for element in left_out for cls in element.get("class", [])}
    assert body.select_one("h2 .headerlink") in left_out


@pytest.mark.parametrize("url", ["", *map(page_url, guide_sources())], ids=lambda url: url or "home")
def test_pages_kept_out_of_search_are_not_marked(site, url):
    """The home page (its own template) and every page of the writers' guide (search: exclude) are not indexed."""
    assert soup(site.html(url)).select("[data-pagefind-body]") == []


def test_the_site_ships_pagefind_for_every_marked_page_and_not_materials_index(site):
    """Pagefind indexed exactly the pages marked for it; Material's single index is gone."""
    marked = [path for path in site.site.rglob("*.html") if "data-pagefind-body" in path.read_text(encoding="utf-8")]
    entry = json.loads((site.site / "pagefind" / "pagefind-entry.json").read_text())
    # One index per language (<html lang>), together holding every marked page.
    assert sum(index["page_count"] for index in entry["languages"].values()) == len(marked) > 16
    assert (site.site / "pagefind" / "pagefind.js").is_file()
    assert not (site.site / "search" / "search_index.json").exists()


def test_indexing_an_empty_folder_fails_with_pagefinds_reason(tmp_path):
    """A site with no pages is refused with Pagefind's own explanation, not a traceback."""
    with pytest.raises(SearchIndexError, match="did not contain any html files"):
        build_index(tmp_path)


def test_indexing_a_page_reports_it(tmp_path):
    """One marked page: one page indexed, and the bundle is written where the site serves it."""
    (tmp_path / "index.html").write_text(
        "<html lang=en><body><main data-pagefind-body><h1>Keychain</h1><p>Reset it.</p></main></body></html>")
    report = build_index(tmp_path)
    assert report.pages == 1
    assert (report.bundle / "pagefind.js").is_file() and report.bundle == tmp_path / "pagefind"


def test_indexed_pages_reads_pagefinds_summary():
    """The count comes from Pagefind's summary line; no summary means nothing was indexed."""
    assert indexed_pages("Total:\n  Indexed 1 language\n  Indexed 1013 pages\n") == 1013
    assert indexed_pages("Error: Pagefind was not able to build an index.") == 0


def index_chunks(tmp_path, chunk_size: int | None) -> list[int]:
    """Sizes of the word-index chunks of 200 generated pages (4,000 made-up words), indexed in
    chunks of `chunk_size` (None: Pagefind's default)."""
    site = tmp_path / str(chunk_size)
    site.mkdir()
    letters = random.Random(5)
    for number in range(200):
        words = " ".join("".join(letters.choices("abcdefghijklmnopqrstuvwxyz", k=8)) for _ in range(20))
        (site / f"{number}.html").write_text(
            f"<html lang=en><body><main data-pagefind-body><h1>Page {number}</h1><p>{words}</p></main></body></html>")
    bundle = build_index(site, chunk_size).bundle
    return [chunk.stat().st_size for chunk in (bundle / "index").glob("*.pf_index")]


def test_the_index_is_split_into_small_chunks(tmp_path):
    """Our chunk size gives at least twice as many chunks as Pagefind's default, each smaller
    than the default's: Pagefind still reads the (unstable) variable that sets it."""
    ours, default = index_chunks(tmp_path, CHUNK_SIZE), index_chunks(tmp_path, None)
    assert len(ours) >= 2 * len(default) >= 2
    assert max(ours) < min(default)


def test_the_title_and_what_customers_quote_carry_their_weights(site):
    """In the built article the h1, bold labels and code spans carry the weights of
    hooks/search/weights.py; its h2 headings keep Pagefind's own weight."""
    body = soup(site.html(ARTICLE)).select_one("[data-pagefind-body]")
    assert body.find("h1")["data-pagefind-weight"] == f"{TITLE:g}"
    assert {tag["data-pagefind-weight"] for tag in body.select("strong, code")} == {f"{QUOTED['strong']:g}"}
    headings = body.select("h2")
    assert headings and all(not heading.has_attr("data-pagefind-weight") for heading in headings)


def test_an_articles_tags_are_its_search_keywords_and_an_untagged_page_has_none(site):
    """Pagefind keeps each article's front-matter tags as its `keywords` (search.js weights them);
    the contact page, which has no tags, has no keywords."""
    meta = {page["url"]: page["meta"] for page in indexed_text(site.site / "pagefind")}
    assert meta["/domains/dns-propagation/"]["keywords"] == "DNS, Propagation, TTL"
    assert "keywords" not in meta["/contact/"]
