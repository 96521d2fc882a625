"""The feedback widget in a browser: the exact JSON that reaches our endpoint, and nothing else."""

from __future__ import annotations

import pytest

from tests.browser.conftest import both_screens
from tests.conftest import DOCS, page_url, read_front_matter

pytestmark = pytest.mark.browser

REFERENCE = DOCS / "email-troubleshooting" / "password-issues-mac-mail-ios.md"


def expected_payload(site_url: str, source, answer: str, comment: str) -> dict:
    """What the endpoint must receive, worked out from the source file, not from the page."""
    return {"url": site_url + page_url(source), "title": read_front_matter(source)["title"],
            "answer": answer, "comment": comment}


def wait_for_payloads(page, received: list, count: int) -> list:
    """The bodies received so far, once `count` of them have arrived (or after 5 s)."""
    for _ in range(50):
        if len(received) >= count:
            break
        page.wait_for_timeout(100)
    return [item["body"] for item in received]


@pytest.fixture
def widget(page, feedback_site, traffic):
    """The reference article of the feedback site, with an empty inbox."""
    feedback_site.received.clear()
    page.goto(feedback_site.url + page_url(REFERENCE))
    form = page.locator("form.kb-feedback")
    # The widget's script arrives when the reader nears the end of the article.
    page.locator("aside.kb-support").scroll_into_view_if_needed()
    form.wait_for(state="visible")
    return form


def test_widget_script_loads_only_near_the_end_of_the_article(page, feedback_site):
    """At the top of a long article the script is not fetched; scrolling to the end fetches it."""
    scripts = []
    page.on("request", lambda request: scripts.append(request.url) if request.url.endswith("/feedback.js") else None)
    page.goto(feedback_site.url + page_url(REFERENCE))
    page.wait_for_timeout(500)
    assert scripts == [] and page.locator("form.kb-feedback").is_hidden()
    page.locator("aside.kb-support").scroll_into_view_if_needed()
    page.locator("form.kb-feedback").wait_for(state="visible")
    assert len(scripts) == 1


@both_screens
def test_yes_thanks_the_reader_and_sends_the_exact_payload(page, widget, feedback_site, traffic, screen):
    """"Yes" sends {url, title, answer: yes, comment: ""} as JSON once, then thanks."""
    widget.get_by_role("button", name="Yes").click()
    page.get_by_role("status").filter(has_text="Thank you").wait_for()
    assert wait_for_payloads(page, feedback_site.received, 1) == [
        expected_payload(feedback_site.url, REFERENCE, "yes", "")]
    assert feedback_site.received[0]["content_type"] == "application/json"
    assert traffic.foreign_requests == [] and traffic.console_errors == []


def test_no_rejects_a_short_comment_then_sends_a_long_one(page, widget, feedback_site, traffic):
    """"No" opens a comment box; a comment under the minimum is refused with a clear, linked message."""
    widget.get_by_role("button", name="No").click()
    comment = widget.get_by_label("What did you expect to find?")
    assert comment.is_visible() and comment.evaluate("el => el === document.activeElement")
    short = "x" * (feedback_site.min_comment_length - 1)
    comment.fill(short)
    widget.get_by_role("button", name="Send feedback").click()
    error = widget.get_by_role("alert")  # announced by screen readers as soon as it appears
    assert f"at least {feedback_site.min_comment_length} characters" in error.inner_text()
    assert comment.get_attribute("aria-invalid") == "true"
    assert error.get_attribute("id") in comment.get_attribute("aria-describedby").split()
    page.wait_for_timeout(300)
    assert feedback_site.received == []

    text = "The steps for iOS 18 do not match my phone."
    assert len(text) >= feedback_site.min_comment_length
    comment.fill(text)
    widget.get_by_role("button", name="Send feedback").click()
    page.get_by_role("status").filter(has_text="Thank you").wait_for()
    assert widget.locator(".kb-feedback__error").text_content() == ""
    assert comment.get_attribute("aria-invalid") is None
    assert wait_for_payloads(page, feedback_site.received, 1) == [
        expected_payload(feedback_site.url, REFERENCE, "no", text)]
    assert traffic.foreign_requests == []


def test_the_payload_check_catches_a_wrong_payload(page, widget, feedback_site):
    """If the page sends a wrong title, the payload no longer matches what the source says."""
    widget.evaluate("form => { form.dataset.title = 'Some other page'; }")
    widget.get_by_role("button", name="Yes").click()
    received = wait_for_payloads(page, feedback_site.received, 1)
    assert received and received != [expected_payload(feedback_site.url, REFERENCE, "yes", "")]
    assert received[0]["title"] == "Some other page"


@pytest.mark.provokes_traffic
def test_a_failing_endpoint_tells_the_reader(page, widget, feedback_site, traffic):
    """When the endpoint answers with an error, the reader is told, and can try again.

    The browser logs the 500 answer; no other console error and no other host."""
    widget.evaluate("(form, url) => { form.dataset.endpoint = url; }", feedback_site.endpoint + "-broken")
    widget.get_by_role("button", name="Yes").click()
    page.get_by_role("status").filter(has_text="could not be sent").wait_for()
    assert widget.get_by_role("button", name="Yes").is_enabled()
    assert traffic.foreign_requests == [] and all("500" in error for error in traffic.console_errors)
