"""Hostile bodies against the real collector: each gets a JSON 4xx, and none of them, sent in the
same moment as honest answers, keeps one honest answer from being stored.

Honest answers are read back from the database (SQLite and PostgreSQL); the collector's log must
hold no traceback.
"""

from __future__ import annotations

import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests import collector as service
from tests.conftest import DOCS, page_url
from tests.postgres import backend, new_db, postgres_server  # noqa: F401 - fixtures
from tests.test_feedback_service import GOOD_COMMENT, ORIGIN, SITE_URL, payload

DEEP = 8000  # a 16,000-byte array: under the body limit, deeper than any parser's recursion
HONEST = 90
LOG_DELAY = 0.1  # uvicorn logs an error after the response has gone
HOSTILE_BODIES = {
    "lone surrogate in the comment": json.dumps(payload(comment=GOOD_COMMENT + "\ud800")).encode(),
    "lone low surrogate in the comment": json.dumps(payload(comment="\udfff" * 30)).encode(),
    "lone surrogate in the title": json.dumps(payload(title="Outlook \udbff")).encode(),
    "lone surrogate in the url": json.dumps(payload(url=SITE_URL + "\ud800/")).encode(),
    "lone surrogate as a field name": json.dumps({**payload(), "\ud800" * 500: "x"}).encode(),
    "invalid UTF-8": json.dumps(payload()).encode().replace(b"screenshots", b"screen\xffshots"),
    "UTF-8 encoded surrogate": json.dumps(payload()).encode().replace(b"screenshots", b"screen\xed\xa0\x80shots"),
    "deep array": b"[" * DEEP + b"]" * DEEP,
    "deep object": b'{"comment":' * 1000 + b'"x"' + b"}" * 1000,
    "deep value in a field": json.dumps(payload()).encode().replace(b'"no"', b"[" * 5000 + b"]" * 5000),
    "a number of 10,000 digits": json.dumps(payload()).encode().replace(b'"no"', b"7" * 10_000),
    "array body": json.dumps([payload()]).encode(),
    "number body": b"42",
    "null body": b"null",
    "string body": b'"yes"',
    "empty body": b"",
    "answer true": json.dumps(payload(answer=True)).encode(),
    "comment a number": json.dumps(payload(comment=12345678901234567890)).encode(),
    "url null": json.dumps(payload(url=None)).encode(),
    "title an object": json.dumps(payload(title={"text": "Outlook"})).encode(),
    "comment NaN": json.dumps(payload(comment=float("nan"))).encode(),
    "Hangul fillers only": json.dumps(payload(comment="\u3164" * 20)).encode(),
    "invisible characters only": json.dumps(payload(comment="\u200b\u2060\ufeff\u00a0\u2800\uffa0" * 10)).encode(),
    "huge comment": json.dumps(payload(comment="w" * 50_000)).encode(),
    "comment over 2,000 characters": json.dumps(payload(comment="v" * 2001)).encode(),
    "title over 500 characters": json.dumps(payload(title="t" * 501)).encode(),
    "unsplittable url": json.dumps(payload(url="https://[::1/email-setup/outlook/")).encode(),
    "unknown field": json.dumps(payload(email="reader@example.com")).encode(),
    "filled honeypot": json.dumps(payload(website="https://cheap-pills.example")).encode(),
    "not JSON": b"answer=no&comment=bad",
}
HONEST_PAGES = ["/" + page_url(DOCS / "email-setup" / "outlook.md"), "/", "/" + page_url(DOCS / "domains" / "index.md")]
HONEST_TEXTS = ["the screenshots are old", "設定の画面が違います、手順3", "الخطوة الثالثة لا تطابق شاشتي",
                "Cafe\u0301 Wi-Fi: step 4 \U0001F600 fails", "step\u3164three\u3164shows\u3164another\u3164screen now"]


def honest(n: int) -> dict:
    """The n-th honest answer: a page of the site, yes or no, and a comment no other answer has."""
    page = HONEST_PAGES[n % len(HONEST_PAGES)]
    answer = "yes" if n % 4 == 0 else "no"
    return payload(url=SITE_URL.rstrip("/") + page, answer=answer, comment=f"reader {n}: {HONEST_TEXTS[n % 5]}")


def stored_as(body: dict) -> tuple[str, str, str]:
    """The row an honest answer must become: its page path, answer and comment."""
    return body["url"][len(SITE_URL.rstrip("/")):], body["answer"], body["comment"]


def is_json_refusal(reply: service.Reply) -> bool:
    return (400 <= reply.status < 500 and reply.headers.get("content-type") == "application/json"
            and isinstance(reply.body, dict) and set(reply.body) - {"values"} == {"error", "message", "field"})


@pytest.fixture(scope="module")
def collector(site, new_db, tmp_path_factory):
    db = new_db(tmp_path_factory.mktemp("hostile"))
    with service.running(db, str(site.site / "sitemap.xml"), [], rate_limit="100000/60") as running:
        yield running


def log_size(collector: service.Collector) -> int:
    return collector.log.stat().st_size


def no_traceback_since(collector: service.Collector, offset: int) -> None:
    """Nothing like a traceback in what the collector logged after `offset` (given a moment to log it)."""
    time.sleep(LOG_DELAY)
    with open(collector.log, "rb") as log:
        log.seek(offset)
        written = log.read().decode(errors="replace")
    assert "Traceback" not in written and "Exception" not in written, written


@pytest.mark.parametrize("kind", HOSTILE_BODIES)
def test_each_hostile_body_gets_a_json_refusal_and_stores_nothing(collector, kind):
    before, logged = service.last_id(collector.db), log_size(collector)
    reply = collector.post(None, origin=ORIGIN, client="192.0.2.200", raw=HOSTILE_BODIES[kind])
    assert is_json_refusal(reply), (reply.status, reply.headers.get("content-type"), reply.body)
    assert service.last_id(collector.db) == before
    no_traceback_since(collector, logged)


def test_120_answers_at_once_a_quarter_hostile_every_honest_one_is_stored(collector):
    """90 honest answers and 30 hostile bodies released together from 120 threads: the honest ones all
    get 201 and are in the database, each exactly once; every hostile one gets a JSON 4xx."""
    hostile = list(HOSTILE_BODIES.values())
    assert len(hostile) == 120 - HONEST
    bodies = [json.dumps(honest(n)).encode() for n in range(HONEST)] + hostile
    start = threading.Barrier(len(bodies))
    before, logged = service.last_id(collector.db), log_size(collector)

    def post(item: tuple[int, bytes]) -> service.Reply:
        n, body = item
        start.wait()
        return collector.post(None, origin=ORIGIN, client=f"198.18.{n // 250}.{n % 250}", raw=body)

    with ThreadPoolExecutor(len(bodies)) as pool:
        replies = list(pool.map(post, enumerate(bodies)))
    assert [(reply.status, reply.body) for reply in replies[:HONEST]] == [(201, {"stored": True})] * HONEST
    refused = [n for n, reply in enumerate(replies[HONEST:]) if is_json_refusal(reply)]
    assert refused == list(range(len(hostile))), [replies[HONEST + n].status for n in range(len(hostile))]
    stored = service.stored_rows(collector.db, before)
    assert sorted(stored) == sorted(stored_as(honest(n)) for n in range(HONEST))
    no_traceback_since(collector, logged)
