"""Material's stylesheet, cut at build time to the rules our pages can use (hooks/pages/unused_css.py).

The real site is built; its pages link the cut stylesheet, which is much smaller than the one
Material ships, and no rule that was cut matches an element of a sample of built pages: each
cut selector is tried on them with soupsieve (a real CSS selector engine, which the purge does
not use), after the states a reader or a script brings (`:hover`, `::before`) are taken off.
"""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest
import soupsieve
import tinycss2

from tests.conftest import soup
from tests.previewserver import MAKE_SERVE_ARGS, fetch, serve_preview

MATERIAL_STYLESHEETS = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
# The home page, a category page, and articles with code, callouts, tables and keys.
SAMPLE_PAGES = ("", "email-setup/", "email-setup/outlook/", "domains/dns-propagation/")
# Pseudo-classes and pseudo-elements that depend on the reader or on time, not on the HTML.
DYNAMIC_RE = re.compile(r"::?(?:-webkit-|-moz-|-ms-)?[\w-]+(?:\((?:[^()]|\([^()]*\))*\))?")
# How Material's bundle and our scripts give an element a class: `class:"a b"` (its JSX-like
# calls), `className = "a"`, `classList.add("a")`.
SCRIPT_CLASS_RE = re.compile(r"""(?:\bclass|className)\s*[:=]\s*["'`]([^"'`$]+)|classList\.(?:add|toggle)\(\s*["'`]([^"'`$]+)""")
STATIC_PSEUDO = {":not", ":is", ":where", ":has", ":first-child", ":last-child", ":only-child", ":nth-child",
                 ":nth-of-type", ":first-of-type", ":last-of-type", ":root", ":empty", ":checked", ":disabled",
                 ":nth-last-child", ":only-of-type"}


def stylesheet_link(html: str) -> str:
    """The href of the page's link to Material's main stylesheet (exactly one)."""
    links = [link["href"] for link in soup(html).select('link[rel="stylesheet"]')
             if re.search(r"stylesheets/main\.\w+\.min\.css$", link["href"])]
    assert len(links) == 1, links
    return links[0]


def selectors(css: str) -> set[str]:
    """Every selector of a stylesheet, inside @media and @supports blocks too."""
    found = set()

    def walk(rules):
        for rule in rules:
            if rule.type == "qualified-rule":
                found.update(part.strip() for part in tinycss2.serialize(rule.prelude).split(","))
            elif rule.type == "at-rule" and rule.content is not None and rule.lower_at_keyword in ("media", "supports"):
                walk(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True))

    walk(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))
    return found


def static_form(selector: str) -> str:
    """The selector without what only the reader or time decides (hover, focus, ::before...)."""
    def keep(match):
        name = re.match(r"::?[\w-]+", match.group()).group()
        return match.group() if name in STATIC_PSEUDO else ""
    return DYNAMIC_RE.sub(keep, selector).strip() or "*"


@pytest.fixture(scope="module")
def stylesheets(site) -> tuple[Path, str, str]:
    """The stylesheet the home page links, its cut text, and the text Material ships."""
    href = stylesheet_link(site.html(""))
    built = site.site / href
    return built, built.read_text(encoding="utf-8"), (MATERIAL_STYLESHEETS / built.name).read_text(encoding="utf-8")


def test_every_page_links_the_cut_stylesheet(site, stylesheets):
    built, cut, shipped = stylesheets
    for page in SAMPLE_PAGES:
        href = stylesheet_link(site.html(page))
        folder = site.site / page if page.endswith("/") or not page else (site.site / page).parent
        linked = site.site / href.lstrip("/") if href.startswith("/") else folder / href  # 404.html: from the root
        assert linked.resolve() == built.resolve()
    assert cut != shipped


def test_the_cut_stylesheet_is_much_smaller(stylesheets):
    _, cut, shipped = stylesheets
    assert len(cut) < 0.7 * len(shipped), f"{len(cut)} bytes kept of {len(shipped)}"
    assert len(selectors(cut)) < 0.7 * len(selectors(shipped))


def test_no_cut_selector_matches_a_sample_page(site, stylesheets):
    _, cut, shipped = stylesheets
    removed = selectors(shipped) - selectors(cut)
    assert removed
    pages = [soup(site.html(page)) for page in SAMPLE_PAGES]
    matching, tried = [], 0
    for selector in sorted(removed):
        try:
            compiled = soupsieve.compile(static_form(selector))
        except soupsieve.SelectorSyntaxError:
            continue  # a selector soupsieve cannot read (vendor pseudo-classes); counted below
        tried += 1
        if any(compiled.select_one(page) for page in pages):
            matching.append(selector)
    assert tried > 0.9 * len(removed), f"only {tried} of {len(removed)} cut selectors could be tried"
    assert matching == [], f"cut, yet they match a sample page: {matching[:10]}"


def test_every_class_of_a_sample_page_keeps_its_rules(site, stylesheets):
    _, cut, shipped = stylesheets
    classes = {name for page in SAMPLE_PAGES for element in soup(site.html(page)).select("[class]")
               for name in element["class"]}
    assert classes
    lost = [name for name in sorted(classes) if has_rule(shipped, name) and not has_rule(cut, name)]
    assert lost == []


def has_rule(css: str, name: str) -> bool:
    return bool(re.search(rf"\.{re.escape(name)}(?![\w-])", css))


def test_every_class_a_script_sets_keeps_its_rules(site, stylesheets):
    _, cut, shipped = stylesheets
    scripts = [path.read_text(encoding="utf-8") for path in (site.site / "assets" / "javascripts").glob("*.js")]
    classes = {name for script in scripts for match in SCRIPT_CLASS_RE.finditer(script)
               for name in (match.group(1) or match.group(2)).split()}
    assert {"md-search-result__item", "kb-search-result", "md-code__button"} <= classes  # the scripts were read
    assert [name for name in sorted(classes) if has_rule(shipped, name) and not has_rule(cut, name)] == []


def test_the_preview_serves_the_whole_stylesheet(project_copy, tmp_path):
    """`serve --dirty` keeps the site's stylesheet between rebuilds: a cut there would be cut again."""
    with serve_preview(project_copy, tmp_path / "serve.log", *MAKE_SERVE_ARGS) as url:
        href = stylesheet_link(fetch(url + "email-setup/outlook/"))
        served = fetch(url + "email-setup/outlook/" + href)
    assert served == (MATERIAL_STYLESHEETS / Path(href).name).read_text(encoding="utf-8")


@pytest.mark.parametrize("script", [
    'e.classList.toggle("md-dialog--active",i)',
    # A minified bundle's regular expression holds a quote: a scanner for strings loses its place.
    'a=s.replace(/"/g,"");e.classList.toggle("md-dialog--active",i)',
], ids=["plain", "after-a-regular-expression-with-a-quote"])
def test_a_class_a_script_sets_counts_wherever_the_quotes_fall(script):
    """mkdocs-materialx's bundle is such a script: its dialog's and code blocks' rules were cut."""
    from hooks.pages.unused_css import script_names, script_words
    assert ".md-dialog--active" in script_names(script, script_words(script))
