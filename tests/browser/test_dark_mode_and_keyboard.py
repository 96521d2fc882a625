"""Dark mode and the keyboard: both colour schemes read well; Tab and Enter/Space do everything."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import both_screens
from tests.browser.test_accessibility import violations
from tests.collector import last_id, stored_rows

pytestmark = pytest.mark.browser

ARTICLE = "email-troubleshooting/password-issues-mac-mail-ios/"
SCHEME = "() => document.body.getAttribute('data-md-color-scheme')"
BACKGROUND_LUMINANCE = """
() => {
  const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\\d+/g).map(Number);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}
"""


@both_screens
def test_palette_toggle_switches_scheme_and_stays_readable(page, screen):
    """Light, then dark after the toggle, on the next page too; text and callout pass contrast."""
    page.goto(ARTICLE)
    assert page.evaluate(SCHEME) == "default" and page.evaluate(BACKGROUND_LUMINANCE) > 0.8
    assert violations(page, runOnly=["color-contrast"]) == {}
    page.click("label.md-header__button[title='Switch to dark mode']")
    page.wait_for_function(f"({SCHEME})() === 'slate'")
    assert page.evaluate(BACKGROUND_LUMINANCE) < 0.2
    assert violations(page) == {}
    callout = page.locator(".admonition.important").first
    assert callout.evaluate("el => getComputedStyle(el).borderLeftColor") == "rgb(240, 125, 223)"
    page.goto("email-setup/outlook/")
    assert page.evaluate(SCHEME) == "slate"
    page.click("label.md-header__button[title='Switch to light mode']")
    page.wait_for_function(f"({SCHEME})() === 'default'")


def test_contrast_check_catches_an_unreadable_dark_callout(page):
    """A dark-scheme callout with dark text fails the same contrast check."""
    page.goto(ARTICLE)
    page.click("label.md-header__button[title='Switch to dark mode']")
    page.wait_for_function(f"({SCHEME})() === 'slate'")
    page.evaluate("document.querySelector('.admonition.important p:last-child').style.color = '#333'")
    assert "color-contrast" in violations(page, runOnly=["color-contrast"])


# mkdocs-materialx's rule for the current page's link in the sidebars (Material's takes the link colour).
MATERIALX_ACTIVE_LINK = (".md-nav--primary .md-nav__item .md-nav__link--active,"
                         ".md-nav--secondary .md-nav__link--active{color:var(--md-primary-fg-color)}")
# Through the CSS object model, which the page's Content-Security-Policy does not govern: the fork's
# rule at the end of the theme's stylesheet, and (`drop`) kb.css's rule for the same links taken out.
AS_UNDER_MATERIALX = """([rule, drop]) => {
  const sheets = [...document.styleSheets];
  const theme = sheets.find(s => /main\\.\\w+\\.min\\.css/.test(s.href || ""));
  theme.insertRule(rule, theme.cssRules.length);
  if (!drop) return 0;
  const ours = sheets.find(s => (s.href || "").endsWith("kb.css"));
  const at = [...ours.cssRules].findIndex(r => (r.selectorText || "").includes("md-nav__link--active"));
  if (at >= 0) ours.deleteRule(at);
  return at;
}"""


@pytest.mark.parametrize("drop", [False, True], ids=["kb-css-rule", "kb-css-rule-dropped"])
def test_current_page_link_stays_readable_in_the_dark_under_materialx(page, drop):
    """The fork draws the active sidebar link in indigo, unreadable on the dark background: kb.css's rule
    keeps it readable; without that rule the contrast check fails."""
    page.goto("email-troubleshooting/")
    page.click("label.md-header__button[title='Switch to dark mode']")
    page.wait_for_function(f"({SCHEME})() === 'slate'")
    assert page.evaluate(AS_UNDER_MATERIALX, [MATERIALX_ACTIVE_LINK, drop]) >= 0
    assert ("color-contrast" in violations(page, runOnly=["color-contrast"])) is drop

FOCUSED = """
() => {
  const el = document.activeElement;
  return {tag: el.tagName, cls: el.className, href: el.getAttribute("href"), text: el.textContent.trim().slice(0, 60)};
}
"""


def tab_until(page, predicate, limit: int = 150) -> dict | None:
    """Press Tab until the focused element matches `predicate`; return it, or None."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if predicate(focused):
            return focused
    return None


def test_keyboard_reaches_search_and_opens_an_article(page):
    """From the home page, Tab reaches the search field and a category's article; Enter opens it."""
    page.goto("")
    assert tab_until(page, lambda f: "md-search__input" in f["cls"])
    page.keyboard.type("keychain")
    page.locator(".md-search-result__item").first.wait_for()
    page.keyboard.press("Escape")
    page.goto("")
    target = tab_until(page, lambda f: f["href"] == ARTICLE)
    assert target is not None
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(ARTICLE)))


def test_keyboard_alone_sends_feedback(page, feedback_site):
    """Tab reaches "No", Space opens the comment box, Enter on the button sends the comment."""
    since = last_id(feedback_site.collector.db)
    page.goto(feedback_site.url + ARTICLE)
    assert tab_until(page, lambda f: f["tag"] == "BUTTON" and f["text"] == "No", limit=300)
    page.keyboard.press("Space")
    assert page.evaluate(FOCUSED)["tag"] == "TEXTAREA"
    page.keyboard.type("Step 4 shows a different menu on my phone.")
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED)["text"] == "Send feedback"
    page.keyboard.press("Enter")
    page.get_by_role("status").filter(has_text="Thank you").wait_for()
    assert [answer for _, answer, _ in stored_rows(feedback_site.collector.db, since)] == ["no"]


def test_keyboard_feedback_check_fails_when_the_buttons_cannot_take_focus(page, feedback_site):
    """With the widget's buttons out of the tab order, the walk never reaches "No"."""
    page.goto(feedback_site.url + ARTICLE)
    page.locator("aside.kb-support").scroll_into_view_if_needed()  # the widget loads near the end
    page.locator("form.kb-feedback").wait_for(state="visible")
    page.evaluate("document.querySelectorAll('form.kb-feedback button').forEach(b => b.tabIndex = -1)")
    assert tab_until(page, lambda f: f["tag"] == "BUTTON" and f["text"] == "No", limit=300) is None


def test_tab_check_fails_when_an_element_cannot_take_focus(page):
    """With the article links taken out of the tab order, the same walk does not reach them."""
    page.goto("")
    page.evaluate("document.querySelectorAll('.kb-category a').forEach(a => a.tabIndex = -1)")
    assert tab_until(page, lambda f: f["href"] == ARTICLE, limit=60) is None
