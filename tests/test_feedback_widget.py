"""The feedback widget in the built HTML: where it appears, what it is told, and when it is absent."""

from __future__ import annotations

import re

from mkdocs.config import load_config

from tests.conftest import DOCS, ROOT, article_sources, page_url, soup
from tests.sitebuild import build


def feedback_settings() -> dict:
    """extra.feedback from the project's own mkdocs.yml."""
    return load_config(str(ROOT / "mkdocs.yml")).extra["feedback"]


def test_every_article_ends_with_the_widget_configured_from_mkdocs_yml(site):
    """Each article carries one form with the endpoint, minimum length and title, and the script's loader."""
    settings = feedback_settings()
    for source in article_sources():
        page = soup(site.html(page_url(source)))
        [form] = page.select("article form.kb-feedback")
        assert form["data-endpoint"] == settings["endpoint"]
        assert form["data-min-comment-length"] == str(settings["min_comment_length"])
        assert form["data-title"] == page.find("h1").get_text(strip=True).rstrip("¶")
        assert form.has_attr("hidden")  # shown by the script only, never as dead buttons
        [loader] = page.select("script[data-kb-feedback-loader]")
        assert "/assets/javascripts/feedback.js" in loader.get_text()


def test_home_category_pages_and_writers_guide_have_no_widget(site):
    """Only articles ask for feedback; Material's analytics-based widget is never rendered."""
    for source in [DOCS / "index.md", DOCS / "domains/index.md", DOCS / "writers-guide.md"]:
        assert soup(site.html(page_url(source))).select_one("form.kb-feedback") is None, source
    for html in site.site.rglob("*.html"):
        assert "md-feedback" not in html.read_text(), html


def test_without_an_endpoint_the_widget_is_not_rendered(project_copy):
    """Remove extra.feedback.endpoint: no form and no script on any page."""
    config = project_copy / "mkdocs.yml"
    text, count = re.subn(r"(?m)^    endpoint:.*\n", "", config.read_text())
    assert count == 1
    config.write_text(text)
    result = build(project_copy, project_copy / "site")
    assert result.returncode == 0, result.output
    for html in result.site.rglob("*.html"):
        assert "kb-feedback" not in html.read_text() and "feedback.js" not in html.read_text(), html


def test_feedback_script_talks_only_to_the_configured_endpoint():
    """The script has no URL of its own: it posts to the endpoint the page gives it."""
    script = (DOCS / "assets/javascripts/feedback.js").read_text()
    assert not re.search(r"https?://", script)
    assert "form.dataset.endpoint" in script and "keepalive: true" in script
