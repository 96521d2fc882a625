"""The search event's payload, checked field by field: {query, results, clicked}. No web framework, no disk."""

from __future__ import annotations

from dataclasses import dataclass

from feedback.searches.privacy import looks_personal, normalized
from feedback.validation import Rejection, field_label, strip_controls

FIELDS = ("query", "results", "clicked")
MAX_QUERY_LENGTH = 200
# Pagefind's answer to one query is never near this; a larger count is not a real search.
MAX_RESULTS = 100_000


@dataclass(frozen=True)
class Search:
    """What is stored: the normalized query, how many results it had, the position opened (None: none)."""

    query: str
    results: int
    clicked: int | None


def _count(payload: dict, name: str, *, optional: bool) -> int | None:
    value = payload.get(name)
    if value is None and optional:
        return None
    # bool is an int in Python; true is not a count.
    if not isinstance(value, int) or isinstance(value, bool):
        raise Rejection(400, "bad_field", f"The field '{name}' must be a whole number"
                        + (" or null." if optional else "."), name)
    return value


def validate_search(payload: object) -> Search:
    """Check the page's JSON and return the Search to store, or raise a Rejection."""
    if not isinstance(payload, dict):
        raise Rejection(400, "not_an_object", "The search event must be a JSON object.")
    unknown = sorted(set(payload) - set(FIELDS))
    if unknown:
        name = field_label(unknown[0])
        raise Rejection(400, "unknown_field", f"Unknown field '{name}': send only query, results and clicked.", name)
    for name in ("query", "results"):
        if name not in payload:
            raise Rejection(400, "missing_field", f"The field '{name}' is missing.", name)
    if not isinstance(payload["query"], str):
        raise Rejection(400, "bad_field", "The field 'query' must be text.", "query")
    try:
        query = normalized(strip_controls(payload["query"]))
        query.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: no database can store it
        raise Rejection(400, "bad_text", "The field 'query' holds characters that are not valid Unicode text.",
                        "query") from None
    if not query:
        raise Rejection(422, "empty_query", "The query is empty.", "query")
    if len(query) > MAX_QUERY_LENGTH:
        raise Rejection(422, "query_too_long", f"The query is longer than {MAX_QUERY_LENGTH} characters.", "query")
    if looks_personal(query):
        raise Rejection(422, "personal_data", "The query looks like an email address, a phone number or a card "
                        "number, so it was not stored.", "query")
    results = _count(payload, "results", optional=False)
    if not 0 <= results <= MAX_RESULTS:
        raise Rejection(422, "bad_results", f"The number of results must be between 0 and {MAX_RESULTS:,}.", "results")
    clicked = _count(payload, "clicked", optional=True)
    if clicked is not None and not 1 <= clicked <= results:
        raise Rejection(422, "bad_clicked", "The position clicked must be between 1 and the number of results, "
                        "or null for none.", "clicked")
    return Search(query, results, clicked)
