"""Calling: every phone number on an article can be tapped, and dials the E.164 number."""

from __future__ import annotations

import re

import phonenumbers
import pytest

from tests.browser.conftest import both_screens
from tests.conftest import DOCS, article_sources, page_url

pytestmark = pytest.mark.browser

REFERENCE = DOCS / "email-troubleshooting" / "password-issues-mac-mail-ios.md"
E164_LINK = re.compile(r"^tel:\+[1-9]\d{6,14}$")
# The article's text with its phone links taken out: whatever number is left is not tappable.
TEXT_WITHOUT_TEL_LINKS = """
() => {
  const copy = document.querySelector("article").cloneNode(true);
  copy.querySelectorAll('a[href^="tel:"]').forEach(link => link.remove());
  return copy.textContent;
}
"""


def bad_tel_link(href: str) -> str | None:
    """Why `href` is not a dialable E.164 `tel:` link, or None when it is one."""
    if not E164_LINK.match(href):
        return "not tel:+ and 7 to 15 digits"
    number = phonenumbers.parse(href.removeprefix("tel:"))
    if not phonenumbers.is_valid_number(number):
        return "not a valid number"
    return None


def untapped_numbers(text: str) -> list[str]:
    """Phone numbers written in `text` (for the US and international formats)."""
    return [match.raw_string for match in phonenumbers.PhoneNumberMatcher(text, "US")]


@both_screens
def test_every_phone_link_dials_an_e164_number(page, screen):
    """On every article each tel: link is E.164 and visible; the reference article has one."""
    problems, links_per_article = {}, {}
    for source in article_sources():
        page.goto(page_url(source))
        links = page.locator('article a[href^="tel:"]')
        hrefs = links.evaluate_all("links => links.map(link => link.getAttribute('href'))")
        links_per_article[source] = len(hrefs)
        problems.update({f"{page_url(source)} {href}": bad_tel_link(href) for href in hrefs if bad_tel_link(href)})
        problems.update({f"{page_url(source)} link {i} hidden": "hidden" for i in range(len(hrefs)) if not links.nth(i).is_visible()})
        problems.update({f"{page_url(source)} {text!r}": "number without a tel: link"
                         for text in untapped_numbers(page.evaluate(TEXT_WITHOUT_TEL_LINKS))})
    assert problems == {}
    assert links_per_article[REFERENCE] >= 1, "the reference article offers no number to call"


def test_the_phone_checks_reject_what_a_customer_cannot_dial():
    """Local formats, letters and impossible numbers fail; E.164 numbers pass."""
    assert bad_tel_link("tel:+18017659400") is None
    assert bad_tel_link("tel:+442079460958") is None
    assert bad_tel_link("tel:801-765-9400") is not None
    assert bad_tel_link("tel:18017659400") is not None
    assert bad_tel_link("tel:+1 801 765 9400") is not None
    assert bad_tel_link("tel:+10000000000") is not None
    assert untapped_numbers("Call +1 801-765-9400 today.") == ["+1 801-765-9400"]
    assert untapped_numbers("Error 550 5.1.1, port 587, TTL 300.") == []
