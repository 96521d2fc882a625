"""Material and our widget under the Content-Security-Policy: every feature in use works, and Chromium refuses nothing."""

from __future__ import annotations

import shutil

import pytest

from tests.browser.conftest import open_search
from tests.browser.test_hostile import csp_refusals
from tests.collector import last_id, stored_rows
from tests.siteserver import serve_site

pytestmark = pytest.mark.browser

ARTICLE = "domains/mx-records/"  # has a code block, so a copy button


def scheme(page) -> str:
    """The colour scheme Material has applied to the page."""
    return page.evaluate("document.body.getAttribute('data-md-color-scheme')")


def use_every_feature(page, url: str) -> None:
    """Search, switch to dark mode, copy code, dismiss the promotion bar, and reload: both choices are kept."""
    page.goto(url + ARTICLE)
    assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1
    page.locator("article pre").first.hover()
    page.locator(".md-code__button[data-md-type=copy]").first.click()
    copied = page.evaluate("JSON.parse(document.getElementById('__config').textContent).translations['clipboard.copied']")
    page.locator(".md-dialog--active").filter(has_text=copied).wait_for()  # its words from the trimmed settings
    page.click("label.md-header__button[title='Switch to dark mode']")
    assert scheme(page) == "slate"
    open_search(page, "desktop").press_sequentially("mx record")
    page.locator(".md-search-result__item").first.wait_for()
    page.keyboard.press("Escape")
    page.click("button.md-banner__button")
    page.locator("[data-md-component=announce]").wait_for(state="hidden")
    page.reload()
    assert scheme(page) == "slate"  # applied by the theme's inline script, allowed by its hash
    assert page.locator("[data-md-component=announce]").is_hidden()


def test_material_features_work_under_the_policy(page, base_url, traffic):
    """Search, palette, code copy, announcement dismissal and their inline scripts: no refusal, no error."""
    use_every_feature(page, base_url)
    assert csp_refusals(traffic) == []
    assert traffic.console_errors == []


def test_feedback_posts_to_another_origin_under_the_policy(page, feedback_site, traffic):
    """The widget's loader (inline) and script (ours) run, and the answer reaches the collector on another port."""
    before = last_id(feedback_site.collector.db)
    page.goto(feedback_site.url + ARTICLE)
    page.locator("aside.kb-support").scroll_into_view_if_needed()
    page.locator("form.kb-feedback").wait_for(state="visible")
    page.click("form.kb-feedback button[value=yes]")
    page.locator(".kb-feedback__status").filter(has_text="Thank").wait_for()
    assert [answer for _, answer, _ in stored_rows(feedback_site.collector.db, before)] == ["yes"]
    assert csp_refusals(traffic) == []


@pytest.mark.provokes_traffic
def test_companion_a_changed_theme_script_is_refused(page, site, tmp_path, traffic):
    """One byte changed in the theme's first inline script: Chromium refuses it, and the page's features break."""
    copy = shutil.copytree(site.site, tmp_path / "site")
    article = copy / ARTICLE / "index.html"
    html = article.read_text()
    article.write_text(html.replace("<script>__md_scope=", "<script>__md_scope =", 1))
    with serve_site(copy) as url:
        page.goto(url + ARTICLE)
        page.wait_for_load_state("load")
    assert any("inline script" in refusal for refusal in csp_refusals(traffic))
