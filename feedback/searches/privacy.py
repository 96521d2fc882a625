"""Queries that look like personal data, and the one normal form every stored query takes.

search-events.js applies the same rules before a query leaves the page; the collector applies
them again, so a page that skips them still stores nothing personal.
"""

from __future__ import annotations

import re

EMAIL = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]+")
# A run of digits that may be split by spaces, dots, dashes, slashes or brackets, with an optional leading +.
DIGIT_RUN = re.compile(r"\+?\d(?:[\s./()-]*\d)*")
PHONE_DIGITS = range(7, 16)  # E.164 numbers have at most 15 digits; 7 is a short local number
CARD_DIGITS = range(13, 20)


def normalized(query: str) -> str:
    """`query` in lower case, with runs of white space collapsed to one space and none at the ends."""
    return " ".join(query.lower().split())


def luhn_valid(digits: str) -> bool:
    """Whether `digits` passes the Luhn check that every payment card number passes."""
    total = 0
    for position, digit in enumerate(reversed(digits)):
        value = int(digit) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def looks_personal(query: str) -> bool:
    """True when `query` holds something like an email address, a phone number or a card number."""
    if EMAIL.search(query):
        return True
    for run in DIGIT_RUN.findall(query):
        digits = re.sub(r"\D", "", run)
        if len(digits) in PHONE_DIGITS or (len(digits) in CARD_DIGITS and luhn_valid(digits)):
            return True
    return False
