"""Feedback v2 and the counted events, on the running collector and both back ends: a "No" with a
reason and the article's revision, page views (POST /api/view) and the contact page's steps
(POST /api/contact), each refusal in words with nothing stored, and nothing about the reader kept.
"""

from __future__ import annotations

import pytest

from feedback.events import CONTACT_STEPS
from feedback.validation import REASONS
from tests import collector as service
from tests.postgres import backend, new_db, postgres_server  # noqa: F401 - fixtures
from tests.test_feedback_service import ORIGIN, PAGE, a_reader, collector, payload  # noqa: F401 - fixture

REVISION = "2026-11-27"


def answer_rows(collector, after: int) -> list[tuple]:
    return service.read(collector.db, "SELECT page, answer, comment, reason, revision FROM answers WHERE id > ? "
                                      "ORDER BY id", (after,))


def refused(collector, body: dict, route: str = "/api/feedback") -> tuple[int, dict]:
    """POST to `route`, check that nothing at all was stored, and return (status, JSON body)."""
    before = (service.last_id(collector.db), service.views(collector.db), service.contacts(collector.db))
    reply = collector.post(body, origin=ORIGIN, client=a_reader(), route=route)
    assert (service.last_id(collector.db), service.views(collector.db), service.contacts(collector.db)) == before
    return reply.status, reply.body


@pytest.mark.parametrize("reason", REASONS)
def test_a_no_with_a_reason_needs_no_comment_and_keeps_the_revision(collector, reason):
    before = service.last_id(collector.db)
    reply = collector.post(payload(comment="", reason=reason, revision=REVISION), origin=ORIGIN, client=a_reader())
    assert reply.status == 201
    assert answer_rows(collector, before) == [(PAGE, "no", "", reason, REVISION)]


def test_a_yes_keeps_the_revision_and_no_reason(collector):
    before = service.last_id(collector.db)
    assert collector.post(payload(answer="yes", comment="", reason="", revision=REVISION), origin=ORIGIN,
                          client=a_reader()).status == 201
    assert answer_rows(collector, before) == [(PAGE, "yes", "", None, REVISION)]


def test_an_answer_from_a_page_of_before_the_reasons_is_stored_without_them(collector):
    before = service.last_id(collector.db)
    assert collector.post(payload(), origin=ORIGIN, client=a_reader()).status == 201
    assert answer_rows(collector, before)[0][3:] == (None, None)


def test_a_no_with_an_empty_reason_still_needs_the_comment(collector):
    status, body = refused(collector, payload(comment="too short", reason=""))
    assert (status, body["error"], body["field"]) == (422, "comment_too_short", "comment")


@pytest.mark.parametrize(("changes", "error", "message"), [
    ({"answer": "yes", "comment": "", "reason": "out_of_date"}, "reason_with_yes",
     'A reason goes with a "No" only; send a "Yes" without one.'),
    ({"reason": "too_long_didnt_read"}, "bad_reason",
     "The reason must be one of steps_failed, out_of_date, hard_to_follow, missing_information."),
])
def test_a_reason_that_does_not_fit_is_refused_in_words(collector, changes, error, message):
    assert refused(collector, payload(**changes)) == (422, {"error": error, "message": message, "field": "reason"})


@pytest.mark.parametrize("revision", ["2026-13-01", "2026-02-30", "27 November 2026", "2026-11-27T10:00",
                                      "<script>alert(1)</script>", "\uff12\uff10\uff12\uff16-11-27"])
def test_a_revision_that_is_not_a_day_is_refused(collector, revision):
    assert refused(collector, payload(revision=revision)) == (422, {
        "error": "bad_revision", "field": "revision",
        "message": "The article's revision must be its last-updated day, written like 2026-11-27."})


def test_a_view_is_counted_by_page_and_day_with_nothing_else(collector):
    before = service.views(collector.db).get(PAGE, 0)
    for _ in range(3):
        reply = collector.post({"path": PAGE}, origin=ORIGIN, client=a_reader(), route="/api/view")
        assert (reply.status, reply.body) == (201, {"stored": True})
        assert reply.headers["access-control-allow-origin"] == ORIGIN
    assert service.views(collector.db)[PAGE] == before + 3
    assert service.columns(collector.db, "views") == ["page", "day", "count"]


@pytest.mark.parametrize(("body", "status", "error"), [
    ({"path": "/no-such-article/"}, 422, "unknown_page"),
    ({"path": "https://help.example.com" + PAGE}, 422, "unknown_page"),
    ({"path": PAGE, "referrer": "https://elsewhere.example/"}, 400, "unknown_field"),
    ({"url": PAGE}, 400, "unknown_field"),
    ({"path": 7}, 400, "bad_field"),
    ([PAGE], 400, "not_an_object"),
])
def test_a_view_of_anything_but_a_page_of_the_site_is_refused(collector, body, status, error):
    got_status, got = refused(collector, body, "/api/view")
    assert (got_status, got["error"]) == (status, error)


@pytest.mark.parametrize("route", ["/api/view", "/api/contact"])
def test_every_route_checks_the_origin_and_the_body_size(collector, route):
    wrong = collector.post({"path": PAGE}, origin="https://evil.example", client=a_reader(), route=route)
    assert (wrong.status, wrong.body["error"]) == (403, "wrong_origin")
    large = collector.post(None, origin=ORIGIN, client=a_reader(), route=route, raw=b'{"step": "' + b"x" * 70000 + b'"}')
    assert (large.status, large.body["error"]) == (413, "too_large")


def test_each_route_has_its_own_rate_limit(collector):
    """The collector allows 10 a minute per client and route: an 11th view is refused, an answer still is not."""
    reader = a_reader()
    replies = [collector.post({"path": PAGE}, origin=ORIGIN, client=reader, route="/api/view").status
               for _ in range(11)]
    assert replies == [201] * 10 + [429]
    assert collector.post(payload(), origin=ORIGIN, client=reader).status == 201


def test_contact_steps_are_counted(collector):
    before = service.contacts(collector.db)
    for step in ("started", "started", "opened", "continued"):
        assert collector.post({"step": step}, origin=ORIGIN, client=a_reader(), route="/api/contact").status == 201
    after = service.contacts(collector.db)
    assert {step: after.get(step, 0) - before.get(step, 0) for step in CONTACT_STEPS} == {
        "started": 2, "opened": 1, "continued": 1}
    assert service.columns(collector.db, "contacts") == ["day", "step", "count"]


@pytest.mark.parametrize(("body", "status", "error"), [
    ({"step": "sent_an_email"}, 422, "bad_step"),
    ({"step": "started", "query": "my password is hunter2"}, 400, "unknown_field"),
    ({}, 400, "missing_field"),
])
def test_a_contact_step_that_is_not_one_is_refused(collector, body, status, error):
    got_status, got = refused(collector, body, "/api/contact")
    assert (got_status, got["error"]) == (status, error)
