"""KB201-KB203: phone numbers in articles come from `extra.support.phones`, never typed by hand.

KB201 unknown-phone-key, KB202 malformed-placeholder, KB203 hand-typed-phone.
"""

from __future__ import annotations

import re

from phonenumbers import Leniency, PhoneNumberMatcher

from hooks.checks.findings import Finding, rule
from hooks.support.phones import PLACEHOLDER_RE, placeholder
from hooks.checks.source import Document

# Anything that looks like an attempt at a placeholder: braces around "phone", or
# "phone.key" closed by braces. Checked against PLACEHOLDER_RE, the form the build replaces.
ATTEMPT_RE = re.compile(r"\{+[ \t]*phones?\b[^{}\n]*\}*|\bphones?[ \t]*\.[ \t]*[\w-]+[ \t]*\}+", re.IGNORECASE)
ATTEMPTED_KEY_RE = re.compile(r"phones?[ \t]*[.:]?[ \t]*(?P<key>[A-Za-z][\w-]*)", re.IGNORECASE)
# Every attempt holds a brace and the word "phone": a line without both needs no closer look.
PHONE_WORD_RE = re.compile("phone", re.IGNORECASE)
# A cheap test that a line could hold a phone number: seven digits with little between
# them. Every valid number has at least seven digits with its country code.
MAYBE_NUMBER_RE = re.compile(r"\d(?:\D{0,3}\d){6}")


def _placeholders(keys) -> str:
    """The placeholders a writer may use, for a message."""
    if not keys:
        return "none are configured; add lines under extra.support.phones in mkdocs.yml"
    return "use " + " or ".join(f"`{placeholder(key)}`" for key in keys)


def _attempts(doc: Document):
    """(line index, match) for each placeholder-like text in the article's prose."""
    if "phone" not in doc.text.lower():
        return
    for index in range(doc.body_start, len(doc.lines)):
        line = doc.lines[index]
        if ("{" in line or "}" in line) and PHONE_WORD_RE.search(line):
            for match in ATTEMPT_RE.finditer(doc.prose(index)):
                yield index, match


@rule("KB201", "unknown-phone-key",
      "A `{{ phone.KEY }}` placeholder names a line that is not under `extra.support.phones` in mkdocs.yml.",
      tests="tests/test_phones.py")
def unknown_phone_keys(doc: Document):
    """Flag each well-formed placeholder whose key is not configured."""
    for index, attempt in _attempts(doc):
        found = PLACEHOLDER_RE.fullmatch(attempt.group(0))
        if found and found.group("key") not in doc.settings.phone_keys:
            yield Finding(index + 1, attempt.start() + 1, "KB201",
                          f"no phone line \"{found.group('key')}\" in extra.support.phones; "
                          f"{_placeholders(doc.settings.phone_keys)}")


@rule("KB202", "malformed-placeholder",
      "A phone placeholder is mistyped; write `{{ phone.KEY }}` with two braces on each side.",
      tests="tests/test_phones.py")
def malformed_placeholders(doc: Document):
    """Flag placeholder-like text that the build would leave on the page as typed."""
    for index, attempt in _attempts(doc):
        typed = attempt.group(0)
        if PLACEHOLDER_RE.fullmatch(typed):
            continue
        key = ATTEMPTED_KEY_RE.search(typed)
        if key and key.group("key").lower() not in ("phone", "phones"):
            advice = f"write `{placeholder(key.group('key'))}`"
        else:
            advice = f"name a line: {_placeholders(doc.settings.phone_keys)}"
        yield Finding(index + 1, attempt.start() + 1, "KB202",
                      f"malformed phone placeholder `{typed.strip()}` is shown as typed; {advice}")


@rule("KB203", "hand-typed-phone",
      "A phone number is typed into an article; use a `{{ phone.KEY }}` placeholder so it never goes stale.",
      tests="tests/test_phones.py")
def hand_typed_phones(doc: Document):
    """Flag each phone number in prose that is written the way phone numbers are written.

    Leniency.STRICT_GROUPING asks libphonenumber for a number that is valid for its
    country (so ports, IP addresses, dates, version numbers and ZIP codes are not
    numbers) and whose digit groups match a way that country writes its numbers: a
    ticket `2023-004512` is a valid number grouped as no phone number is. A bare run of
    digits (no +, space, dash, dot or bracket) is an order or account number. A number
    without a country code counts when it is one of the page's language's region
    (`extra.support.region`, or the language's own): "912 345 678" on a Spanish page.
    """
    for index in range(doc.body_start, len(doc.lines)):
        prose = doc.prose(index)
        if not MAYBE_NUMBER_RE.search(prose):
            continue
        # A number without its country code is read as one of the country the page's readers are in.
        for match in PhoneNumberMatcher(prose, doc.settings.phone_region, leniency=Leniency.STRICT_GROUPING):
            if match.raw_string.isdigit():
                continue
            yield Finding(index + 1, match.start + 1, "KB203",
                          f"phone number \"{match.raw_string}\" typed by hand; "
                          f"{_placeholders(doc.settings.phone_keys)}")
