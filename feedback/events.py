"""The two counted events besides answers: an article viewed, a step of the contact page.

Pure functions, like validation.py: each takes the parsed JSON and returns what to count, or
raises a Rejection. Neither event carries anything about the reader: a view names only the
page's path, a contact step only which step it was.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from feedback.validation import HONEYPOT, Rejection, field_label, text_field

# The contact page's funnel (overrides/contact.html): the customer described the problem, opened
# one of the suggested articles, and went on to the chat or phone options after having opened one.
CONTACT_STEPS = ("started", "opened", "continued")
MAX_PATH_LENGTH = 2000


@dataclass(frozen=True)
class PageView:
    """One view of a page, by its path on the site."""

    page: str


@dataclass(frozen=True)
class ContactStep:
    """One step of one contact, one of CONTACT_STEPS."""

    step: str


def only_fields(payload: object, name: str) -> dict:
    """`payload` when it is an object holding the field `name` and nothing else (the honeypot aside)."""
    if not isinstance(payload, dict):
        raise Rejection(400, "not_an_object", "The event must be a JSON object.")
    if payload.get(HONEYPOT):
        raise Rejection(400, "honeypot", "This event looks automated and was not counted.", HONEYPOT)
    unknown = sorted(set(payload) - {name, HONEYPOT})
    if unknown:
        label = field_label(unknown[0])
        raise Rejection(400, "unknown_field", f"Unknown field '{label}': send only {name}.", label)
    text_field(payload, name)
    return payload


def validate_view(payload: object, *, is_page: Callable[[str], bool]) -> PageView:
    """A view of a page of the site: {"path": "/category/article/"}."""
    path = only_fields(payload, "path")["path"]
    if len(path) > MAX_PATH_LENGTH or not path.startswith("/") or not is_page(path):
        raise Rejection(422, "unknown_page", "This page is not part of the help center, so its view is not counted.",
                        "path")
    return PageView(path)


def validate_contact(payload: object) -> ContactStep:
    """A step of the contact page: {"step": "started" | "opened" | "continued"}."""
    step = only_fields(payload, "step")["step"]
    if step not in CONTACT_STEPS:
        raise Rejection(422, "bad_step", f"The step must be one of {', '.join(CONTACT_STEPS)}.", "step")
    return ContactStep(step)
