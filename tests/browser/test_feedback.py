"""The feedback widget in a browser, posting to the real collector: the exact JSON the browser
sends, the row the collector stores, the collector's refusals shown in words, and the report."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timezone

import pytest

from feedback.validation import visible_length
from tests.browser.conftest import FEEDBACK_MIN_COMMENT_LENGTH, both_screens
from tests.collector import last_id, stored_rows
from tests.conftest import DOCS, page_url, read_front_matter
from tests.sitebuild import ROOT
from tests.siteserver import serve_site

pytestmark = pytest.mark.browser

REFERENCE = DOCS / "email-troubleshooting" / "password-issues-mac-mail-ios.md"
PAGE = "/" + page_url(REFERENCE)


# The site under test is a copy without Git history, so every page shows the fixed day
# SOURCE_DATE_EPOCH sets (1 January 1970 when unset) as its revision.
SHOWN_DAY = datetime.fromtimestamp(int(os.environ.get("SOURCE_DATE_EPOCH", "0")), timezone.utc).date().isoformat()


def expected_payload(site_url: str, source, answer: str, comment: str, reason: str = "") -> dict:
    """What the endpoint must receive, worked out from the source file, not from the page."""
    return {"url": site_url + page_url(source), "title": read_front_matter(source)["title"],
            "answer": answer, "comment": comment, "reason": reason, "revision": SHOWN_DAY}


def wait_for_payloads(page, received: list, count: int) -> list:
    """The bodies sent so far, once `count` of them have gone (or after 5 s)."""
    for _ in range(50):
        if len(received) >= count:
            break
        page.wait_for_timeout(100)
    return [item["body"] for item in received]


@pytest.fixture
def sent(page, feedback_site) -> list:
    """Every POST the page makes to the feedback endpoint, as Chromium sent it."""
    requests = []

    def record(request):
        if request.method == "POST" and request.url.startswith(feedback_site.endpoint):
            requests.append({"content_type": request.headers.get("content-type"),
                             "body": json.loads(request.post_data)})
    page.on("request", record)
    return requests


@pytest.fixture
def since(feedback_site) -> int:
    """The newest stored answer before the test, so a test sees only its own rows."""
    return last_id(feedback_site.collector.db)


@pytest.fixture
def widget(page, feedback_site, traffic, sent, since):
    """The reference article of the feedback site, scrolled to its end so the widget loads."""
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
def test_yes_thanks_the_reader_sends_the_exact_payload_and_is_stored(page, widget, feedback_site, traffic, sent,
                                                                    since, screen):
    """"Yes" sends {url, title, answer: yes, comment: ""} as JSON once; the collector stores it, then thanks."""
    widget.get_by_role("button", name="Yes").click()
    page.get_by_role("status").filter(has_text="Thank you").wait_for()
    assert wait_for_payloads(page, sent, 1) == [expected_payload(feedback_site.url, REFERENCE, "yes", "")]
    assert sent[0]["content_type"] == "application/json"
    assert stored_rows(feedback_site.collector.db, since) == [(PAGE, "yes", "")]
    assert traffic.foreign_requests == [] and traffic.console_errors == []


def test_no_rejects_a_short_comment_then_stores_a_long_one(page, widget, feedback_site, traffic, sent, since):
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
    assert sent == []

    text = "The steps for iOS 18 do not match my phone."
    assert len(text) >= feedback_site.min_comment_length
    comment.fill(text)
    widget.get_by_role("button", name="Send feedback").click()
    page.get_by_role("status").filter(has_text="Thank you").wait_for()
    assert widget.locator(".kb-feedback__error").text_content() == ""
    assert comment.get_attribute("aria-invalid") is None
    assert wait_for_payloads(page, sent, 1) == [expected_payload(feedback_site.url, REFERENCE, "no", text)]
    assert stored_rows(feedback_site.collector.db, since) == [(PAGE, "no", text)]
    assert traffic.foreign_requests == []


def test_the_payload_check_catches_a_wrong_payload(page, widget, feedback_site, sent):
    """If the page sends a wrong title, the payload no longer matches what the source says."""
    widget.evaluate("form => { form.dataset.title = 'Some other page'; }")
    widget.get_by_role("button", name="Yes").click()
    received = wait_for_payloads(page, sent, 1)
    assert received and received != [expected_payload(feedback_site.url, REFERENCE, "yes", "")]
    assert received[0]["title"] == "Some other page"


@pytest.mark.provokes_traffic
def test_a_failing_endpoint_tells_the_reader(page, widget, feedback_site, traffic, since):
    """When the endpoint answers with an error, the reader is told, and can try again.

    The browser logs the failed request; no other console error and no other host."""
    widget.evaluate("(form, url) => { form.dataset.endpoint = url; }", feedback_site.endpoint + "-broken")
    widget.get_by_role("button", name="Yes").click()
    page.get_by_role("status").filter(has_text="could not be sent").wait_for()
    assert widget.get_by_role("button", name="Yes").is_enabled()
    assert stored_rows(feedback_site.collector.db, since) == []
    # The collector has no such path, so the preflight fails: Chromium logs the blocked request.
    [blocked, failed] = traffic.console_errors
    assert f"'{feedback_site.endpoint}-broken'" in blocked and "CORS" in blocked and "ERR_FAILED" in failed
    assert traffic.foreign_requests == []


@pytest.mark.provokes_traffic
def test_the_collectors_refusal_of_a_long_comment_is_shown_beside_the_comment(page, widget, feedback_site, since,
                                                                             traffic):
    """The widget has no upper limit of its own: the collector's words reach the reader."""
    widget.get_by_role("button", name="No").click()
    comment = widget.get_by_label("What did you expect to find?")
    comment.fill("The menu has moved. " * 101)  # 2,020 characters, 2,019 once trimmed
    widget.get_by_role("button", name="Send feedback").click()
    error = widget.get_by_role("alert")
    error.filter(has_text="2,000").wait_for()
    assert error.inner_text() == "Please keep your comment to 2,000 characters. You wrote 2,019."
    assert [error for error in traffic.console_errors if "status of 422" not in error] == []  # the refusal itself
    assert comment.get_attribute("aria-invalid") == "true"
    assert widget.get_by_role("button", name="Send feedback").is_enabled()
    assert stored_rows(feedback_site.collector.db, since) == []


@pytest.mark.provokes_traffic
def test_a_filled_honeypot_is_refused_in_words(page, widget, feedback_site, sent, since, traffic):
    """A bot that fills every field sends the honeypot; the collector refuses and the widget says so."""
    widget.locator("input[name=website]").fill("https://cheap-pills.example", force=True)
    widget.get_by_role("button", name="Yes").click()
    page.get_by_role("status").filter(has_text="automated").wait_for()
    assert wait_for_payloads(page, sent, 1)[0]["website"] == "https://cheap-pills.example"
    assert page.get_by_role("status").inner_text() == "This answer looks automated and was not stored."
    assert [error for error in traffic.console_errors if "status of 400" not in error] == []  # the refusal itself
    assert stored_rows(feedback_site.collector.db, since) == []


def test_the_honeypot_is_out_of_sight_and_out_of_the_tab_order(page, widget):
    """Readers never see or reach it, so only bots fill it in."""
    trap = widget.locator("input[name=website]")
    box = trap.bounding_box()
    assert box is None or box["x"] + box["width"] <= 0
    assert trap.get_attribute("tabindex") == "-1"


def test_an_answer_reaches_the_writers_report(page, widget, feedback_site, tmp_path):
    """As a new user tries it: "No" with a comment in Chromium, then `feedback report` shows it."""
    text = "Mail on iOS 18 asks for the password again after every restart."
    widget.get_by_role("button", name="No").click()
    widget.get_by_label("What did you expect to find?").fill(text)
    widget.get_by_role("button", name="Send feedback").click()
    page.get_by_role("status").filter(has_text="Thank you").wait_for()
    out = tmp_path / "report"
    result = subprocess.run([sys.executable, "-m", "feedback", "report", "--config", str(feedback_site.config),
                             "--db", str(feedback_site.collector.db), "--out", str(out)],
                            cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    with serve_site(out) as report_url:
        page.goto(report_url)
        article = page.locator("ol.articles > li").filter(has_text=read_front_matter(REFERENCE)["title"])
        assert text in article.locator("ul.comments").inner_text()


# Comments around the minimum where counting differs: fillers, braille blanks, emoji (two UTF-16
# units each), combining accents, no-break spaces, Chinese. The collector's count decides.
COUNTED = {
    "hangul fillers only": "\u3164" * 40,
    "letters between fillers, one short": "a\u3164" * (FEEDBACK_MIN_COMMENT_LENGTH - 1),
    "letters between fillers, enough": "a\u3164" * FEEDBACK_MIN_COMMENT_LENGTH,
    "braille blanks before text": "\u2800" * 10 + "x" * (FEEDBACK_MIN_COMMENT_LENGTH - 1),
    "emoji": "\U0001F600" * (FEEDBACK_MIN_COMMENT_LENGTH - 8) + " ok",
    "combining accents": "Cafe\u0301 " * 7,
    "no-break spaces": "\u00a0" * 20 + "step four, not five" + "\u00a0" * 20,
    "chinese": "设置页面上的第三步和我的屏幕不一样，请更新截图和说明，谢谢你们的帮助。",
    "plain": "Step three shows a different screen on my phone.",
}


@pytest.mark.parametrize("name", COUNTED)
def test_the_page_and_the_collector_count_a_comment_alike(page, widget, feedback_site, sent, since, name):
    """The page never says a comment is long enough when the collector would refuse it, nor the reverse."""
    text = COUNTED[name]
    visible = visible_length(text)
    widget.get_by_role("button", name="No").click()
    widget.get_by_label("What did you expect to find?").fill(text)
    widget.get_by_role("button", name="Send feedback").click()
    if visible >= feedback_site.min_comment_length:
        page.get_by_role("status").filter(has_text="Thank you").wait_for()
        assert stored_rows(feedback_site.collector.db, since) == [(PAGE, "no", text.strip())]
        return
    error = widget.get_by_role("alert")
    assert error.inner_text() == (f"Please write at least {feedback_site.min_comment_length} characters so we "
                                  f"know what to fix. You wrote {visible}.")
    page.wait_for_timeout(300)
    assert sent == []
    direct = feedback_site.collector.post(expected_payload(feedback_site.url, REFERENCE, "no", text),
                                          origin=feedback_site.url.rstrip("/"), client="192.0.2.99")
    assert (direct.status, direct.body["message"]) == (422, error.inner_text())
