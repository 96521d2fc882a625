"""The block parser: each block goes to the first processor, in Python-Markdown's order of
priority, that takes it; `parse` stashes fences and HTML first, as the preprocessors do."""

from __future__ import annotations

from functools import lru_cache

from hooks.checks.blocks.abbr import AbbrProcessor
from hooks.checks.blocks.admonition import AdmonitionProcessor
from hooks.checks.blocks.def_list import DefListIndentProcessor, DefListProcessor
from hooks.checks.blocks.details import DetailsProcessor
from hooks.checks.blocks.empty import EmptyBlockProcessor
from hooks.checks.blocks.footnotes import FootnoteBlockProcessor, parse_footnotes
from hooks.checks.blocks.hashheader import HashHeaderProcessor
from hooks.checks.blocks.hr import HRProcessor
from hooks.checks.blocks.htmlblock import stash_html
from hooks.checks.blocks.lines import split_blocks, starts_with_letters
from hooks.checks.blocks.listindent import ListIndentProcessor
from hooks.checks.blocks.nodes import TAB, Line, Node, Page, Paragraph, Syntax
from hooks.checks.blocks.olist import OListProcessor, UListProcessor
from hooks.checks.blocks.paragraph import ParagraphProcessor
from hooks.checks.blocks.quotes import QuotesProcessor
from hooks.checks.blocks.reference import ReferenceProcessor
from hooks.checks.blocks.sane_lists import SaneOListProcessor, SaneUListProcessor
from hooks.checks.blocks.setextheader import SetextHeaderProcessor
from hooks.checks.blocks.superfences import CodeBlockProcessor, stash_fences
from hooks.checks.blocks.tables import TableProcessor
from hooks.checks.blocks.tabbed import TabbedProcessor

MAX_DEPTH = 100


def build_processors(syntax: Syntax) -> list:
    """The processors the syntax turns on, in Python-Markdown's order of priority (the table in
    `hooks.checks.blocks.upstream` gives each one's upstream name and priority)."""
    sane = syntax.sane_lists
    chain = [
        (AdmonitionProcessor(), True),
        (DetailsProcessor(), True),
        (TabbedProcessor(), True),
        (EmptyBlockProcessor(), True),
        (ListIndentProcessor(), True),
        (DefListIndentProcessor(), syntax.def_list),
        (CodeBlockProcessor(), True),
        (TableProcessor(), True),
        (HashHeaderProcessor(), True),
        (SetextHeaderProcessor(), True),
        (HRProcessor(), True),
        (SaneOListProcessor() if sane else OListProcessor(), True),
        (SaneUListProcessor() if sane else UListProcessor(), True),
        (DefListProcessor(), syntax.def_list),
        (QuotesProcessor(), True),
        (FootnoteBlockProcessor(), syntax.footnotes),
        (AbbrProcessor(), syntax.abbr),
        (ReferenceProcessor(), True),
        (ParagraphProcessor(), True),
    ]
    return [processor for processor, enabled in chain if enabled]


@lru_cache(maxsize=None)
def processors(syntax: Syntax) -> tuple:
    """(test, run) of each processor, made once per syntax.

    Processors never hold the parser (it is passed to each call): a parser that held
    processors holding it would be a reference cycle, and every page's tree would wait
    for the garbage collector.
    """
    return tuple((processor.test, processor.run) for processor in build_processors(syntax))


class BlockParser:
    """Python-Markdown's block parser for the site's extensions, on `Line`s instead of strings."""

    def __init__(self, syntax: Syntax, literal: set[int]):
        self.state: list[str] = []
        self.depth = 0
        self.paragraphs: list[Paragraph] = []
        self.literal = literal
        # A container's test finds where an indented block continues it; its run uses that.
        self.pending: tuple[Node, list[Line], list[Line]] | None = None
        # The last block the container processors scanned for a `!!!`, `???` or `===` line, and what they found.
        self.scanned: tuple[list[Line], tuple | None] | None = None
        # footnotes: each definition's lines by its id, in the order the page lists them.
        self.footnotes: dict[str, list[Line]] = {}
        self.processors = processors(syntax)
        self.run_paragraph = self.processors[-1][1]

    def in_state(self, state: str) -> bool:
        """True when the innermost parser state is `state`."""
        return bool(self.state) and self.state[-1] == state

    def parse_chunk(self, parent: Node, lines: list[Line]) -> None:
        """Parse text that may hold several blocks."""
        if lines:
            self.parse_blocks(parent, split_blocks(lines))

    def parse_blocks(self, parent: Node, blocks: list[list[Line]]) -> None:
        """Give each block to the first processor that accepts it."""
        self.depth += 1
        # Nesting this deep is not a help article; keep the rest as text rather than recurse on.
        processors = self.processors if self.depth < MAX_DEPTH else self.processors[-1:]
        while blocks:
            block = blocks[0]
            if not block:
                blocks.pop(0)
                continue
            if starts_with_letters(block):
                # Most blocks: skip the tests that cannot pass on them (see `starts_with_letters`).
                self.run_paragraph(self, parent, blocks)
                continue
            for test, run in processors:
                if test(self, parent, block) and run(self, parent, blocks) is not False:
                    break
        self.depth -= 1


def parse(lines: list[str], first_index: int, syntax: Syntax) -> Page:
    """Parse the page body (`lines` from `first_index` on) as the site's Markdown would."""
    literal: set[int] = set()
    expanded = []
    for index in range(first_index, len(lines)):
        text = lines[index]
        if "\t" in text or "\x02" in text or "\x03" in text:
            text = text.replace("\x02", "").replace("\x03", "").expandtabs(TAB)
        # Whitespace-only lines become empty, except the first line of the text Markdown gets.
        if not text.strip(" ") and (expanded or text == ""):
            text = ""
        if text or expanded:
            expanded.append(Line(index, text, 0))
    body = stash_html(stash_fences(expanded, literal), literal)
    parser = BlockParser(syntax, literal)
    root = Node("root")
    parser.parse_chunk(root, body)
    parse_footnotes(parser, root)
    return Page(root, parser.paragraphs, literal)
