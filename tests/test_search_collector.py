"""POST /api/search on the real collector, on SQLite and on PostgreSQL: what is stored, what is refused.

The search route reads no page list, so these collectors run without a built site: their health
check answers "not ready" for the sitemap, which the feedback route alone needs.
"""

from __future__ import annotations

import itertools
import json

import pytest

from feedback.searches.privacy import looks_personal
from feedback.settings import origin_of
from tests import collector as service
from tests.postgres import backend, new_db, postgres_server  # noqa: F401 - fixtures

ORIGIN = origin_of("https://help.example.com/")  # mkdocs.yml's site_url when SITE_URL is not set
_addresses = (f"198.51.100.{n}" for n in itertools.count(1))
PERSONAL = ["jane.doe@example.com", "call me on +44 20 7946 0958", "4111 1111 1111 1111",
            "card 5500-0000-0000-0004 declined"]


def a_customer() -> str:
    """A new client address for each test, so the per-client limits never link two tests."""
    return next(_addresses)


def searches(db) -> list[tuple]:
    return service.read(db, "SELECT query, results, clicked FROM searches ORDER BY id")


def post(collector, body: object = None, *, raw: bytes | None = None, client: str | None = None,
         origin: str = ORIGIN, headers: dict | None = None):
    return collector.post(body, origin=origin, client=client or a_customer(), raw=raw, headers=headers,
                          route="/api/search")


@pytest.fixture(scope="module")
def collector(new_db, tmp_path_factory):
    folder = tmp_path_factory.mktemp("searches")
    with service.running(new_db(folder), str(folder / "no-sitemap.xml"), []) as running:
        yield running


def test_a_search_with_a_click_is_stored_normalized(collector):
    before = len(searches(collector.db))
    reply = post(collector, {"query": "  Reset\tMy   PASSWORD ", "results": 4, "clicked": 2})
    assert (reply.status, reply.body) == (201, {"stored": True})
    assert searches(collector.db)[before:] == [("reset my password", 4, 2)]


def test_a_search_with_no_click_and_one_with_no_result_are_stored(collector):
    before = len(searches(collector.db))
    assert post(collector, {"query": "mx records", "results": 7, "clicked": None}).status == 201
    assert post(collector, {"query": "teleport mailbox", "results": 0}).status == 201
    assert searches(collector.db)[before:] == [("mx records", 7, None), ("teleport mailbox", 0, None)]


REFUSALS = [
    (None, b"{not json", 400, "not_json", None),
    (["a list"], None, 400, "not_an_object", None),
    ({"query": "dns", "results": 1, "page": "/x/"}, None, 400, "unknown_field", "page"),
    ({"results": 1}, None, 400, "missing_field", "query"),
    ({"query": "dns"}, None, 400, "missing_field", "results"),
    ({"query": 5, "results": 1}, None, 400, "bad_field", "query"),
    ({"query": "dns", "results": "3"}, None, 400, "bad_field", "results"),
    ({"query": "dns", "results": True}, None, 400, "bad_field", "results"),
    ({"query": "dns", "results": 2, "clicked": 1.5}, None, 400, "bad_field", "clicked"),
    ({"query": " \u200b ", "results": 0}, None, 422, "empty_query", "query"),
    ({"query": "x" * 201, "results": 0}, None, 422, "query_too_long", "query"),
    ({"query": "dns", "results": -1}, None, 422, "bad_results", "results"),
    ({"query": "dns", "results": 2, "clicked": 3}, None, 422, "bad_clicked", "clicked"),
    ({"query": "dns", "results": 2, "clicked": 0}, None, 422, "bad_clicked", "clicked"),
    *(({"query": text, "results": 0}, None, 422, "personal_data", "query") for text in PERSONAL),
]


@pytest.mark.parametrize(("body", "raw", "status", "error", "field"), REFUSALS)
def test_a_bad_event_gets_one_json_refusal_and_nothing_is_stored(collector, body, raw, status, error, field):
    before = searches(collector.db)
    reply = post(collector, body, raw=raw)
    assert (reply.status, reply.body["error"], reply.body["field"]) == (status, error, field)
    assert set(reply.body) == {"error", "field", "message"} and "\n" not in reply.body["message"]
    assert searches(collector.db) == before
    assert "Traceback" not in collector.log.read_text()


def test_another_origin_and_an_oversize_body_are_refused(collector):
    before = searches(collector.db)
    assert post(collector, {"query": "dns", "results": 1}, origin="https://evil.example").status == 403
    huge = json.dumps({"query": "dns " * 5000, "results": 1}).encode()
    assert (post(collector, raw=huge).status, post(collector, raw=huge).body["error"]) == (413, "too_large")
    assert searches(collector.db) == before


def test_the_rate_limit_refuses_the_eleventh_search_in_a_minute(collector):
    customer = a_customer()
    statuses = [post(collector, {"query": f"dns {n}", "results": 1}, client=customer).status for n in range(11)]
    assert statuses == [201] * 10 + [429]
    assert post(collector, {"query": "dns", "results": 1}).status == 201  # another customer still passes


def test_the_cap_stops_one_client_adding_more_over_the_longer_window(new_db, tmp_path):
    with service.running(new_db(tmp_path), str(tmp_path / "no-sitemap.xml"), [], rate_limit="100/60",
                         search_cap="3/3600") as capped:
        customer = a_customer()
        statuses = [post(capped, {"query": "dns", "results": 1}, client=customer).status for _ in range(4)]
        assert statuses == [201, 201, 201, 429]
        assert post(capped, {"query": "dns", "results": 1}).status == 201
        assert len(searches(capped.db)) == 4


def test_the_database_holds_no_address_identifier_or_personal_query_after_hostile_input(collector):
    address, cookie, agent = "203.0.113.77", "session=kb-secret-cookie-4242", "HostileAgent/9.9-kb"
    hostile = [{"query": text, "results": 0} for text in PERSONAL]
    hostile += [{"query": text, "results": 1} for text in ("<script>alert(1)</script>", "'; DROP TABLE searches; --",
                                                           "dns\u0000\u202emx", "\ud800")]
    for body in hostile:
        post(collector, body, client=address, headers={"Cookie": cookie, "User-Agent": agent,
                                                       "Referer": "https://help.example.com/?q=jane.doe@example.com"})
    assert service.columns(collector.db, "searches") == ["id", "query", "results", "clicked", "created"]
    # The numbers with their spaces: a stored timestamp may hold "4111" as digits of its own.
    for text in (address, "kb-secret-cookie", agent, "jane.doe", "7946 0958", "4111 1111"):
        assert not service.holds_text(collector.db, text), f"{text!r} is stored"
    stored = [query for query, _, _ in searches(collector.db)]
    assert "<script>alert(1)</script>" in stored  # stored as text; the report escapes it
    assert not [query for query in stored if looks_personal(query)]
