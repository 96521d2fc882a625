"""Navigation from folders: adding an article is adding one file; drafts are never published."""

from __future__ import annotations

import json

import pytest
import yaml

from hooks.articles.drafts import is_draft
from tests.conftest import ROOT, soup
from tests.sitebuild import build

ARTICLE = """---
title: {title}
description: Point a subdomain at another server with one record.
tags:
  - DNS
{extra}---

# {title}

Add the record in the control panel, then wait for DNS to update.
"""


def search_index_urls(site) -> set[str]:
    """The pages the site's search index holds (Material's index)."""
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    return {doc["location"].split("#")[0] for doc in index["docs"]}


def test_mkdocs_yml_has_no_central_list_of_pages():
    """No `nav:` in mkdocs.yml that every pull request would edit; the folders are the navigation."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\nnav:" not in config
    assert (ROOT / "docs/.nav.yml").is_file()


def test_one_new_file_is_published_in_its_category_and_a_draft_is_not(project_copy):
    """A new article file, with no other edit, is on its category page, in the navigation, in the
    sitemap and in search; the same file marked `draft: true` is in none of them."""
    domains = project_copy / "docs/domains"
    (domains / "subdomain-record.md").write_text(
        ARTICLE.format(title="Point a subdomain elsewhere", extra=""), encoding="utf-8")
    (domains / "unfinished.md").write_text(
        ARTICLE.format(title="An unfinished article", extra="draft: true\n"), encoding="utf-8")
    result = build(project_copy, project_copy / "site")
    assert result.returncode == 0, result.output
    site = result.site

    category = soup(result.html("domains/"))
    listed = {a["href"] for a in category.select(".kb-article-list a")}
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    indexed = search_index_urls(site)

    assert "subdomain-record/" in listed
    assert "/domains/subdomain-record/" in sitemap
    assert "domains/subdomain-record/" in indexed
    assert soup(result.html("domains/subdomain-record/")).select(".md-path")  # breadcrumbs
    # It follows the articles that the category's .nav.yml orders, so it is the category's last page.
    previous = soup(result.html("domains/subdomain-record/")).select_one("a.md-footer__link--prev")
    assert previous is not None and previous["href"] == "../dns-propagation/"

    assert not (site / "domains/unfinished").exists()
    assert "unfinished" not in sitemap
    assert not any("unfinished" in url for url in indexed)
    assert not any("unfinished" in href for href in listed)
    assert "An unfinished article" not in (site / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("text, draft", [
    ("---\ntitle: A\ndraft: true\n---\n\n# A\n", True),
    ("\ufeff---\ntitle: A\ndraft: true\n---\n\n# A\n", True),
    ("---\ntitle: A\ndraft: false\n---\n\n# A\n", False),
    ("---\ntitle: A\n---\n\n# A\n", False),
    ("---\ntitle: A draft of the guide\ndescription: 'draft: true'\n---\n", False),
    ("---\ntitle: [unclosed\ndraft: true\n---\n", False),
    ("# A\n\ndraft: true\n", False),
    ("---\ndraft: yes\n---\n", True),
    ("---\ndraft: \"true\"\n---\n", False),
])
def test_is_draft_reads_the_front_matter_as_yaml(text, draft):
    """Only a YAML true in the front matter makes a draft; the word elsewhere does not."""
    assert is_draft(text) is draft


def test_every_category_orders_only_files_that_exist():
    """Each .nav.yml names pages and folders that exist, so a rename cannot drop an article."""
    for nav_file in sorted((ROOT / "docs").rglob(".nav.yml")):
        entries = yaml.safe_load(nav_file.read_text(encoding="utf-8")).get("nav", [])
        for entry in entries:
            assert (nav_file.parent / entry).exists(), f"{nav_file}: {entry}"


def sidebar_links(html: str) -> list[str]:
    """The links of the site navigation (the primary sidebar), without the page's table of contents."""
    nav = soup(html).select_one("nav.md-nav--primary")
    for toc in nav.select("nav.md-nav--secondary"):
        toc.decompose()
    return [a["href"] for a in nav.select("a[href]")]


def test_an_article_page_does_not_grow_with_its_category(project_copy):
    """In a category of 62 articles an article's sidebar has as many links as in one of 2, and
    the category's index page lists all 62."""
    domains = project_copy / "docs/domains"
    for number in range(59):
        (domains / f"record-{number:02d}.md").write_text(
            ARTICLE.format(title=f"Point subdomain {number} elsewhere", extra=""), encoding="utf-8")
    result = build(project_copy, project_copy / "site")
    assert result.returncode == 0, result.output
    large = sidebar_links(result.html("domains/mx-records/"))
    small = sidebar_links(result.html("websites/ssl-https/"))
    assert len(large) == len(small)
    assert not any("record-" in href for href in large)
    assert "../" in large  # the category's index page, where the whole category is listed
    all_link = soup(result.html("domains/mx-records/")).select_one(".kb-nav__all a")
    assert all_link["href"] == "../" and all_link.get_text(strip=True) == "All 62 articles"
    assert len(soup(result.html("domains/")).select(".kb-article-list a")) == 62
