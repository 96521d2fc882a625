"""The widget's payload, checked field by field. Pure functions: no web framework, no disk."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

MAX_COMMENT_LENGTH = 2000
MAX_TITLE_LENGTH = 500
ANSWERS = ("yes", "no")
# The widget's payload; `website` is the honeypot: a field only bots fill in.
FIELDS = ("url", "title", "answer", "comment")
# Sent by the second version of the widget; a page cached from before sends neither.
OPTIONAL_FIELDS = ("reason", "revision")
# Why a "No": the code stored, and the words the widget (kb-feedback.html) and the report show.
REASONS = {
    "steps_failed": "The steps did not work",
    "out_of_date": "It is out of date",
    "hard_to_follow": "It is hard to follow",
    "missing_information": "Information is missing",
}
# The article's revision is the last-updated day the page shows, as in its <time datetime>.
REVISION_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
HONEYPOT = "website"
# Tab and line breaks are kept: a reader may write a comment in paragraphs.
KEPT_CONTROLS = {"\t", "\n"}
# The widget sends a flat object; a little room is left so a nested value gets its field's
# own refusal, and no depth can exhaust the parser's recursion.
MAX_NESTING = 16
# What counts toward the minimum comment length: letters, digits, punctuation and symbols
# (Unicode general categories L, N, P, S), except the ones Unicode draws as blank: the Hangul
# fillers (default-ignorable letters) and the braille blank. Spaces, line breaks, format
# characters such as a zero-width space, combining marks on their own, private-use and
# unassigned code points do not count. feedback.js counts the same way.
VISIBLE_CATEGORIES = frozenset("LNPS")
BLANK_VISIBLES = frozenset("\u115f\u1160\u3164\uffa0\u2800")
# The ASCII characters outside those categories: the controls and the space.
ASCII_HIDDEN = re.compile(r"[\x00-\x20\x7f]")


class Rejection(Exception):
    """A refused request: an HTTP status, a stable code, English words for logs and scripts, and
    the numbers those words quote. The widget says it in the page's language: its catalogue has
    words for each code a reader can meet (`feedback.script.refused.CODE`), filled with `values`."""

    def __init__(self, status: int, code: str, message: str, field: str | None = None,
                 values: Mapping[str, int] | None = None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.values = dict(values) if values else None

    def as_json(self) -> dict:
        """The response body: {"error": code, "message": words, "field": name or null}, and
        "values" ({name: number}) when the words quote numbers."""
        body = {"error": self.code, "message": self.message, "field": self.field}
        if self.values:
            body["values"] = self.values
        return body


@dataclass(frozen=True)
class Answer:
    """What is stored: the page's path on the site, yes or no, the comment, why a "No", and the
    article's revision (its last-updated day) as the page showed it; None when not sent."""

    page: str
    answer: str
    comment: str
    reason: str | None = None
    revision: str | None = None


def not_json() -> Rejection:
    return Rejection(400, "not_json", "The feedback must be sent as JSON.")


def nesting_depth(text: str, limit: int) -> int:
    """How deep arrays and objects nest in the JSON `text`, counted up to `limit` + 1."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
            if deepest > limit:
                break
        elif ch in "]}":
            depth -= 1
    return deepest


def parse_body(body: bytes) -> object:
    """The JSON value of a request body, or a Rejection: not UTF-8, not JSON, or nested too deep."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise not_json() from None
    # Each level needs an opening bracket: a body with few of them needs no walk, character by character.
    if text.count("[") + text.count("{") > MAX_NESTING and nesting_depth(text, MAX_NESTING) > MAX_NESTING:
        raise Rejection(400, "too_deep", f"The feedback nests more than {MAX_NESTING} levels deep; "
                        "send one JSON object of text fields.")
    try:
        return json.loads(text)
    except ValueError:  # not JSON, or a number too long to convert
        raise not_json() from None


def visible_length(text: str) -> int:
    """The number of characters of `text` a reader can see (see VISIBLE_CATEGORIES)."""
    if text.isascii():  # the common case, without a look-up per character
        return len(text) - len(ASCII_HIDDEN.findall(text))
    return sum(1 for ch in text if ch not in BLANK_VISIBLES and unicodedata.category(ch)[0] in VISIBLE_CATEGORIES)


def field_label(name: str) -> str:
    """A field name safe to quote back in JSON: encodable as UTF-8 and short."""
    return name.encode("utf-8", "backslashreplace").decode("utf-8")[:40]


def strip_controls(text: str) -> str:
    """`text` without control characters (Unicode category Cc/Cf), line breaks and tabs kept."""
    if text.isprintable():  # no Cc or Cf character (nor any line break): nothing to strip
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(ch for ch in text if ch in KEPT_CONTROLS or unicodedata.category(ch) not in ("Cc", "Cf"))


def text_field(payload: dict, name: str) -> str:
    if name not in payload:
        raise Rejection(400, "missing_field", f"The field '{name}' is missing.", name)
    value = payload[name]
    if not isinstance(value, str):
        raise Rejection(400, "bad_field", f"The field '{name}' must be text.", name)
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate such as "\\ud800": no database can store it
        raise Rejection(400, "bad_text", f"The field '{name}' holds characters that are not valid Unicode text.",
                        name) from None
    return value


def unknown_page() -> Rejection:
    return Rejection(422, "unknown_page", "This page is not part of the help center, so its feedback cannot be stored.", "url")


def page_path(url: str, allowed_origins: frozenset[str]) -> str:
    """The path of `url` when it is on one of the site's origins; refuse anything else."""
    try:
        parts = urlsplit(url)
    except ValueError:  # such as an unclosed IPv6 address
        raise unknown_page() from None
    if f"{parts.scheme}://{parts.netloc}" not in allowed_origins or not parts.path:
        raise unknown_page()
    return parts.path


def validate(payload: object, *, allowed_origins: frozenset[str], is_page: Callable[[str], bool],
             min_comment_length: int) -> Answer:
    """Check the widget's JSON and return the Answer to store, or raise a Rejection."""
    if not isinstance(payload, dict):
        raise Rejection(400, "not_an_object", "The feedback must be a JSON object.")
    if payload.get(HONEYPOT):
        raise Rejection(400, "honeypot", "This answer looks automated and was not stored.", HONEYPOT)
    unknown = sorted(set(payload) - set(FIELDS) - set(OPTIONAL_FIELDS) - {HONEYPOT})
    if unknown:
        name = field_label(unknown[0])
        raise Rejection(400, "unknown_field", f"Unknown field '{name}': send only url, title, answer, comment, "
                        "reason and revision.", name)
    for name in FIELDS:
        text_field(payload, name)
    if len(payload["title"]) > MAX_TITLE_LENGTH:
        raise Rejection(422, "title_too_long", f"The title is longer than {MAX_TITLE_LENGTH} characters.", "title")
    path = page_path(payload["url"], allowed_origins)
    if not is_page(path):
        raise unknown_page()
    answer = payload["answer"]
    if answer not in ANSWERS:
        raise Rejection(422, "bad_answer", "The answer must be yes or no.", "answer")
    comment = strip_controls(payload["comment"]).strip()
    if len(comment) > MAX_COMMENT_LENGTH:
        raise Rejection(422, "comment_too_long", f"Please keep your comment to {MAX_COMMENT_LENGTH:,} characters. "
                        f"You wrote {len(comment):,}.", "comment", {"count": MAX_COMMENT_LENGTH, "written": len(comment)})
    reason = answer_reason(payload, answer)
    visible = visible_length(comment)
    # A reason says what to fix; without one, the comment has to.
    if answer == "no" and reason is None and visible < min_comment_length:
        raise Rejection(422, "comment_too_short", f"Please write at least {min_comment_length} characters so we know "
                        f"what to fix. You wrote {visible}.", "comment", {"count": min_comment_length, "written": visible})
    return Answer(path, answer, comment, reason, page_revision(payload))


def _optional_text(payload: dict, name: str) -> str | None:
    """An optional text field: None when absent or empty."""
    return (text_field(payload, name) or None) if name in payload else None


def answer_reason(payload: dict, answer: str) -> str | None:
    """The reason for a "No", one of REASONS; none for a "Yes"."""
    reason = _optional_text(payload, "reason")
    if reason is None:
        return None
    if answer != "no":
        raise Rejection(422, "reason_with_yes", "A reason goes with a \"No\" only; send a \"Yes\" without one.",
                        "reason")
    if reason not in REASONS:
        raise Rejection(422, "bad_reason", f"The reason must be one of {', '.join(REASONS)}.", "reason")
    return reason


def page_revision(payload: dict) -> str | None:
    """The revision the page showed, checked to be a real day written YYYY-MM-DD (and trusted no further)."""
    revision = _optional_text(payload, "revision")
    if revision is None:
        return None
    try:
        valid = REVISION_RE.fullmatch(revision) is not None and date.fromisoformat(revision) is not None
    except ValueError:
        valid = False
    if not valid:
        raise Rejection(422, "bad_revision", "The article's revision must be its last-updated day, "
                        "written like 2026-11-27.", "revision")
    return revision
