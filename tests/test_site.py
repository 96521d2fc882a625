"""The built site: pages, metadata, callouts, the promotion bar, search, privacy, strictness."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
import yaml
from mkdocs.config import load_config

from bench.shape_table import LARGEST_PAGE_KB, pages_over
from tests.conftest import DOCS, ROOT, article_sources, page_url, read_front_matter, soup
from tests.sitebuild import build
from tests.sitemarkdown import render

REFERENCE = DOCS / "email-troubleshooting" / "password-issues-mac-mail-ios.md"


def site_config():
    """The project's own MkDocs configuration, loaded the way MkDocs loads it."""
    return load_config(str(ROOT / "mkdocs.yml"))


def test_there_are_enough_articles_in_enough_categories():
    """The reference article plus at least 10 more, across at least 4 categories."""
    articles = article_sources()
    assert REFERENCE in articles
    assert len(articles) >= 11
    assert len({a.parent for a in articles}) >= 4


@pytest.mark.parametrize("source", article_sources(), ids=lambda p: p.relative_to(DOCS).as_posix())
def test_every_article_is_built_with_its_meta_description(site, source):
    """Each article has title, description and tags, and its page carries the description."""
    meta = read_front_matter(source)
    assert meta.get("title") and meta.get("description") and meta.get("tags"), source
    page = soup(site.html(page_url(source)))
    tag = page.find("meta", attrs={"name": "description"})
    assert tag is not None and tag["content"] == meta["description"]
    assert page.find("h1").get_text(strip=True).startswith(meta["title"])


def test_every_category_has_an_index_page_listing_its_articles(site):
    """Each category's index page links to every article in the category."""
    for category in sorted({a.parent for a in article_sources()}):
        page = soup(site.html(page_url(category / "index.md")))
        listed = {a["href"] for a in page.select(".kb-article-list a")}
        expected = {page_url(a).split('/', 1)[1] for a in article_sources() if a.parent == category}
        assert listed == expected, category


def test_home_page_puts_search_first_and_lists_categories(site):
    """The home page opens with a search form, then lists every category with links."""
    page = soup(site.html(""))
    content = page.select_one("article.md-content__inner")
    first_block = content.find(["form", "p", "div", "section"])
    assert first_block.name == "form" and first_block.get("role") == "search"
    assert first_block.find("input", attrs={"name": "q"}) is not None
    categories = page.select(".kb-category")
    assert len(categories) == len({a.parent for a in article_sources()})
    assert all(c.select("li a") for c in categories)


def test_reference_article_has_three_procedures_as_ordered_lists(site):
    """iPhone/iPad SMTP password, Mac Mail password prompt and Keychain: each an <ol>."""
    page = soup(site.html(page_url(REFERENCE)))
    procedures = {}
    for heading in page.select("article h2"):
        steps = heading.find_next_sibling("ol")
        if steps is not None and steps.find_previous_sibling("h2") is heading:
            procedures[heading.get_text(" ", strip=True)] = [li.get_text(" ", strip=True) for li in steps.find_all("li", recursive=False)]
    assert len(procedures) == 3, procedures.keys()
    ios, mac, keychain = procedures.values()
    assert len(ios) == 8 and "SMTP" in " ".join(ios) and "Done" in ios[-1]
    assert "Edit SMTP Server List" in " ".join(mac)
    assert "Keychain Access" in " ".join(keychain)
    assert "can't connect to your email account" in page.get_text().replace("\u2019", "'")


def test_important_directive_and_github_alert_render_identically():
    """`!!! important` and `> [!IMPORTANT]` give the same markup with the site's Markdown settings."""
    directive = render('!!! important "Important"\n    Retype the password.\n')
    alert = render("> [!IMPORTANT]\n> Retype the password.\n")
    assert directive == alert
    assert '<div class="admonition important">' in directive


def test_reference_article_important_notes_are_callouts(site):
    """The reference's Important note is a styled callout, not a plain paragraph."""
    page = soup(site.html(page_url(REFERENCE)))
    assert page.select("div.admonition.important")
    assert not [p for p in page.select("article p") if p.get_text(strip=True).lower().startswith("important:")]


def test_important_callout_has_its_own_styles(site):
    """Our stylesheet styles the important markup in both schemes, and every page links it."""
    css = (site.site / "assets/stylesheets/kb.css").read_text()
    assert "--md-admonition-icon--important" in css
    assert re.search(r"\.admonition\.important\s*[,{]", css)
    assert re.search(r"\.important\s*>\s*\.admonition-title::before", css)
    assert '[data-md-color-scheme="slate"]' in css and "--kb-important" in css
    for source in [REFERENCE, DOCS / "index.md"]:
        links = [l["href"] for l in soup(site.html(page_url(source))).select("link[rel=stylesheet]")]
        assert any(h.endswith("assets/stylesheets/kb.css") for h in links)


def test_announcement_bar_shows_the_configured_text(site):
    """The bar on every page carries the text from mkdocs.yml and can be dismissed."""
    text = site_config().extra["announcement"]["text"]
    for source in [DOCS / "index.md", REFERENCE]:
        bar = soup(site.html(page_url(source))).select_one("[data-md-component=announce] .md-banner")
        assert bar is not None and text in bar.get_text()
        assert bar.select_one("button.md-banner__button") is not None


def test_announcement_bar_is_absent_when_its_text_is_empty(project_copy):
    """An empty announcement text removes the bar entirely."""
    config = project_copy / "mkdocs.yml"
    config.write_text(re.sub(r'(?m)^(\s+text:) ".*"$', r'\1 ""', config.read_text(), count=1))
    result = build(project_copy, project_copy / "site")
    assert result.returncode == 0, result.output
    assert soup(result.html("")).select_one(".md-banner") is None


def test_search_index_holds_every_article(site):
    """Every article is marked for the Pagefind index, with its title as heading; the home page is not."""
    for source in article_sources():
        body = soup(site.html(page_url(source))).select_one("article[data-pagefind-body]")
        assert body is not None, source
        assert body.find("h1").get_text(strip=True).removesuffix("¶") == read_front_matter(source)["title"], source
    assert soup(site.html("")).select("[data-pagefind-body]") == []


def test_pages_carry_only_their_own_part_of_the_navigation(site):
    """An article's sidebar: the categories, its own category's index page and itself; no siblings."""
    page = soup(site.html(page_url(REFERENCE)))
    nav_links = {a["href"] for a in page.select("nav.md-nav--primary a[href]")}
    assert "../" in nav_links and "../../domains/" in nav_links
    assert not any("cannot-send-email" in href or "mx-records" in href for href in nav_links)
    assert page.select(".md-path")  # breadcrumbs
    assert page.select("a.md-footer__link--prev") and page.select("a.md-footer__link--next")


# Elements and attributes through which a page loads something.
LOADED = [("script", "src"), ("img", "src"), ("iframe", "src"), ("source", "src"),
          ("video", "src"), ("audio", "src"), ("embed", "src"), ("object", "data")]
LOADED_LINK_RELS = {"stylesheet", "icon", "preload", "modulepreload", "preconnect", "dns-prefetch", "manifest", "apple-touch-icon"}


def third_party_loads(html: str) -> list[str]:
    """Every URL on another host that the page would load (plain links are fine)."""
    page = soup(html)
    urls = [el[attr] for tag, attr in LOADED for el in page.find_all(tag) if el.get(attr)]
    urls += [el["href"] for el in page.find_all("link") if el.get("href") and LOADED_LINK_RELS & set(el.get("rel", []))]
    urls += re.findall(r"url\(\s*['\"]?(https?:)?//[^)'\"]+", " ".join(s.get_text() for s in page.find_all("style")))
    urls += [el["srcset"] for el in page.find_all(srcset=True)]
    return [u for u in urls if urlsplit(u).netloc or u.startswith("//")]


def test_no_page_loads_anything_from_another_host(site):
    """Fonts, scripts, stylesheets and images all come from the site itself."""
    pages = sorted(site.site.rglob("*.html"))
    assert len(pages) > len(article_sources())
    offenders = {str(p.relative_to(site.site)): third_party_loads(p.read_text()) for p in pages}
    assert {k: v for k, v in offenders.items() if v} == {}
    for css in site.site.rglob("*.css"):
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", css.read_text()), css


def test_the_privacy_check_catches_google_fonts():
    """The check above must fail on the stock theme's font request."""
    stock = '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">'
    assert third_party_loads(stock) == ["https://fonts.googleapis.com/css?family=Roboto"]
    assert third_party_loads('<a href="https://example.org/">a plain link</a>') == []


def test_broken_link_fails_the_strict_build(project_copy):
    """A link to a missing page stops the build, naming the page."""
    article = project_copy / "docs/domains/mx-records.md"
    article.write_text(article.read_text() + "\nSee [the old guide](no-such-page.md).\n")
    result = build(project_copy, project_copy / "site")
    assert result.returncode == 1
    assert "no-such-page.md" in result.output and "Aborted" in result.output


def test_broken_anchor_fails_the_strict_build(project_copy):
    """A link to a heading that does not exist stops the build."""
    article = project_copy / "docs/domains/mx-records.md"
    article.write_text(article.read_text() + "\nSee [DNS timing](dns-propagation.md#no-such-heading).\n")
    result = build(project_copy, project_copy / "site")
    assert result.returncode == 1
    assert "no-such-heading" in result.output


def test_the_unchanged_copy_builds(project_copy):
    """The copy used by the failing-build tests does build when left alone."""
    assert build(project_copy, project_copy / "site").returncode == 0


def test_lock_file_pins_every_dependency_exactly():
    """Every line of requirements.lock is an exact pin, and the floors are met."""
    pins = dict(
        line.split("==") for line in (ROOT / "requirements.lock").read_text().splitlines()
        if line and not line.startswith("#")
    )
    assert all(v and "," not in v for v in pins.values())
    version = lambda name: tuple(int(x) for x in pins[name].split(".")[:3])
    assert (1, 6, 1) <= version("mkdocs") < (2,)
    assert version("mkdocs-material") >= (9, 7, 7)
    assert version("pymdown-extensions") >= (10, 21, 3)


def test_pages_skip_materials_palette_stylesheet_and_we_define_the_dark_scheme(site):
    """palette.css (every colour of every scheme) is not loaded; kb.css carries the dark scheme."""
    for source in [DOCS / "index.md", REFERENCE]:
        links = [l["href"] for l in soup(site.html(page_url(source))).select("link[rel=stylesheet]")]
        assert any("stylesheets/main." in h for h in links)
        assert not any("stylesheets/palette." in h for h in links), links
    css = (site.site / "assets/stylesheets/kb.css").read_text()
    dark = re.search(r'\[data-md-color-scheme="?slate"?\]\{([^}]*)\}', css)
    assert dark and "--md-default-bg-color:" in dark.group(1) and "color-scheme:dark" in dark.group(1)


def test_listing_and_feedback_styles_stay_off_the_article_page(site):
    """Home and category pages link kb-listings.css; an article links neither it nor kb-feedback.css
    (feedback.js loads that one with itself, near the end of the article)."""
    def stylesheets(source):
        return [l["href"].rsplit("/", 1)[-1] for l in soup(site.html(page_url(source))).select("link[rel=stylesheet]")]
    assert "kb-listings.css" in stylesheets(DOCS / "index.md")
    assert "kb-listings.css" in stylesheets(DOCS / "domains/index.md")
    assert not {"kb-listings.css", "kb-feedback.css"} & set(stylesheets(REFERENCE))
    assert (site.site / "assets/stylesheets/kb-feedback.css").is_file()


def test_no_page_of_the_site_is_over_the_page_limit(site):
    """Issue 18: no page over 150 KB, every page of the real site read (the writers' guide, on one
    page, was 183.5 KB; it is a page per topic now)."""
    assert len(list(site.site.rglob("*.html"))) > len(article_sources())
    assert pages_over(site.site) == []


def test_a_page_over_the_limit_is_reported_and_one_at_the_limit_is_not(tmp_path):
    """Must fail and must pass: a page one byte over the limit is named with its size; one exactly
    at the limit, and a file that is not a page, are not."""
    limit = int(LARGEST_PAGE_KB * 1024)
    files = [("at-limit/index.html", limit), ("big/index.html", limit + 1), ("pagefind/big.pf_index", 2 * limit)]
    for name, size in files:
        (tmp_path / name).parent.mkdir(parents=True)
        (tmp_path / name).write_bytes(b"x" * size)
    assert pages_over(tmp_path) == [("big/index.html", limit + 1)]
