"""The feedback widget in the built HTML: where it appears, what it is told, and when it is absent."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest
from mkdocs.config import load_config

from feedback.app import rate_limited
from feedback.validation import MAX_COMMENT_LENGTH, Rejection, validate
from hooks.i18n.catalogue import CATALOGUES, load_catalogues
from hooks.pages.collector import NO_COLLECTOR, derive_endpoints
from tests.conftest import DOCS, ROOT, article_sources, guide_sources, page_url, soup
from tests.sitebuild import build


def feedback_settings() -> dict:
    """extra.feedback from the project's own mkdocs.yml, with the endpoint its hooks derive from extra.collector."""
    extra = load_config(str(ROOT / "mkdocs.yml")).extra
    derive_endpoints(extra)
    return extra["feedback"]


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
    for source in [DOCS / "index.md", DOCS / "domains/index.md", *guide_sources()]:
        assert soup(site.html(page_url(source))).select_one("form.kb-feedback") is None, source
    for html in site.site.rglob("*.html"):
        assert "md-feedback" not in html.read_text(), html


def test_without_a_collector_no_widget_and_no_search_events_and_the_log_says_why(project_copy):
    """KB_COLLECTOR_URL set empty, as a GitHub Pages build without the variable: no form and no scripts."""
    result = build(project_copy, project_copy / "site", env={"KB_COLLECTOR_URL": ""})
    assert result.returncode == 0, result.output
    assert [line for line in result.output.splitlines() if "extra.collector is empty" in line] == [
        f"INFO    -  {NO_COLLECTOR}"]
    for html in result.site.rglob("*.html"):
        text = html.read_text()
        assert "kb-feedback" not in text and "feedback.js" not in text and "search-events.js" not in text, html


def test_with_the_default_collector_the_pages_post_to_its_endpoints_and_the_log_is_quiet(site):
    page = soup(site.html("domains/mx-records/"))
    assert page.select_one("form.kb-feedback")["data-endpoint"] == "/api/feedback"
    [script] = page.select("script[data-kb-search-endpoint]")
    assert script["data-kb-search-endpoint"] == "/api/search" and script["src"].endswith("search-events.js")
    assert "extra.collector is empty" not in site.output
    # Issue 20's budget for the analytics code on a page: 2 KB gzipped, as served (minified).
    script = (site.site / "assets/javascripts/search-events.js").read_bytes()
    assert len(gzip.compress(script, 9)) <= 2048


def test_feedback_script_talks_only_to_the_configured_endpoint():
    """The script has no URL of its own: it posts to the endpoint the page gives it."""
    script = (DOCS / "assets/javascripts/feedback.js").read_text()
    assert not re.search(r"https?://", script)
    assert "form.dataset.endpoint" in script and "keepalive: true" in script


ORIGIN = "https://help.example"
ANSWER = {"url": ORIGIN + "/p/", "title": "A page", "answer": "no", "comment": "The second step shows another screen."}


def refused(**changes) -> Rejection:
    """The collector's own refusal of the widget's answer with `changes`."""
    with pytest.raises(Rejection) as caught:
        validate({**ANSWER, **changes}, allowed_origins=frozenset({ORIGIN}), is_page=lambda path: path == "/p/",
                 min_comment_length=20)
    return caught.value


def test_each_refusal_a_reader_can_meet_has_the_widgets_words_with_the_collectors_numbers():
    """feedback.js says a refusal in the page's language from `feedback.script.refused.CODE`, filled
    with the refusal's `values`: each refusal an honest reader can get has those words, their
    placeholders are the numbers the collector sends, and no such key names a refusal of nobody."""
    met = [refused(comment="Too short."), refused(comment="x" * (MAX_COMMENT_LENGTH + 1)),
           refused(website="autofilled"), refused(url=ORIGIN + "/moved/"), rate_limited()]
    english = load_catalogues(CATALOGUES, ["en"], Path("hooks/i18n/strings")).entries["en"]
    words = {key.removeprefix("feedback.script.refused."): entry for key, entry in english.items()
             if key.startswith("feedback.script.refused.")}
    assert {rejection.code: set(rejection.values or {}) for rejection in met} == {
        code: set(entry.placeholders) for code, entry in words.items()}
