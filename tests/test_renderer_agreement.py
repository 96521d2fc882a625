"""The check and the site agree: a list the check passes shows the numbers the writer typed.

Every `<ol>` that Python-Markdown renders, with the site's own configuration, is paired
with the list the check found. When the check passes a list, the page's start number and
item count are the source's. When it flags a list, the finding is on that list or on the
block right after it (the one that broke it).
"""

from __future__ import annotations

import re
from functools import lru_cache

import markdown
import pytest
from hypothesis import given, settings, strategies as st
from mkdocs.config import load_config
from mkdocs.utils.meta import get_data

from hooks.checks.config import load_settings
from hooks.checks.rules.steps import list_findings, step_lists
from hooks.checks.source import Document
from tests.conftest import DOCS, ROOT, page_url, soup

SITE = load_settings(ROOT / "mkdocs.yml")
DIGITS_RE = re.compile(r"\d+")


@lru_cache(maxsize=1)
def site_markdown() -> markdown.Markdown:
    """A Markdown converter with exactly the extensions and settings in mkdocs.yml."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    return markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)


def render(text: str) -> str:
    """The HTML MkDocs would make of a page: front matter removed by MkDocs, then Markdown."""
    converter = site_markdown()
    converter.reset()
    return converter.convert(get_data(text)[0])


def rendered_lists(html: str) -> list[tuple[int, int]]:
    """(start, item count) of each `<ol>`, in document order."""
    return [(int(ol.get("start", 1)), len(ol.find_all("li", recursive=False))) for ol in soup(html).find_all("ol")]


def written_numbers(doc: Document, steps) -> list[int]:
    """The numbers typed in the file at each item's marker, read from the file's own text."""
    numbers = []
    for item in steps.items:
        line = doc.lines[item.first.index]
        numbers.append(int(DIGITS_RE.match(line, doc.source_col(item.first.index, item.marker_col) - 1).group()))
    return numbers


def span(doc: Document, steps) -> tuple[int, int]:
    """The 1-based lines from the list's first step to the first line of the block after it."""
    following = steps.parent.children[steps.position + 1:]
    end = following[0].first.index + 1 if following else len(doc.lines)
    return steps.node.first.index + 1, end


def assert_agreement(text: str, html: str) -> None:
    """Pair each rendered `<ol>` with the check's list and hold the check to what the page shows."""
    doc = Document(text, SITE)
    lists = step_lists(doc)
    rendered = rendered_lists(html)
    assert len(rendered) == len(lists), (text, rendered, [s.node.first.index + 1 for s in lists])
    for (start, count), steps in zip(rendered, lists):
        findings = list_findings(doc, steps)
        if findings:
            first, last = span(doc, steps)
            assert all(first <= f.line <= last for f in findings), (text, findings)
        else:
            written = written_numbers(doc, steps)
            assert written == list(range(start, start + count)), (text, written, start, count)


@pytest.mark.parametrize("source", sorted(DOCS.rglob("*.md")), ids=lambda p: p.relative_to(DOCS).as_posix())
def test_every_list_in_docs_shows_its_written_numbers_on_the_built_site(site, source):
    """Every docs/ page: the real built page's lists equal what the check sees in the source."""
    article = soup(site.html(page_url(source))).select_one("article.md-content__inner")
    text = source.read_text(encoding="utf-8")
    doc = Document(text, SITE)
    lists = step_lists(doc)
    rendered = [(int(ol.get("start", 1)), len(ol.find_all("li", recursive=False))) for ol in article.find_all("ol")]
    assert len(rendered) == len(lists)
    for (start, count), steps in zip(rendered, lists):
        assert list_findings(doc, steps) == []
        assert written_numbers(doc, steps) == list(range(start, start + count))


def test_the_docs_have_lists_to_compare(site):
    """The comparison above is not empty: the articles hold many numbered procedures."""
    total = sum(len(step_lists(Document(p.read_text(encoding="utf-8"), SITE))) for p in DOCS.rglob("*.md"))
    assert total >= 15


INDENTS = ["", "", "", " ", "  ", "   ", "    ", "    ", "      ", "        ", "\t", "> ", "    > "]
PIECES = [
    "1. a", "2. b", "3. c", "4. d", "10. e", "1. 1. x", "- x", "* y", "text", "Important: x", "", "", "", "## H",
    "!!! note", '!!! tip "T"', "??? note", '=== "A"', "```", "```text", "~~~", "> [!NOTE]", "> q", "<!-- c -->",
    "<!--\n c\n-->", "1) p", "---", "| a | b |", "| --- | --- |", "[x]: http://e.com", "Title\n===", "x\t1. y",
]
documents = st.lists(st.tuples(st.sampled_from(INDENTS), st.sampled_from(PIECES)), min_size=1, max_size=14).map(
    lambda lines: "\n".join(indent + piece for indent, piece in lines) + "\n")


@settings(max_examples=400, deadline=None)
@given(documents)
def test_generated_documents_agree_with_the_renderer(text):
    """Nesting, admonitions, tabs, fences, quotes, comments at every indentation agree."""
    assert_agreement(text, render(text))


STEP = st.sampled_from(["1. a", "2. b", "3. c", "4. d", "5. e"])
BETWEEN = st.sampled_from(["", "  - x", "    - x", "  more", "    more", "  ```\n  x\n  ```", "    ```\n    x\n    ```",
                           "!!! note\n    n", "Text.", "  Text.", "## H", "<!-- c -->", "> [!NOTE]\n> n"])
procedures = st.lists(st.tuples(STEP, st.sampled_from(["\n", "\n\n"]), BETWEEN), min_size=1, max_size=10).map(
    lambda parts: "".join(step + gap + between + "\n" for step, gap, between in parts))


@settings(max_examples=400, deadline=None)
@given(procedures)
def test_generated_procedures_agree_with_the_renderer(text):
    """Procedure-shaped documents (steps with notes, fences and sub-lists between) agree."""
    assert_agreement(text, render(text))


def test_agreement_catches_a_list_the_check_would_misread():
    """The agreement check itself fails when the source numbers and the page differ."""
    with pytest.raises(AssertionError):
        assert_agreement("1. a\n2. b\n", "<ol><li>a</li></ol>")
