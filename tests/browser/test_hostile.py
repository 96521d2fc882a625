"""Hostile content in Chromium: no script from a title, a description, a setting or an article's HTML runs.

Every payload calls `kbPwned(NAME)`; the test exposes that function to Python and records
each call. The companions build the same site with a layer of defence removed and show
that the same visit then records calls, so the empty list above is not a blind spot.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import open_search
from tests.hostile import BODY_PAYLOADS, CATEGORY, FRONT_MATTER_ARTICLE, build_anyway, hostile_project
from tests.siteserver import serve_site

pytestmark = pytest.mark.browser

CSP_REFUSAL = "Content Security Policy"
SETTLE = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


def visit_like_a_reader(page, url: str, site) -> list[str]:
    """Open every page, use the hostile article's links and handlers, search; return the payloads that ran."""
    calls: list[str] = []
    page.expose_function("kbPwned", lambda name: calls.append(name))
    for path in sorted(site.rglob("*.html")):
        page.goto(url + path.relative_to(site).as_posix().removesuffix("index.html"))
        page.wait_for_load_state("load")
        page.evaluate(SETTLE)
    page.goto(url + f"{CATEGORY}/{FRONT_MATTER_ARTICLE[:-3]}/")
    page.hover("#kb-attr-list")
    for link in ("#kb-html-link", "#kb-markdown-link"):
        page.click(link, no_wait_after=True)
        page.evaluate(SETTLE)
    open_search(page, "desktop").press_sequentially("Reset")
    page.locator(".md-search-result__item").first.wait_for()
    page.evaluate(SETTLE)
    return calls


def csp_refusals(traffic) -> list[str]:
    """The console errors in which Chromium says the page's policy refused something."""
    return [error for error in traffic.console_errors if CSP_REFUSAL in error]


@pytest.mark.provokes_traffic  # the refusals, and the hostile article's missing images
def test_no_script_from_content_runs(page, hostile_site, traffic):
    """Hostile titles, descriptions, settings and article HTML, on every page and in search: nothing runs.

    The article's own script and handlers are on its page, and Chromium reports refusing them.
    """
    with serve_site(hostile_site.site) as url:
        calls = visit_like_a_reader(page, url, hostile_site.site)
    assert calls == []
    assert csp_refusals(traffic)
    assert traffic.foreign_requests == []


def site_without(tmp_path, *hooks: str):
    """The hostile site built with some of our hooks taken out of mkdocs.yml."""
    project = hostile_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text()
    for hook in hooks:
        assert f"  - {hook}\n" in text
        text = text.replace(f"  - {hook}\n", "")
    config.write_text(text)
    result = build_anyway(project)
    assert result.returncode == 0, result.output
    return result.site


# Payloads that run as soon as their page loads or the reader uses them, when nothing stops them.
TEXT_THAT_RUNS = {"site-name", "copyright", "nav-section", "nav-title", "front-matter-title"}
HTML_THAT_RUNS = {"body-script", "body-onerror", "body-html-link", "body-markdown-link", "body-attr-list"}


@pytest.mark.provokes_traffic
def test_companion_with_neither_escaping_nor_policy_the_payloads_run(page, tmp_path):
    """Stock templates (no autoescaping) and no policy: the same visit records text and article payloads."""
    site = site_without(tmp_path, "hooks/on_escape.py", "hooks/on_csp.py")
    with serve_site(site) as url:
        calls = set(visit_like_a_reader(page, url, site))
    assert TEXT_THAT_RUNS | HTML_THAT_RUNS <= calls
    assert calls <= set(BODY_PAYLOADS) | TEXT_THAT_RUNS | {"front-matter-description", "site-description",
                                                          "front-matter-tag"}


@pytest.mark.provokes_traffic
def test_companion_policy_alone_stops_unescaped_templates(page, tmp_path, traffic):
    """Escaping removed, policy kept: the payloads are written raw, and the policy still refuses every one."""
    site = site_without(tmp_path, "hooks/on_escape.py")
    with serve_site(site) as url:
        calls = visit_like_a_reader(page, url, site)
    assert calls == []
    assert any("inline script" in refusal or "inline event handler" in refusal for refusal in csp_refusals(traffic))


@pytest.mark.provokes_traffic
def test_companion_escaping_alone_leaves_article_html_to_the_policy(page, tmp_path):
    """Policy removed, escaping kept: no title or setting runs, but the article's own HTML does."""
    site = site_without(tmp_path, "hooks/on_csp.py")
    with serve_site(site) as url:
        calls = set(visit_like_a_reader(page, url, site))
    assert HTML_THAT_RUNS <= calls
    assert calls <= set(BODY_PAYLOADS)
