"""The promotion bar: it shows, a click dismisses it, and it stays dismissed on the next page."""

from __future__ import annotations

import pytest
from mkdocs.config import load_config

from tests.browser.conftest import both_screens
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

ARTICLE = "email-troubleshooting/password-issues-mac-mail-ios/"
NEXT_PAGE = "email-setup/outlook/"


@both_screens
def test_bar_shows_dismisses_and_stays_dismissed(page, new_context, screen):
    """Dismissed in one browser, gone on the next page there; a new visitor still sees it."""
    text = load_config(str(ROOT / "mkdocs.yml")).extra["announcement"]["text"]
    bar = page.locator("[data-md-component=announce]")
    page.goto(ARTICLE)
    assert bar.is_visible() and text in bar.inner_text()
    page.click("button.md-banner__button")
    bar.wait_for(state="hidden")
    page.goto(NEXT_PAGE)
    page.wait_for_load_state("load")
    assert not bar.is_visible()
    # Another visitor (fresh storage) still sees it: the click, not the page, hid it.
    stranger = new_context().new_page()
    stranger.goto(NEXT_PAGE)
    assert stranger.locator("[data-md-component=announce]").is_visible()


def test_dismissal_check_fails_when_the_choice_is_forgotten(page):
    """With the browser's storage wiped after the click, the next page shows the bar again:
    the check above sees the difference between a remembered and a forgotten dismissal."""
    bar = page.locator("[data-md-component=announce]")
    page.goto(ARTICLE)
    page.click("button.md-banner__button")
    bar.wait_for(state="hidden")
    page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
    page.goto(NEXT_PAGE)
    page.wait_for_load_state("load")
    assert bar.is_visible()
