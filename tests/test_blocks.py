"""The block scanner's cost: a block whose every line starts with a letter goes straight to the
paragraph processor, so no other processor may ever take such a block; a checked page is freed
at once."""

from __future__ import annotations

import gc

from hypothesis import given, settings, strategies as st

from hooks.checks.blocks import BlockParser, Line, Node, Syntax, starts_with_letters
from hooks.checks.config import load_settings
from hooks.checks.engine import check_text
from tests.conftest import DOCS, ROOT

# Every optional block syntax on, so that every processor is in the chain.
ALL_SYNTAX = Syntax(sane_lists=True, footnotes=True, def_list=True, abbr=True, md_in_html=True)
# The rest of a line: the characters that Markdown markers and the stash are made of, with words.
MARKUP = st.text(alphabet=" \t#-*+=_>:|[]^!?~`<>{}()\"'.0123456789\x02abcXYZ", max_size=12)
LETTER_LINE = st.builds(lambda first, rest: first + rest, st.sampled_from("aZéжΩ"), MARKUP)


def parents() -> list[tuple[Node, list[str]]]:
    """Containers a block may be parsed in, with the parser's state there: the page, a list item,
    the last item of a list and after an admonition, a definition list or a table."""
    shapes = []
    for tag in ("admonition", "details", "tabs", "ol", "ul", "dl", "p", "table", "code"):
        page = Node("root")
        sibling = page.add(tag)
        sibling.add("li" if tag in ("ol", "ul") else "dd" if tag == "dl" else "tab" if tag == "tabs" else "p")
        shapes.append((page, []))
    shapes.append((Node("li"), ["list"]))
    shapes.append((Node("li"), ["looselist"]))
    shapes.append((Node("root"), ["detabbed"]))
    return shapes


@settings(max_examples=300, deadline=None)
@given(texts=st.lists(LETTER_LINE, min_size=1, max_size=5))
def test_no_processor_but_the_paragraph_takes_lines_that_start_with_letters(texts):
    """Whatever follows the first letter, and whatever the container, every other processor refuses."""
    block = [Line(index, text, 0) for index, text in enumerate(texts)]
    assert starts_with_letters(block)
    for parent, state in parents():
        parser = BlockParser(ALL_SYNTAX, set())
        parser.state = list(state)
        for test, run in parser.processors[:-1]:
            blocks = [list(block)]
            assert not (test(parser, parent, block) and run(parser, parent, blocks) is not False), run.__name__
            assert blocks == [block]


def test_a_line_that_starts_with_a_marker_space_or_stash_takes_the_long_way():
    """One line that starts otherwise than with a letter sends the block through every processor."""
    for first in ("1. a", "- a", "# a", "    a", "", "> a", ": a", "[^1]: a", "\x02", "!!! note", "|a|b|"):
        assert not starts_with_letters([Line(0, "Text", 0), Line(1, first, 0)])


def test_checking_a_page_leaves_nothing_for_the_garbage_collector():
    """Every object a check makes is freed when it ends: no reference cycle keeps a page's tree
    alive until a collection, which inside a build of many pages scans the whole site each time."""
    settings = load_settings(ROOT / "mkdocs.yml")
    texts = [path.read_text(encoding="utf-8") for path in sorted(DOCS.rglob("*.md"))]
    check_text(texts[0], settings)
    gc.collect()
    gc.disable()
    try:
        for text in texts:
            check_text(text, settings)
        assert gc.collect() == 0
    finally:
        gc.enable()
