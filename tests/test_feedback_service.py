"""The feedback collector as a running service: each refusal with its exact words, and what is stored.

Every test talks HTTP to the real `python -m feedback serve`, started on the real built site's
sitemap with the defaults mkdocs.yml gives (origin of site_url, min_comment_length).
"""

from __future__ import annotations

import itertools
import json
import shutil
import time

import pytest

from feedback.settings import origin_of
from feedback.validation import MAX_COMMENT_LENGTH
from tests import collector as service
from tests.conftest import DOCS, page_url
from tests.postgres import backend, new_db, postgres_server  # noqa: F401 - fixtures
from tests.test_feedback_widget import feedback_settings

SITE_URL = "https://help.example.com/"  # mkdocs.yml's site_url when SITE_URL is not set
ORIGIN = origin_of(SITE_URL)
ARTICLE = DOCS / "email-setup" / "outlook.md"
PAGE = "/" + page_url(ARTICLE)
MIN = feedback_settings()["min_comment_length"]
GOOD_COMMENT = "The screenshots show an older version of Outlook."
_addresses = (f"198.51.100.{n}" for n in itertools.count(1))


def a_reader() -> str:
    """A new client address for each test, so the per-client limit never links two tests."""
    return next(_addresses)


def payload(**changes) -> dict:
    """The widget's payload for a "No" on the Outlook article, with `changes`."""
    return {"url": SITE_URL.rstrip("/") + PAGE, "title": "Set up your mailbox in Outlook for Windows",
            "answer": "no", "comment": GOOD_COMMENT, **changes}


@pytest.fixture(scope="module")
def collector(site, new_db, tmp_path_factory):
    """The real collector on the real site's sitemap, origin and minimum length from mkdocs.yml, on each back end."""
    db = new_db(tmp_path_factory.mktemp("feedback"))
    with service.running(db, str(site.site / "sitemap.xml"), []) as running:
        yield running


def refused(collector, body: dict | None = None, *, raw: bytes | None = None, origin: str = ORIGIN,
            client: str | None = None) -> tuple[int, dict]:
    """POST, check that nothing was stored, and return (status, JSON body)."""
    before = service.last_id(collector.db)
    reply = collector.post(body, origin=origin, client=client or a_reader(), raw=raw)
    assert service.last_id(collector.db) == before, "a refused answer was stored"
    return reply.status, reply.body


def test_health_answers_for_probes(collector):
    reply = collector.request("GET", "/api/health")
    assert (reply.status, reply.body) == (200, {"status": "ok"})


def test_a_no_with_a_comment_is_stored_and_acknowledged(collector):
    """201 only after the row is committed: it is readable from another connection at once."""
    before = service.last_id(collector.db)
    reply = collector.post(payload(), origin=ORIGIN, client=a_reader())
    assert (reply.status, reply.body) == (201, {"stored": True})
    assert reply.headers["access-control-allow-origin"] == ORIGIN
    assert service.stored_rows(collector.db, before) == [(PAGE, "no", GOOD_COMMENT)]


def test_a_yes_is_stored_without_a_comment(collector):
    before = service.last_id(collector.db)
    assert collector.post(payload(answer="yes", comment=""), origin=ORIGIN, client=a_reader()).status == 201
    assert service.stored_rows(collector.db, before) == [(PAGE, "yes", "")]


def test_control_characters_are_stripped(collector):
    before = service.last_id(collector.db)
    comment = "Step 3\x00 shows\x1b[31m a\u200b different\r\nbutton than my screen has."
    assert collector.post(payload(comment=comment), origin=ORIGIN, client=a_reader()).status == 201
    assert service.stored_rows(collector.db, before) == [
        (PAGE, "no", "Step 3 shows[31m a different\nbutton than my screen has.")]


def test_the_record_holds_no_client_address(collector):
    """Privacy: the table has page, answer, comment, time, reason and revision only; the address is nowhere."""
    address = "203.0.113.77"
    assert collector.post(payload(), origin=ORIGIN, client=address).status == 201
    assert service.columns(collector.db, "answers") == ["id", "page", "answer", "comment", "created", "reason",
                                                        "revision"]
    assert service.holds_text(collector.db, GOOD_COMMENT)  # the scan sees what is stored...
    assert not service.holds_text(collector.db, address)  # ...and the address is not


@pytest.mark.parametrize("page", ["/es/email-setup/outlook/", "/es/", "/ar/email-troubleshooting/password-issues-mac-mail-ios/"])
def test_an_answer_about_a_page_in_another_language_is_stored(collector, page):
    """The sitemap lists every language's pages, so a Spanish or Arabic reader's answer counts."""
    before = service.last_id(collector.db)
    reply = collector.post(payload(url=SITE_URL.rstrip("/") + page), origin=ORIGIN, client=a_reader())
    assert (reply.status, reply.body) == (201, {"stored": True})
    assert service.stored_rows(collector.db, before) == [(page, "no", GOOD_COMMENT)]


def test_a_translation_that_does_not_exist_is_refused(collector):
    """Outlook has no Arabic page: the language's prefix alone does not make a page."""
    status, body = refused(collector, payload(url=SITE_URL + "ar/email-setup/outlook/"))
    assert (status, body["error"]) == (422, "unknown_page")


def test_a_page_not_in_the_sitemap_is_refused(collector):
    assert refused(collector, payload(url=SITE_URL + "no-such-article/")) == (422, {
        "error": "unknown_page", "field": "url",
        "message": "This page is not part of the help center, so its feedback cannot be stored."})


def test_a_page_of_another_site_is_refused(collector):
    assert refused(collector, payload(url="https://evil.example/" + page_url(ARTICLE)))[1]["error"] == "unknown_page"


def test_an_answer_other_than_yes_or_no_is_refused(collector):
    assert refused(collector, payload(answer="maybe")) == (422, {
        "error": "bad_answer", "field": "answer", "message": "The answer must be yes or no."})


def test_a_short_comment_on_no_is_refused(collector):
    short = "x" * (MIN - 1)
    assert refused(collector, payload(comment=f"  {short}  ")) == (422, {
        "error": "comment_too_short", "field": "comment",
        "message": f"Please write at least {MIN} characters so we know what to fix. You wrote {MIN - 1}.",
        "values": {"count": MIN, "written": MIN - 1}})


def test_a_comment_of_exactly_the_limits_is_stored(collector):
    before = service.last_id(collector.db)
    for comment in ("x" * MIN, "y" * MAX_COMMENT_LENGTH):
        assert collector.post(payload(comment=comment), origin=ORIGIN, client=a_reader()).status == 201
    assert [row[2] for row in service.stored_rows(collector.db, before)] == ["x" * MIN, "y" * MAX_COMMENT_LENGTH]


def test_a_long_comment_is_refused(collector):
    assert refused(collector, payload(comment="z" * (MAX_COMMENT_LENGTH + 1))) == (422, {
        "error": "comment_too_long", "field": "comment",
        "message": "Please keep your comment to 2,000 characters. You wrote 2,001.",
        "values": {"count": MAX_COMMENT_LENGTH, "written": MAX_COMMENT_LENGTH + 1}})


def test_an_extra_field_is_refused(collector):
    assert refused(collector, payload(email="reader@example.com")) == (400, {
        "error": "unknown_field", "field": "email",
        "message": "Unknown field 'email': send only url, title, answer, comment, reason and revision."})


def test_a_missing_field_is_refused(collector):
    body = payload()
    del body["comment"]
    assert refused(collector, body) == (400, {
        "error": "missing_field", "field": "comment", "message": "The field 'comment' is missing."})


def test_a_field_of_the_wrong_type_is_refused(collector):
    assert refused(collector, payload(answer=True)) == (400, {
        "error": "bad_field", "field": "answer", "message": "The field 'answer' must be text."})


def test_a_body_that_is_not_json_is_refused(collector):
    assert refused(collector, raw=b"answer=yes") == (400, {
        "error": "not_json", "field": None, "message": "The feedback must be sent as JSON."})


def test_an_oversize_body_is_refused(collector):
    body = json.dumps(payload(comment="w" * 20_000)).encode()
    assert refused(collector, raw=body) == (413, {
        "error": "too_large", "field": None, "message": "The feedback is larger than 16,384 bytes and was not stored."})


def test_a_filled_honeypot_is_refused(collector):
    assert refused(collector, payload(website="https://cheap-pills.example")) == (400, {
        "error": "honeypot", "field": "website", "message": "This answer looks automated and was not stored."})


def test_the_rate_limit_refuses_the_eleventh_answer_from_one_client(collector):
    """10 answers a minute per client address (the default); the 11th is refused, others still pass."""
    reader = a_reader()
    before = service.last_id(collector.db)
    statuses = [collector.post(payload(), origin=ORIGIN, client=reader).status for _ in range(10)]
    assert statuses == [201] * 10 and len(service.stored_rows(collector.db, before)) == 10
    reply = collector.post(payload(), origin=ORIGIN, client=reader)
    assert (reply.status, reply.body) == (429, {
        "error": "rate_limited", "field": None,
        "message": "You have sent a lot of answers in a short time. Please wait a minute and try again."})
    assert reply.headers["retry-after"] == "60"
    assert len(service.stored_rows(collector.db, before)) == 10
    assert collector.post(payload(), origin=ORIGIN, client=a_reader()).status == 201


def test_a_post_from_another_origin_is_refused(collector):
    reply_status, body = refused(collector, payload(), origin="https://evil.example")
    assert (reply_status, body) == (403, {
        "error": "wrong_origin", "field": None,
        "message": "Feedback is accepted only from the help center's own pages."})


def test_a_post_without_an_origin_is_refused(collector):
    before = service.last_id(collector.db)
    reply = collector.request("POST", "/api/feedback", json.dumps(payload()).encode(),
                              {"Content-Type": "application/json", "X-Forwarded-For": a_reader()})
    assert (reply.status, reply.body["error"]) == (403, "wrong_origin")
    assert "access-control-allow-origin" not in reply.headers
    assert service.last_id(collector.db) == before


def test_the_preflight_allows_the_site_origin_only(collector):
    asked = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}
    allowed = collector.request("OPTIONS", "/api/feedback", headers={"Origin": ORIGIN, **asked})
    assert allowed.status == 204
    assert allowed.headers["access-control-allow-origin"] == ORIGIN
    assert allowed.headers["access-control-allow-methods"] == "POST"
    assert allowed.headers["access-control-allow-headers"] == "Content-Type"
    other = collector.request("OPTIONS", "/api/feedback", headers={"Origin": "https://evil.example", **asked})
    assert other.status == 403 and other.body["error"] == "wrong_origin"
    assert "access-control-allow-origin" not in other.headers


def test_without_its_sitemap_the_service_refuses_and_says_so(new_db, tmp_path):
    """A sitemap that cannot be read (the preview not started yet): 503 in words, nothing stored."""
    with service.running(new_db(tmp_path), str(tmp_path / "no-sitemap.xml"), []) as collector:
        assert refused(collector, payload()) == (503, {
            "error": "unavailable", "field": None,
            "message": "Feedback cannot be stored at the moment. Please try again later."})


def health_once(collector, status: int, timeout: float = 10.0):
    """The health answer, once it has the HTTP `status` (the sitemap is read again at most every 2 s)."""
    deadline = time.monotonic() + timeout
    while True:
        reply = collector.request("GET", "/api/health")
        if reply.status == status or time.monotonic() > deadline:
            return reply
        time.sleep(0.2)


def test_health_is_not_ready_while_the_sitemap_cannot_be_read_and_ready_once_it_can(site, new_db, tmp_path):
    """Probes see what readers see: 503 with the reason while answers would get 503, 200 once they are stored."""
    sitemap = tmp_path / "sitemap.xml"
    not_ready = (503, {"status": "not_ready", "reason": "The site's sitemap cannot be read, so no page can be checked."})
    with service.running(new_db(tmp_path), str(sitemap), []) as collector:
        reply = collector.request("GET", "/api/health")
        assert (reply.status, reply.body) == not_ready
        assert refused(collector, payload())[0] == 503
        shutil.copy(site.site / "sitemap.xml", sitemap)
        reply = health_once(collector, 200)
        assert (reply.status, reply.body) == (200, {"status": "ok"})
        assert collector.post(payload(), origin=ORIGIN, client=a_reader()).status == 201
        sitemap.write_text("<html>")
        reply = health_once(collector, 503)
        assert (reply.status, reply.body) == not_ready
        assert refused(collector, payload())[0] == 503
