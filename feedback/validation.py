"""The widget's payload, checked field by field. Pure functions: no web framework, no disk."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

MAX_COMMENT_LENGTH = 2000
MAX_TITLE_LENGTH = 500
ANSWERS = ("yes", "no")
# The widget's payload; `website` is the honeypot: a field only bots fill in.
FIELDS = ("url", "title", "answer", "comment")
HONEYPOT = "website"
# Tab and line breaks are kept: a reader may write a comment in paragraphs.
KEPT_CONTROLS = {"\t", "\n"}


class Rejection(Exception):
    """A refused request: an HTTP status, a stable code, and words the widget shows the reader."""

    def __init__(self, status: int, code: str, message: str, field: str | None = None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.field = field

    def as_json(self) -> dict:
        """The response body: {"error": code, "message": words, "field": name or null}."""
        return {"error": self.code, "message": self.message, "field": self.field}


@dataclass(frozen=True)
class Answer:
    """What is stored: the page's path on the site, yes or no, and the comment."""

    page: str
    answer: str
    comment: str


def strip_controls(text: str) -> str:
    """`text` without control characters (Unicode category Cc/Cf), line breaks and tabs kept."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(ch for ch in text if ch in KEPT_CONTROLS or unicodedata.category(ch) not in ("Cc", "Cf"))


def _text_field(payload: dict, name: str) -> str:
    if name not in payload:
        raise Rejection(400, "missing_field", f"The field '{name}' is missing.", name)
    value = payload[name]
    if not isinstance(value, str):
        raise Rejection(400, "bad_field", f"The field '{name}' must be text.", name)
    return value


def page_path(url: str, allowed_origins: frozenset[str]) -> str:
    """The path of `url` when it is on one of the site's origins; refuse anything else."""
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}" not in allowed_origins or not parts.path:
        raise Rejection(422, "unknown_page", "This page is not part of the help center, so its feedback cannot be stored.", "url")
    return parts.path


def validate(payload: object, *, allowed_origins: frozenset[str], is_page: Callable[[str], bool],
             min_comment_length: int) -> Answer:
    """Check the widget's JSON and return the Answer to store, or raise a Rejection."""
    if not isinstance(payload, dict):
        raise Rejection(400, "not_an_object", "The feedback must be a JSON object.")
    if payload.get(HONEYPOT):
        raise Rejection(400, "honeypot", "This answer looks automated and was not stored.", HONEYPOT)
    unknown = sorted(set(payload) - set(FIELDS) - {HONEYPOT})
    if unknown:
        raise Rejection(400, "unknown_field", f"Unknown field '{unknown[0]}': send only url, title, answer and comment.", unknown[0])
    for name in FIELDS:
        _text_field(payload, name)
    if len(payload["title"]) > MAX_TITLE_LENGTH:
        raise Rejection(422, "title_too_long", f"The title is longer than {MAX_TITLE_LENGTH} characters.", "title")
    path = page_path(payload["url"], allowed_origins)
    if not is_page(path):
        raise Rejection(422, "unknown_page", "This page is not part of the help center, so its feedback cannot be stored.", "url")
    answer = payload["answer"]
    if answer not in ANSWERS:
        raise Rejection(422, "bad_answer", "The answer must be yes or no.", "answer")
    comment = strip_controls(payload["comment"]).strip()
    if len(comment) > MAX_COMMENT_LENGTH:
        raise Rejection(422, "comment_too_long", f"Please keep your comment to {MAX_COMMENT_LENGTH:,} characters. "
                        f"You wrote {len(comment):,}.", "comment")
    if answer == "no" and len(comment) < min_comment_length:
        raise Rejection(422, "comment_too_short", f"Please write at least {min_comment_length} characters so we know "
                        f"what to fix. You wrote {len(comment)}.", "comment")
    return Answer(path, answer, comment)
