"""Navigation that stays flat at any depth: an article's page does not grow with its section.

The real project gets one more category of sections, built twice: with sections of N articles,
then of 2N (the same first N files, and N more after them). The same article's page must have
the same bytes in both builds, at two levels (category -> section -> article, and one deeper),
while its section's index page lists every article and the way up and prev/next stay.
"""

from __future__ import annotations

import pytest

from tests.conftest import soup
from tests.sitebuild import build, copy_project

N = 20
CATEGORY = "nested-help"
# Each section's folder and title; the second is one level deeper, below a section of sections.
SECTIONS = {"mail": "Mail settings", "dns/records": "DNS records"}
PARENT_SECTION = ("dns", "DNS")
# An article with a neighbour on each side in both builds.
MIDDLE = 5

INDEX = """---
title: {title}
description: Everything about {title}.
template: category.html
---

Articles about {title}.
"""
ARTICLE = """---
title: {title}
description: How to change setting {number} of {section}.
tags:
  - DNS
---

# {title}

Open the control panel, then change the setting and save it.
"""


def article_name(number: int) -> str:
    return f"setting-{number:02d}"


def nested_project(dest, articles: int):
    """The real project with CATEGORY holding SECTIONS of `articles` articles each."""
    project = copy_project(dest)
    category = project / "docs" / CATEGORY
    pages = {"": "Nested help", PARENT_SECTION[0]: PARENT_SECTION[1], **SECTIONS}
    for folder, title in pages.items():
        (category / folder).mkdir(parents=True, exist_ok=True)
        (category / folder / "index.md").write_text(INDEX.format(title=title), encoding="utf-8")
    for folder, title in SECTIONS.items():
        for number in range(articles):
            (category / folder / f"{article_name(number)}.md").write_text(
                ARTICLE.format(title=f"Change {title.lower()} setting {number:02d}", number=number, section=title),
                encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """{articles per section: build} for N and 2N."""
    results = {}
    for articles in (N, 2 * N):
        project = nested_project(tmp_path_factory.mktemp(f"nested{articles}") / "project", articles)
        result = build(project, project / "site")
        assert result.returncode == 0, result.output
        results[articles] = result
    return results


def article_url(section: str, number: int = MIDDLE) -> str:
    return f"{CATEGORY}/{section}/{article_name(number)}/"


def sidebar_links(html: str) -> list[str]:
    """The primary sidebar's links, without the page's own table of contents."""
    nav = soup(html).select_one("nav.md-nav--primary")
    for toc in nav.select("nav.md-nav--secondary"):
        toc.decompose()
    return [a["href"] for a in nav.select("a[href]")]


@pytest.mark.parametrize("section", SECTIONS)
def test_an_article_page_does_not_grow_when_its_section_doubles(builds, section):
    """The same article's page has the same bytes with N and 2N articles beside it, and its
    sidebar links none of its siblings."""
    small, large = (builds[n].html(article_url(section)) for n in (N, 2 * N))
    assert len(large.encode()) == len(small.encode())
    assert sidebar_links(large) == sidebar_links(small)
    siblings = [href for href in sidebar_links(large) if href.startswith("../setting-")]
    assert siblings == [] and "./" in sidebar_links(large), siblings


@pytest.mark.parametrize("section", SECTIONS)
def test_a_section_index_page_lists_every_article(builds, section):
    """The section's index page links all 2N articles in order; the article's sidebar leads there."""
    result = builds[2 * N]
    listed = [a["href"] for a in soup(result.html(f"{CATEGORY}/{section}/")).select(".kb-article-list a")]
    assert listed == [f"{article_name(number)}/" for number in range(2 * N)]
    all_link = soup(result.html(article_url(section))).select_one(".kb-nav__all a")
    assert all_link["href"] == "../" and all_link.get_text(strip=True) == f"All {2 * N} articles"


def test_category_and_home_pages_list_sections_and_their_first_articles(builds):
    """The category page lists its sections, each with its first articles and a link to the rest;
    the home page links the category and its sections' index pages, never a page-less ".": no page
    lists all 4N articles."""
    result = builds[2 * N]
    category = soup(result.html(f"{CATEGORY}/"))
    headings = [a["href"] for a in category.select(".kb-category h2 a")]
    assert headings == [f"{PARENT_SECTION[0]}/", "mail/"]
    mail = category.select(".kb-category")[1]
    assert len(mail.select("li a")) < 2 * N
    assert mail.select_one(".kb-category__more")["href"] == "mail/"
    assert mail.select_one(".kb-category__more").get_text(strip=True) == f"All {2 * N} articles"
    home = soup(result.html(""))
    nested = [a["href"] for a in home.select(".kb-category a") if a["href"].startswith(CATEGORY)]
    assert nested[:3] == [f"{CATEGORY}/", f"{CATEGORY}/{PARENT_SECTION[0]}/", f"{CATEGORY}/mail/"]
    assert not [a for a in home.select(".kb-category a") if a["href"] in (".", "./", "")]
    for page in (category, home):
        assert len([a for a in page.select("a[href]") if "setting-" in a["href"]]) < 2 * N


@pytest.mark.parametrize("section", SECTIONS)
def test_breadcrumbs_and_prev_next_stay(builds, section):
    """The article keeps the way up (each ancestor's index page) and its neighbours."""
    page = soup(builds[2 * N].html(article_url(section)))
    folders = section.count("/") + 2  # the category's, and the section's (and its parent's)
    crumbs = [a["href"] for a in page.select("nav.md-path a")]
    assert crumbs[1:] == ["../" * up for up in range(folders, 0, -1)]
    assert page.select_one("a.md-footer__link--prev")["href"] == f"../{article_name(MIDDLE - 1)}/"
    assert page.select_one("a.md-footer__link--next")["href"] == f"../{article_name(MIDDLE + 1)}/"
