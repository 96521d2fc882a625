"""The step rule KB106, list-not-started: numbered lines with no blank line before them run on as text.

Each verdict is held to the real renderer (tests/test_renderer_agreement.py): the lines KB106
reports are the ones the page shows as running text, and its fix makes them a list. The other
step rules, KB101-KB105, are in tests/test_rules_steps.py.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings

from hooks.checks.engine import check_text, fix_text
from tests.conftest import soup
from tests.test_renderer_agreement import STRATEGIES, render, site_settings as agreement_settings
from tests.test_rules_steps import SITE, check, fix

# A typed marker that reached the page as text: at the start of a line or of an element's text.
RUN_ON_RE = re.compile(r"[\n>][ \t]*(?:\d{1,3}\.[ ]+)+(w\d+)\b")


def run_on_words(html: str) -> set[str]:
    """The words the page shows after a typed `N. ` at the start of a line of text (not code)."""
    page = soup(html)
    for code in page.find_all(["pre", "code"]):
        code.decompose()
    return set(RUN_ON_RE.findall(str(page)))


def in_a_step(html: str, word: str) -> bool:
    """The page shows `word` as a list item's text, not after a typed marker."""
    page = soup(html)
    for code in page.find_all(["pre", "code"]):
        code.decompose()
    return word not in run_on_words(html) and any(word in li.get_text(" ").split() for li in page.find_all("li"))


def fixable_run_ons(text: str, optional: bool) -> set[int]:
    """The 0-based lines whose numbered text the renderer shows as running text, and as a step once
    a blank line (the line's own `>` marks kept) goes before it."""
    lines = text.split("\n")
    word_line = {word: index for index, line in enumerate(lines) for word in re.findall(r"\bw\d+\b", line)}
    found = set()
    for word in run_on_words(render(text, optional)):
        index = word_line[word]
        blank = re.match(r"[ >]*", lines[index]).group().rstrip()
        with_blank = "\n".join([*lines[:index], blank, *lines[index:]])
        if in_a_step(render(with_blank, optional), word):
            found.add(index)
    return found


def assert_run_ons_agree(text: str, optional: bool = True) -> None:
    """KB106 reports only numbered lines the renderer runs on and a blank line makes a list of, and
    after its fix the renderer shows none that a blank line would still fix."""
    site = agreement_settings(optional)
    reported = {f.line - 1 for f in check_text(text, site) if f.rule_id == "KB106"}
    real = fixable_run_ons(text, optional)
    assert reported <= real, (text, reported, real)
    assert bool(reported) == bool(real), (text, reported, real)
    fixed = fix_text(text, site)
    assert not fixable_run_ons(fixed, optional), (text, fixed)
    assert not any(f.rule_id == "KB106" for f in check_text(fixed, site)), fixed


def test_numbered_lines_right_after_a_paragraph_are_reported_with_the_fix():
    """GitHub starts a list here; Python-Markdown shows `Do this: 1. Open 2. Click` as one paragraph."""
    text = "Do this:\n1. Open Mail.\n2. Click Save.\n"
    finding = [f for f in check_text(text, SITE) if f.rule_id == "KB106"]
    assert [(f.line, f.col) for f in finding] == [(2, 1)]
    assert finding[0].message == ("`1.` starts no list: with no blank line before it, it runs on as text of the "
                                  "paragraph above; add a blank line before it (--fix does)")
    assert "<ol>" not in render(text) and "<ol>" in render(fix(text))
    assert fix(text) == "Do this:\n\n1. Open Mail.\n2. Click Save.\n"


def test_steps_after_a_continuation_paragraph_without_a_blank_line_are_reported():
    """The continuation takes `2.` and `3.` into step 1's text; a blank line makes them steps again."""
    text = "1. w0\n\n    It opens in a new tab.\n2. w1\n3. w2\n"
    assert check(text) == [("KB106", 4, 1)]
    assert [f.message for f in check_text(text, SITE) if f.rule_id == "KB106"][0].startswith(
        "`2.` starts no list: with no blank line before it, it runs on as text of the step above")
    assert len(soup(render(text)).find_all("li")) == 1
    assert len(soup(render(fix(text))).find_all("li")) == 3
    assert_run_ons_agree(text)


# Each step's text is a word of its own (w0, w1, ...), so the page's text traces back to its line.
@pytest.mark.parametrize("text, line, col", [
    ("!!! note\n    Do this:\n    1. w0\n    2. w1\n", 3, 5),
    ("??? tip\n    Do this:\n    1. w0\n", 3, 5),
    ('=== "Mac"\n\n    Do this:\n    1. w0\n', 4, 5),
    ("> Do this:\n> 1. w0\n", 2, 3),
    ("1. w0\n    1. w1\n\n        More.\n    2. w2\n", 5, 5),
    ("1. w0\n\n    !!! note\n        Do this:\n        1. w1\n", 5, 9),
    ("```\n1. w0\n```text\n: d\n", 2, 1),  # each term is its own text: the backticks pair with nothing
])
def test_run_on_lists_are_reported_in_containers_and_at_depth(text, line, col):
    """In admonitions, details, tabs, quotes, nested steps and definition terms, reported where the fix goes;
    the fix makes the list."""
    assert check(text) == [("KB106", line, col)]
    assert_run_ons_agree(text)


@pytest.mark.parametrize("text", [
    "Press 1. w0 then wait.\n",
    "The server moved in\n2024. w0 was the last move.\n",
    "## Steps\n1. w0\n2. w1\n",
    "Steps\n-----\n1. w0\n",
    "1. w0\n2. w1\n",
    "- w0\n- w1\n",
    "```\nDo this:\n1. w0\n```\n",
    "Code:\n\n    Do this:\n    1. w0\n",
    "Do this:\n    1. w0\n",
    "Do this:\n\n1. w0\n",
    "<!-- Do this:\n1. w0 -->\n",
    "1. w0\n    more\n2. w1\n",
    "Type `a\n1. w0` there.\n",
])
def test_no_finding_where_the_renderer_starts_the_list_or_none_was_meant(text):
    """Mid-line numbers, years, lists after headings and items, code, comments and lazy text pass."""
    assert check(text) == []
    assert_run_ons_agree(text)


def test_a_silenced_run_on_is_not_fixed():
    """`kb-ignore KB106` keeps the paragraph as it is, and the comment counts as used."""
    text = "Do this:\n1. Open <!-- kb-ignore KB106 -->\n"
    assert check_text(text, SITE) == []
    assert fix(text) == text


def test_fix_keeps_crlf_line_endings_and_the_quote():
    """The blank line takes the file's line ending and, in a quote, its `>`."""
    assert fix("> Do this:\r\n> 1. Open\r\n") == "> Do this:\r\n>\r\n> 1. Open\r\n"


@pytest.mark.parametrize("optional", [True, False], ids=["footnotes-def_list-abbr-on", "off"])
@pytest.mark.parametrize("name", sorted(STRATEGIES))
def test_generated_documents_agree_with_the_renderer_about_run_on_lists(name, optional):
    """Every generated document: KB106's verdict and its fix, held to the real renderer."""

    @settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(STRATEGIES[name])
    def holds(text):
        assert_run_ons_agree(text, optional)

    holds()
