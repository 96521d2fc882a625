"""Reading an article: numbered steps, the important callout, the table of contents, phone width."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import SCREENS
from tests.conftest import DOCS, article_sources, page_url
from tests.sitemarkdown import render

pytestmark = pytest.mark.browser

REFERENCE = DOCS / "email-troubleshooting" / "password-issues-mac-mail-ios.md"

# For each <h2> of the article: every number a reader sees in front of a step of the
# ordered lists that follow it (up to the next <h2>), and how many lists there are.
RENDERED_STEPS = """
() => Array.from(document.querySelectorAll("article.md-content__inner > h2")).map(heading => {
  const lists = [];
  for (let el = heading.nextElementSibling; el && el.tagName !== "H2"; el = el.nextElementSibling) {
    if (el.tagName === "OL") lists.push(el);
  }
  const numbers = [];
  for (const list of lists) {
    const style = getComputedStyle(list).listStyleType;
    let n = list.start - 1;
    for (const item of list.children) {
      n = item.hasAttribute("value") ? item.value : n + 1;
      if (getComputedStyle(item).display === "list-item" && style === "decimal") numbers.push(n);
    }
  }
  return {heading: heading.id, lists: lists.length, numbers};
}).filter(section => section.lists)
"""


def written_steps(source) -> list[list[int]]:
    """The step numbers a writer typed at the start of a line, per `## ` section of the source."""
    sections = []
    for line in source.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            sections.append([])
        elif sections and (match := re.match(r"(\d+)\. ", line)):
            sections[-1].append(int(match.group(1)))
    return [steps for steps in sections if steps]


def test_reference_procedures_show_the_numbers_the_writer_wrote(page):
    """Three procedures, each one unbroken list numbered exactly as in the source (8, 10, 12 steps)."""
    page.goto(page_url(REFERENCE))
    rendered = page.evaluate(RENDERED_STEPS)
    assert [section["lists"] for section in rendered] == [1, 1, 1]
    assert [section["numbers"] for section in rendered] == written_steps(REFERENCE)
    assert [len(section["numbers"]) for section in rendered] == [8, 10, 12]


def test_the_numbering_check_catches_a_split_list(page):
    """A step continued with 2 spaces splits the list in two: the same check reports it."""
    broken = "## Steps\n\n1. Open Mail.\n2. Click Accounts.\n\n  Then wait.\n\n3. Click OK.\n"
    page.set_content(f'<article class="md-content__inner">{render(broken)}</article>')
    [section] = page.evaluate(RENDERED_STEPS)
    assert section["lists"] == 2


CALLOUT_LOOK = """
selector => {
  const box = document.querySelector(selector);
  const title = box.querySelector(".admonition-title");
  const style = getComputedStyle(box), icon = getComputedStyle(title, "::before");
  return {border: style.borderLeftColor, borderWidth: style.borderLeftWidth,
          background: style.backgroundColor, titleBackground: getComputedStyle(title).backgroundColor,
          iconColor: icon.backgroundColor, icon: icon.maskImage || icon.webkitMaskImage};
}
"""


def test_important_callout_looks_unlike_a_note(page):
    """The important callout differs from a note in border, tint, icon and icon colour."""
    page.goto(page_url(REFERENCE))
    important = page.evaluate(CALLOUT_LOOK, ".admonition.important")
    note = page.evaluate(CALLOUT_LOOK, ".admonition.note")
    assert {key for key in note if note[key] != important[key]} == set(note)
    # Without our stylesheet the callout falls back to the note's look: the check sees it.
    page.evaluate("document.querySelector('link[href$=\"kb.css\"]').remove()")
    assert page.evaluate(CALLOUT_LOOK, ".admonition.important") == page.evaluate(CALLOUT_LOOK, ".admonition.note")


HEADING_AT_TOP = """
id => {
  const top = document.getElementById(id).getBoundingClientRect().top;
  const header = document.querySelector(".md-header").getBoundingClientRect().bottom;
  const atBottom = window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2;
  // A heading near the end of the page cannot reach the top; then the page must be at its end
  // with the heading in view.
  return (top >= header - 2 && top <= header + 80) || (atBottom && top >= header - 2 && top < window.innerHeight);
}
"""


def test_table_of_contents_links_scroll_to_their_headings(page):
    """Each entry of the table of contents brings its heading to the top of the screen."""
    page.goto(page_url(REFERENCE))
    links = page.locator(".md-sidebar--secondary nav.md-nav--secondary a.md-nav__link")
    targets = [href.split("#", 1)[1] for href in links.evaluate_all("links => links.map(l => l.getAttribute('href'))")]
    headings = page.eval_on_selector_all("article.md-content__inner > h2[id]", "hs => hs.map(h => h.id)")
    assert targets == headings and len(targets) >= 3  # the three procedures, at least
    assert not page.evaluate(HEADING_AT_TOP, targets[-1])  # far down the page before the click
    for index, target in enumerate(targets):
        links.nth(index).click()
        page.wait_for_function(HEADING_AT_TOP, arg=target)
        assert page.evaluate("location.hash") == f"#{target}"


# A phone zooms out to fit a too-wide page, which widens innerWidth too: compare with the screen.
NO_SIDEWAYS_SCROLL = """
() => document.documentElement.scrollWidth <= window.innerWidth && window.innerWidth <= screen.width
"""


@pytest.mark.parametrize("screen", ["phone"], indirect=True)
def test_no_article_scrolls_sideways_on_a_phone(page, screen):
    """On a 390 px wide phone, no article (nor the home page) is wider than the screen."""
    assert page.viewport_size == SCREENS["phone"]["viewport"]
    too_wide = []
    for url in ["", *map(page_url, article_sources())]:
        page.goto(url)
        if not page.evaluate(NO_SIDEWAYS_SCROLL):
            too_wide.append(url)
    assert too_wide == []
    # A wide element makes the same check fail. Its size is set through the DOM: the page's
    # Content-Security-Policy refuses inline style attributes.
    page.evaluate("""Object.assign(document.querySelector("article").appendChild(document.createElement("div")).style,
                                   {width: "900px", height: "1px"})""")
    assert not page.evaluate(NO_SIDEWAYS_SCROLL)
