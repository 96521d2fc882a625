"""The collector's settings: mkdocs.yml gives the defaults, the command line overrides them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config import load_config

DEFAULT_DB = "var/feedback.sqlite3"
DEFAULT_SITEMAP = "site/sitemap.xml"
DEFAULT_RATE = "10/60"
# Searches one client may add in that many seconds, beside the rate limit.
SEARCH_CAP = (100, 3600.0)
DEFAULT_SEARCH_CAP = f"{SEARCH_CAP[0]}/{SEARCH_CAP[1]:g}"
# Room for the longest comment (validation.MAX_COMMENT_LENGTH) at four UTF-8 bytes a character.
MAX_BODY_BYTES = 16 * 1024


@dataclass(frozen=True)
class Settings:
    """Everything the service needs to run."""

    db: str  # a SQLite file or a postgresql:// URL
    sitemap: str
    origins: frozenset[str]
    min_comment_length: int
    rate_limit: int
    rate_window: float
    max_body_bytes: int = MAX_BODY_BYTES
    search_cap: tuple[int, float] = SEARCH_CAP


def origin_of(url: str) -> str:
    """`https://help.example.com/docs/` -> `https://help.example.com`."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"not an http(s) URL: {url!r}")
    return f"{parts.scheme}://{parts.netloc}"


def parse_rate(text: str) -> tuple[int, float]:
    """`10/60` -> (10 answers, 60 seconds)."""
    count, _, seconds = text.partition("/")
    try:
        limit, window = int(count), float(seconds)
    except ValueError:
        raise ValueError(f"rate limit {text!r} is not COUNT/SECONDS, e.g. 10/60") from None
    if limit < 1 or window <= 0:
        raise ValueError(f"rate limit {text!r} must allow at least 1 answer in a positive number of seconds")
    return limit, window


def site_defaults(config_file: Path) -> tuple[str, int]:
    """The site's origin (from `site_url`) and `extra.feedback.min_comment_length` of mkdocs.yml."""
    config = load_config(str(config_file))
    feedback = config.extra.get("feedback") or {}
    return origin_of(config.site_url or "http://127.0.0.1:8000/"), int(feedback.get("min_comment_length", 0))
