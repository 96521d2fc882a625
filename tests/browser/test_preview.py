"""The writer's preview in Chromium: the findings list and marks are visible and axe-clean in both schemes."""

from __future__ import annotations

import pytest

from tests.browser.conftest import both_schemes, both_screens
from tests.browser.test_accessibility import showing, violations
from tests.previewserver import serve_preview
from tests.sitebuild import copy_project
from tests.test_preview import ARTICLE, URL, with_findings

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def preview_url(tmp_path_factory) -> str:
    """The real `mkdocs serve` on a copy whose article has three findings; the article's URL."""
    folder = tmp_path_factory.mktemp("preview")
    project = copy_project(folder / "project")
    article = project / ARTICLE
    # Markup in the article itself is the raw-HTML rules' concern; here the placeholder is plain text.
    article.write_text(with_findings(article.read_text(encoding="utf-8"), "{{ phone us }}"), encoding="utf-8")
    with serve_preview(project, folder / "serve.log") as url:
        yield url + URL


@both_schemes
@both_screens
def test_a_previewed_page_with_findings_has_no_violations(page, preview_url, screen, scheme):
    """axe-core finds nothing on the page with its findings list and marks, in either scheme."""
    page.goto(preview_url)
    page.locator("section.kb-findings").wait_for()
    assert violations(showing(page, scheme)) == {}


MARK_LOOK = """
el => ({before: getComputedStyle(el, '::before').content, background: getComputedStyle(el).backgroundColor,
        outline: getComputedStyle(el.parentElement).outlineStyle, holder: el.parentElement.tagName})
"""


def test_each_finding_is_marked_where_it_stands_and_the_list_leads_there(page, preview_url):
    """The step with the wrong number carries a KB101 mark and an outline; the list's link scrolls to it."""
    page.goto(preview_url)
    mark = page.locator("#kb-mark-1")
    assert mark.evaluate(MARK_LOOK) == {"before": '"KB101"', "background": "rgb(179, 38, 30)",
                                        "outline": "dashed", "holder": "LI"}
    page.evaluate("window.scrollTo(0, 0)")
    page.get_by_role("link", name="Show KB101 in the text").click()
    page.wait_for_url("**#kb-mark-1")
    assert mark.is_visible() and mark.evaluate(
        "el => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }")
    assert page.locator("section.kb-findings a.kb-findings__rule").first.get_attribute("href") == \
        "../../writers-guide/rules/#kb101-step-sequence"


def test_axe_catches_an_unreadable_findings_list(page, preview_url):
    """The same check fails when the list's text is too pale: the accessibility test can fail."""
    page.goto(preview_url)
    page.evaluate("document.querySelector('.kb-findings__title').style.color = '#c8c8c8'")
    assert "color-contrast" in violations(page, runOnly=["color-contrast"])
