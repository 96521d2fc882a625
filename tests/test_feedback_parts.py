"""The collector's parts: control characters, the rate limiter's window, the sitemap reader, group commits."""

from __future__ import annotations

import asyncio
import sqlite3
import unicodedata
from concurrent.futures import ThreadPoolExecutor

import pytest
from hypothesis import given
from hypothesis import strategies as st

from feedback.app import GroupCommit
from feedback.ratelimit import RateLimiter
from feedback.settings import parse_rate
from feedback.sitemap import Sitemap, SitemapUnavailable, parse_sitemap
from feedback.storage import connect
from feedback.validation import Answer, strip_controls


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


def store_at_once(commits: GroupCommit, count: int) -> list:
    async def burst():
        return await asyncio.gather(*(commits.store(Answer("/p/", "no", f"answer {n}")) for n in range(count)),
                                    return_exceptions=True)
    # In a thread of its own: Playwright's sync API may hold this thread's event loop.
    with ThreadPoolExecutor(1) as runner:
        return runner.submit(asyncio.run, burst()).result()


def test_answers_sent_together_are_each_committed_once(tmp_path):
    connection = connect(tmp_path / "feedback.sqlite3")
    with ThreadPoolExecutor(1) as writer:
        assert store_at_once(GroupCommit(connection, writer), 30) == [None] * 30
    stored = [row[0] for row in connection.execute("SELECT comment FROM answers ORDER BY id")]
    assert sorted(stored) == sorted(f"answer {n}" for n in range(30))


def test_a_failed_commit_acknowledges_none_of_its_answers(tmp_path):
    connection = connect(tmp_path / "feedback.sqlite3")
    connection.execute("DROP TABLE answers")
    with ThreadPoolExecutor(1) as writer:
        results = store_at_once(GroupCommit(connection, writer), 5)
    assert all(isinstance(result, sqlite3.OperationalError) for result in results)
