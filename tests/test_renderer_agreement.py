"""The check and the site agree, both ways: a finding exactly when the page differs from the source.

Every `<ol>` that Python-Markdown renders with the site's configuration is traced back to
the source through a unique word on each step's line, which gives, for each item the
customer sees, the number the writer typed there and how far it was indented. Then, for
every list and every generated document:

- the check sees the same lists, with the same items, as the page;
- it makes a numbering claim (KB101, KB102 where the site ignores start numbers, KB103 for
  a step that was typed as a sub-step or a bullet) exactly when the page shows a number
  the writer did not type or a step the writer typed as a sub-step;
- its other findings (KB102 and KB103 about the writer's intent) lie on that list or on
  the block right after it.

A checker that flags every list, or one that flags none, fails these properties.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import markdown
import pytest
from hypothesis import HealthCheck, Phase, given, settings, strategies as st
from mkdocs.utils.meta import get_data

from hooks.checks.config import load_settings
from hooks.checks.findings import Finding
from hooks.checks.rules.steps import list_findings, nested_too_little, step_lists
from hooks.checks.source import Document, Settings
from tests.conftest import DOCS, ROOT, page_url, soup
from tests.sitemarkdown import OPTIONAL, site_converter

SITE = load_settings(ROOT / "mkdocs.yml")
TOKEN_RE = re.compile(r"\bw(\d+)\b")
# The markers right before a step's word: `1. `, `- `, or several on one line (`1. 1. `).
MARKERS_RE = re.compile(r"(?:(?:\d+\.|[*+-])[ ]+)+$")
MARKER_RE = re.compile(r"(\d+\.|[*+-])[ ]+")


def site_settings(optional: bool) -> Settings:
    """The site's settings with the optional block extensions switched on or off."""
    extensions = (SITE.extensions - OPTIONAL) | (OPTIONAL if optional else frozenset())
    return Settings(extensions=extensions, phone_keys=SITE.phone_keys)


@lru_cache(maxsize=2)
def site_markdown(optional: bool = True) -> markdown.Markdown:
    """The site's converter with the optional extensions on or off, made once for the many texts it renders."""
    return site_converter(optional=optional)


def render(text: str, optional: bool = True) -> str:
    """The HTML MkDocs would make of a page: front matter removed by MkDocs, then Markdown."""
    converter = site_markdown(optional)
    converter.reset()
    return converter.convert(get_data(text)[0])


@dataclass(frozen=True)
class Shown:
    """One item of a rendered `<ol>`, traced to the marker the writer typed."""

    number: int  # what the customer sees
    line: int  # 0-based source line of its marker
    col: int  # expanded column of its marker in that line
    typed: int | None  # the number typed there (None for a bullet)
    base: int  # where the list's content starts in that line; a later marker further right is a sub-step


def markers(line: str, token_at: int) -> list[tuple[int, int | None]]:
    """(expanded column, typed number) of each marker right before the word at `token_at`."""
    before = line[:token_at]
    run = MARKERS_RE.search(before)
    assert run, f"no list marker before the word on {line!r}"
    return [(len(before[:marker.start()].expandtabs(4)),
             int(marker.group(1)[:-1]) if marker.group(1)[0].isdigit() else None)
            for marker in MARKER_RE.finditer(before, run.start())]


def shown_lists(text: str, html: str) -> list[list[Shown]]:
    """Every `<ol>` on the page (not the footnotes' own numbering), each item traced to its source marker."""
    lines = text.split("\n")
    where = {match.group(0): (index, match.start()) for index, line in enumerate(lines)
             for match in TOKEN_RE.finditer(line)}
    lists = []
    for ol in soup(html).find_all("ol"):
        if ol.parent.name == "div" and "footnote" in (ol.parent.get("class") or []):
            continue
        start = int(ol.get("start", 1))
        items = []
        for position, li in enumerate(ol.find_all("li", recursive=False)):
            token = TOKEN_RE.search(li.get_text(" ")).group(0)
            # A step that opens with a sub-list (`1. 1. x`) shares its word with the items inside it.
            inner = sum(1 for nested in li.find_all("li") if TOKEN_RE.findall(nested.get_text(" "))[:1] == [token[1:]])
            index, at = where[token]
            found = markers(lines[index], at)
            col, typed = found[-(inner + 1)]
            # A list that opens on its parent's line (`1. 1. x`) has its content 4 columns in from the parent.
            nested_on_line = len(found) - (inner + 1)
            base = found[0][0] + 4 * nested_on_line if nested_on_line else col
            items.append(Shown(start + position, index, col, typed, base))
        lists.append(items)
    return lists


def differs(items: list[Shown]) -> bool:
    """The page shows a number not typed there, or makes a step of what was typed as a sub-step."""
    # 1-3 columns deeper is a sub-step typed short of the 4 spaces; 4 or more only happens on lazy lines.
    return any(item.typed != item.number or 0 < item.col - items[0].base < 4 for item in items)


def numbering_claims(doc: Document, steps, findings: list[Finding]) -> list[Finding]:
    """The findings that say the page numbers this list differently from the source."""
    joined = nested_too_little(doc, steps)
    return [f for f in findings if f.rule_id == "KB101" or f == joined
            or (f.rule_id == "KB102" and not doc.settings.sane_lists)]


def span(doc: Document, steps) -> tuple[int, int]:
    """The 1-based lines from the list's first step to the first line of the block after it."""
    following = steps.parent.children[steps.position + 1:]
    end = following[0].first.index + 1 if following and following[0].first else len(doc.lines)
    return steps.node.first.index + 1, end


def assert_agreement(text: str, html: str, settings: Settings = SITE, checker=list_findings) -> None:
    """Hold the checker to the page, list by list, in both directions."""
    doc = Document(text, settings)
    found = {(steps.node.first.index, steps.items[0].marker_col): steps for steps in step_lists(doc)}
    shown = shown_lists(text, html)
    assert len(shown) == len(found), (text, shown, sorted(found))
    for items in shown:
        steps = found.get((items[0].line, items[0].col))
        assert steps is not None, (text, "the check does not see the list at", items[0])
        assert [(item.first.index, item.marker_col) for item in steps.items] == [(i.line, i.col) for i in items], text
        findings = list(checker(doc, steps))
        assert bool(numbering_claims(doc, steps, findings)) == differs(items), (text, items, findings)
        first, last = span(doc, steps)
        assert all(first <= f.line <= last for f in findings), (text, findings)


@pytest.mark.parametrize("source", sorted(DOCS.rglob("*.md")), ids=lambda p: p.relative_to(DOCS).as_posix())
def test_every_list_in_docs_shows_its_written_numbers_on_the_built_site(site, source):
    """Every docs/ page: the real built page's lists equal what the check sees in the source."""
    article = soup(site.html(page_url(source))).select_one("article.md-content__inner")
    text = source.read_text(encoding="utf-8")
    doc = Document(text, SITE)
    lists = step_lists(doc)
    rendered = [(int(ol.get("start", 1)), len(ol.find_all("li", recursive=False))) for ol in article.find_all("ol")
                if "footnote" not in (ol.parent.get("class") or [])]
    assert len(rendered) == len(lists)
    for (start, count), steps in zip(rendered, lists):
        assert list_findings(doc, steps) == []
        numbers = [int(re.match(r"\d+", doc.lines[item.first.index][doc.source_col(item.first.index, item.marker_col)
                                                                      - 1:]).group()) for item in steps.items]
        assert numbers == list(range(start, start + count))


def test_the_docs_have_lists_to_compare(site):
    """The comparison above is not empty: the articles hold many numbered procedures."""
    total = sum(len(step_lists(Document(p.read_text(encoding="utf-8"), SITE))) for p in DOCS.rglob("*.md"))
    assert total >= 15


def with_words(lines: list[str]) -> str:
    """The document with each `@` replaced by a word of its own (`w0`, `w1`, ...)."""
    text, count = "\n".join(lines) + "\n", 0
    while "@" in text:
        text = text.replace("@", f"w{count}", 1)
        count += 1
    return text


INDENTS = ["", "", "", " ", "  ", "   ", "    ", "    ", "      ", "        ", "\t", "> ", "    > "]
PIECES = [
    "1. @", "2. @", "3. @", "4. @", "10. @", "1. 1. @", "- @", "* @", "text", "Important: x", "", "", "", "## H",
    "!!! note", '!!! tip "T"', "??? note", '=== "A"', "```", "```text", "~~~", "> [!NOTE]", "> q", "<!-- c -->",
    "<!--\n c\n-->", "1) p", "---", "| a | b |", "| --- | --- |", "[x]: http://e.com", "Title\n===", "x\t1. y",
    # footnotes, definition lists and abbreviations
    "[^1]: A note.", "[^1]:", "Term", ": d", ":   d", "*[HTML]: Hypertext", "See[^1] here.",
]
documents = st.lists(st.tuples(st.sampled_from(INDENTS), st.sampled_from(PIECES)), min_size=1, max_size=14).map(
    lambda lines: with_words([indent + piece for indent, piece in lines]))

STEP = st.sampled_from(["1. @", "2. @", "3. @", "4. @", "5. @"])
BETWEEN = st.sampled_from([
    "", "  - x", "    - x", "  more", "    more", "  ```\n  x\n  ```", "    ```\n    x\n    ```",
    "!!! note\n    n", "Text.", "  Text.", "## H", "<!-- c -->", "> [!NOTE]\n> n",
    # footnotes and definition lists inside and between steps
    "[^1]: A note.", "  [^1]: A note.", "    [^1]: A note.", "    [^1]: A note.\n\n        More of it.",
    "[^1]: A note.\n\n    1. @\n    3. @", "Term\n: d", "  Term\n  : d", "    Term\n    : d",
    "    Term\n    :   d\n\n        1. @", "    : d", "*[HTML]: Hypertext", "  *[HTML]: Hypertext",
])
GAP = st.sampled_from(["\n", "\n\n"])
# Each step, then what follows it, ends its line, so that the next step's marker starts a line.
procedures = st.lists(st.tuples(STEP, GAP, BETWEEN, GAP), min_size=1, max_size=10).map(
    lambda parts: with_words(["".join(step + gap + (between + after if between else "")
                                      for step, gap, between, after in parts)]))

STRATEGIES = {"documents": documents, "procedures": procedures}


def agreement_property(strategy, optional: bool, checker=list_findings, **options):
    """The agreement property over one strategy, as a test function Hypothesis runs."""

    @settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow], **options)
    @given(strategy)
    def holds(text):
        assert_agreement(text, render(text, optional), site_settings(optional), checker)

    return holds


@pytest.mark.parametrize("optional", [True, False], ids=["footnotes-def_list-abbr-on", "off"])
@pytest.mark.parametrize("name", sorted(STRATEGIES))
def test_generated_documents_agree_with_the_renderer(name, optional):
    """Nesting, admonitions, tabs, fences, quotes, comments, footnotes and definitions at every indentation."""
    agreement_property(STRATEGIES[name], optional)()


def flag_every_list(doc: Document, steps) -> list[Finding]:
    """A broken checker: every list gets a KB101 on its first step."""
    return [Finding(steps.items[0].first.index + 1, 1, "KB101", "flagged")]


def flag_no_list(doc: Document, steps) -> list[Finding]:
    """A broken checker: nothing is ever reported."""
    return []


@pytest.mark.parametrize("checker", [flag_every_list, flag_no_list])
@pytest.mark.parametrize("name", sorted(STRATEGIES))
def test_a_wrong_checker_fails_the_agreement_property(name, checker):
    """The property is two-sided: false findings and missed findings both make it fail."""
    wrong = agreement_property(STRATEGIES[name], True, checker, database=None, report_multiple_bugs=False,
                               phases=[Phase.generate])
    with pytest.raises(AssertionError):
        wrong()


@pytest.mark.parametrize("optional", [True, False], ids=["on", "off"])
@pytest.mark.parametrize("text, flagged", [
    ("1. w0\n\n  [^1]: A note that is part of step one.\n\n2. w1\n", {True: [], False: ["KB103"]}),
    ("1. w0\n\n  [^1]: A note that is part of step one.\n\n3. w1\n", {True: ["KB101"], False: ["KB102", "KB103"]}),
    ("1. w0\n\n    Term\n    :   Definition\n\n2. w1\n", {True: [], False: []}),
    ("1. w0\n\n    Term\n    :   Definition\n\n4. w1\n", {True: ["KB101"], False: ["KB101"]}),
    ("1. w0\n\n  Term\n  :   Definition\n\n2. w1\n", {True: ["KB103"], False: ["KB103"]}),
    ("1. w0\n\n[^1]: A note.\n\n    1. w1\n    3. w2\n\n2. w3\n", {True: ["KB101"], False: []}),
])
def test_footnotes_and_definitions_in_and_between_steps(text, flagged, optional):
    """No false finding around footnotes and definitions, and a real skip after them is still found."""
    doc = Document(text, site_settings(optional))
    assert sorted(f.rule_id for steps in step_lists(doc) for f in list_findings(doc, steps)) == flagged[optional]
    assert_agreement(text, render(text, optional), site_settings(optional))
