"""The collector's parts: the body parser, visible length, control characters, the rate limiter's
window, the sitemap reader, group commits."""

from __future__ import annotations

import asyncio
import json
import threading
import unicodedata
from concurrent.futures import ThreadPoolExecutor

import pytest
from hypothesis import given
from hypothesis import strategies as st

from feedback.app import GroupCommit, checked_on_loop_or_in_thread
from feedback.events import ContactStep, PageView
from feedback.ratelimit import RateLimiter
from feedback.settings import parse_rate
from feedback.sitemap import Sitemap, SitemapUnavailable, parse_sitemap
from feedback.storage import connect
from tests import collector as service
from tests.postgres import backend, new_db, postgres_server  # noqa: F401 - fixtures
from feedback.validation import (BLANK_VISIBLES, MAX_NESTING, VISIBLE_CATEGORIES, Answer, Rejection, parse_body,
                                 strip_controls, validate, visible_length)

ORIGIN = "https://help.example.com"
GOOD = {"url": ORIGIN + "/p/", "title": "A page", "answer": "no", "comment": "The second step shows another screen."}


def refusal(payload: object) -> tuple[int, str, str | None]:
    """(status, code, field) of validating `payload`, which must be refused."""
    with pytest.raises(Rejection) as refused:
        validate(payload, allowed_origins=frozenset({ORIGIN}), is_page=lambda path: path == "/p/", min_comment_length=20)
    return refused.value.status, refused.value.code, refused.value.field


def test_a_good_payload_is_accepted():
    assert validate(GOOD, allowed_origins=frozenset({ORIGIN}), is_page=lambda path: path == "/p/",
                    min_comment_length=20) == Answer("/p/", "no", GOOD["comment"])


@pytest.mark.parametrize("body, code", [
    (b"\xff\xfe{}", "not_json"),  # not UTF-8
    (b'{"comment": "\xed\xa0\x80"}', "not_json"),  # a surrogate encoded as bytes is not UTF-8 either
    (b"[" * 5000 + b"]" * 5000, "too_deep"),
    (b'{"a":' * 5000 + b"1" + b"}" * 5000, "too_deep"),
    (b"1" * 5000, "not_json"),  # more digits than Python converts to an int
    (b"answer=yes", "not_json"),
])
def test_a_body_that_cannot_be_read_is_refused_in_words(body, code):
    with pytest.raises(Rejection) as refused:
        parse_body(body)
    assert (refused.value.status, refused.value.code) == (400, code)
    assert refused.value.message and refused.value.as_json()["error"] == code


def test_nesting_up_to_the_limit_parses_and_brackets_inside_text_do_not_count():
    deepest_allowed = "[" * MAX_NESTING + "]" * MAX_NESTING
    assert parse_body(deepest_allowed.encode()) == json.loads(deepest_allowed)
    text = json.dumps({**GOOD, "comment": "[[[[" * 1000 + '\\"{{{'})
    assert parse_body(text.encode())["comment"].startswith("[[[[")


@pytest.mark.parametrize("field", ["url", "title", "answer", "comment"])
def test_a_lone_surrogate_in_any_field_is_refused_before_storage(field):
    payload = parse_body(json.dumps({**GOOD, field: GOOD[field] + "\ud800"}).encode())
    assert refusal(payload) == (400, "bad_text", field)


def test_an_unknown_field_named_with_a_surrogate_is_quoted_back_as_valid_text():
    with pytest.raises(Rejection) as refused:
        validate({**GOOD, "\udc00" * 100: "x"}, allowed_origins=frozenset({ORIGIN}), is_page=bool, min_comment_length=20)
    assert refused.value.code == "unknown_field"
    json.dumps(refused.value.as_json(), ensure_ascii=False).encode("utf-8")  # what the response does
    assert len(refused.value.field) == 40


@pytest.mark.parametrize("payload", [[GOOD], 3, None, "text", True, 1.5])
def test_a_body_that_is_not_an_object_is_refused(payload):
    assert refusal(payload) == (400, "not_an_object", None)


@pytest.mark.parametrize("value", [None, 3, 1.5, True, [], ["text"], {}, {"text": "x"}])
@pytest.mark.parametrize("field", ["url", "title", "answer", "comment"])
def test_a_field_of_any_other_type_is_refused(field, value):
    assert refusal({**GOOD, field: value}) == (400, "bad_field", field)


def test_a_url_python_cannot_split_is_an_unknown_page():
    assert refusal({**GOOD, "url": "https://[::1/p/"}) == (422, "unknown_page", "url")


FILLERS = sorted(BLANK_VISIBLES) + [" ", "\u3000", "\u200b", "\u2060", "\ufeff", "\u0301", "\ue000", "\U000e0041"]


def test_filler_and_invisible_characters_do_not_count_toward_the_minimum():
    """Twenty Hangul fillers, or any invisible run, is an empty comment; real text around them counts."""
    assert visible_length("\u3164" * 20) == 0 and visible_length("".join(FILLERS) * 3) == 0
    assert refusal({**GOOD, "comment": "\u3164" * 20}) == (422, "comment_too_short", "comment")
    assert refusal({**GOOD, "comment": "x\u3164" * 19}) == (422, "comment_too_short", "comment")
    assert visible_length("Cafe\u0301 menu, step 3! 😀 設定") == len("Cafemenu,step3!😀設定")
    assert validate({**GOOD, "comment": "\u3164".join("Step three shows another screen")}, allowed_origins=frozenset({ORIGIN}),
                    is_page=bool, min_comment_length=20).answer == "no"


def test_the_blank_exceptions_are_ones_the_categories_alone_would_count():
    """Each listed blank is a letter or symbol by category, so the list is what removes it."""
    assert all(unicodedata.category(ch)[0] in VISIBLE_CATEGORIES for ch in BLANK_VISIBLES)


@given(st.text() | st.text(st.characters(max_codepoint=127)))
def test_the_visible_length_is_the_count_of_characters_of_the_visible_categories(text):
    """ASCII text takes a short cut; it must count as the rule does, character by character."""
    assert visible_length(text) == sum(1 for ch in text if ch not in BLANK_VISIBLES
                                       and unicodedata.category(ch)[0] in VISIBLE_CATEGORIES)
    assert visible_length("a\x7fb c\x00\x1f~") == 4


@given(st.text(), st.lists(st.sampled_from(FILLERS)))
def test_adding_fillers_never_changes_the_visible_length(text, fillers):
    assert visible_length(text + "".join(fillers)) == visible_length(text) == visible_length(strip_controls(text))


@given(st.text())
def test_stripped_text_has_no_control_characters_but_keeps_everything_else(text):
    cleaned = strip_controls(text)
    assert all(ch in "\t\n" or unicodedata.category(ch) not in ("Cc", "Cf") for ch in cleaned)
    kept = [ch for ch in text.replace("\r\n", "\n").replace("\r", "\n")
            if ch in "\t\n" or unicodedata.category(ch) not in ("Cc", "Cf")]
    assert cleaned == "".join(kept)


def test_the_limit_is_per_client_and_the_window_slides():
    limiter = RateLimiter(limit=2, window=60)
    assert [limiter.allow("a", now=t) for t in (0, 1, 2)] == [True, True, False]
    assert limiter.allow("b", now=2)  # another reader is not affected
    assert not limiter.allow("a", now=59.9)
    assert limiter.allow("a", now=60.5)  # the answer at 0 has left the window


def test_the_limiter_forgets_clients_whose_window_has_passed():
    limiter = RateLimiter(limit=1, window=10)
    for n in range(100):
        limiter.allow(f"client {n}", now=0)
    limiter.allow("late", now=11)
    assert list(limiter._seen) == ["late"]


def test_the_limiter_keeps_clients_still_inside_their_window():
    limiter = RateLimiter(limit=1, window=10)
    limiter.allow("early", now=0)
    limiter.allow("recent", now=5)
    limiter.allow("late", now=11)  # sweeps: "early" has left the window, "recent" has not
    assert sorted(limiter._seen) == ["late", "recent"]
    assert not limiter.allow("recent", now=14)


@pytest.mark.parametrize("text", ["ten", "10", "0/60", "10/0", "10/x"])
def test_a_bad_rate_limit_is_refused_with_an_example(text):
    with pytest.raises(ValueError, match="rate limit"):
        parse_rate(text)


SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>https://help.example.com/</loc></url>
  <url><loc>https://help.example.com/email-setup/outlook/</loc></url>
</urlset>"""


def test_the_sitemap_gives_page_paths():
    assert parse_sitemap(SITEMAP) == {"/", "/email-setup/outlook/"}
    with pytest.raises(SitemapUnavailable, match="not a sitemap"):
        parse_sitemap(b"<html>")


def test_a_page_added_after_start_is_found_once_the_sitemap_is_read_again(tmp_path):
    """During `make serve` a new article appears in the preview's sitemap after a rebuild."""
    path = tmp_path / "sitemap.xml"
    path.write_bytes(SITEMAP)
    sitemap = Sitemap(str(path), refresh_seconds=0)
    assert "/email-setup/outlook/" in sitemap and "/new/" not in sitemap
    path.write_bytes(SITEMAP.replace(b"</urlset>", b"<url><loc>https://help.example.com/new/</loc></url></urlset>"))
    assert "/new/" in sitemap
    path.unlink()
    with pytest.raises(SitemapUnavailable, match="cannot read"):
        "/gone/" in sitemap  # noqa: B015 - the lookup itself is what must fail


def test_knows_answers_from_the_pages_already_read_and_never_reads(tmp_path):
    path = tmp_path / "sitemap.xml"
    path.write_bytes(SITEMAP)
    sitemap = Sitemap(str(path), refresh_seconds=0)
    assert not sitemap.knows("/email-setup/outlook/")  # nothing read yet
    sitemap.paths()
    path.unlink()
    assert sitemap.knows("/email-setup/outlook/") and not sitemap.knows("/new/")


def checked_where(sitemap: Sitemap, page: str) -> tuple[bool, bool]:
    """(whether `page` is a page, whether it was decided on the event loop's thread)."""
    def check(body: bytes, is_page) -> tuple[bool, int]:
        return is_page(body.decode()), threading.get_ident()

    async def on_loop() -> tuple[bool, bool]:
        found, thread = await checked_on_loop_or_in_thread(check, page.encode(), sitemap)
        return found, thread == threading.get_ident()

    with ThreadPoolExecutor(1) as runner:
        return runner.submit(asyncio.run, on_loop()).result()


def test_a_known_page_is_checked_on_the_loop_and_another_in_a_thread_that_reads_the_sitemap(tmp_path):
    path = tmp_path / "sitemap.xml"
    path.write_bytes(SITEMAP)
    sitemap = Sitemap(str(path), refresh_seconds=0)
    sitemap.paths()
    assert checked_where(sitemap, "/email-setup/outlook/") == (True, True)
    path.write_bytes(SITEMAP.replace(b"</urlset>", b"<url><loc>https://help.example.com/new/</loc></url></urlset>"))
    assert checked_where(sitemap, "/new/") == (True, False)
    assert checked_where(sitemap, "/never/") == (False, False)


def store_at_once(commits: GroupCommit, count: int) -> list:
    async def burst():
        return await asyncio.gather(*(commits.store(Answer("/p/", "no", f"answer {n}")) for n in range(count)),
                                    return_exceptions=True)
    # In a thread of its own: Playwright's sync API may hold this thread's event loop.
    with ThreadPoolExecutor(1) as runner:
        return runner.submit(asyncio.run, burst()).result()


def test_answers_sent_together_are_each_committed_once(new_db, tmp_path):
    target = new_db(tmp_path)
    with ThreadPoolExecutor(1) as writer:
        assert store_at_once(GroupCommit(connect(target), writer), 30) == [None] * 30
    stored = [row[0] for row in service.read(target, "SELECT comment FROM answers ORDER BY id")]
    assert sorted(stored) == sorted(f"answer {n}" for n in range(30))


def test_a_failed_commit_acknowledges_none_of_its_answers(new_db, tmp_path):
    database = connect(new_db(tmp_path))
    database.connection.execute("DROP TABLE answers")
    with ThreadPoolExecutor(1) as writer:
        results = store_at_once(GroupCommit(database, writer), 5)
    assert results and all(isinstance(result, database.errors) for result in results)


def test_one_answer_the_database_refuses_fails_alone_and_the_rest_of_its_group_is_stored(new_db, tmp_path):
    """Second line of defence: an answer that slipped past validation (a lone surrogate) in a group of 30."""
    target = new_db(tmp_path)
    with ThreadPoolExecutor(1) as writer:
        commits = GroupCommit(connect(target), writer)

        async def burst():
            answers = [Answer("/p/", "no", f"answer {n}" if n != 7 else "bad \ud800") for n in range(30)]
            return await asyncio.gather(*(commits.store(answer) for answer in answers), return_exceptions=True)

        with ThreadPoolExecutor(1) as runner:
            results = runner.submit(asyncio.run, burst()).result()
    assert [n for n, result in enumerate(results) if result is not None] == [7]
    assert isinstance(results[7], UnicodeEncodeError)
    stored = [row[0] for row in service.read(target, "SELECT comment FROM answers")]
    assert sorted(stored) == sorted(f"answer {n}" for n in range(30) if n != 7)


def test_a_group_of_answers_views_and_steps_is_stored_whole_or_not_at_all(new_db, tmp_path):
    """PostgreSQL writes a group as one statement: a part the database refuses leaves none of it stored."""
    target = new_db(tmp_path)
    database = connect(target)
    group = (Answer("/p/", "no", "kept", "outdated", "2026-11-27"), PageView("/p/"), PageView("/p/"),
             PageView("/q/"), ContactStep("started"))
    with pytest.raises(database.errors):
        database.store(*group, ContactStep("not a step"))  # the table's CHECK refuses it
    assert (service.stored_rows(target), service.views(target), service.contacts(target)) == ([], {}, {})
    database.store(*group)
    database.store(PageView("/p/"), ContactStep("started"))
    assert (service.stored_rows(target), service.views(target), service.contacts(target)) == (
        [("/p/", "no", "kept")], {"/p/": 3, "/q/": 1}, {"started": 2})
    assert service.read(target, "SELECT reason, revision FROM answers") == [("outdated", "2026-11-27")]


def test_while_the_sitemap_cannot_be_read_known_pages_fail_too_and_recover_with_it(tmp_path):
    """A failed read forgets the pages, so answers and the health check agree; the next good read is used."""
    path = tmp_path / "sitemap.xml"
    path.write_bytes(SITEMAP)
    sitemap = Sitemap(str(path), refresh_seconds=0)
    assert sitemap.paths() == {"/", "/email-setup/outlook/"}
    path.write_bytes(b"<html>")
    with pytest.raises(SitemapUnavailable, match="not a sitemap"):
        sitemap.paths()
    with pytest.raises(SitemapUnavailable):
        "/email-setup/outlook/" in sitemap  # noqa: B015 - the lookup itself is what must fail
    path.write_bytes(SITEMAP)
    assert "/email-setup/outlook/" in sitemap
