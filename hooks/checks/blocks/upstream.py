"""Python-Markdown's block processors for the site's Markdown extensions (with abbr, footnotes and
def_list on), in the order it runs them, and the module of this package that models each, or why
none does. `tests/test_blocks_model.py` compares this table with the installed renderer's."""

from __future__ import annotations

from typing import NamedTuple


class Upstream(NamedTuple):
    """One registered block processor."""

    name: str  # its name in `md.parser.blockprocessors`
    priority: float
    processor: str  # its class, as `module.Class`
    model: str  # our module in `hooks.checks.blocks`, or "not modelled: why"


NOT_MODELLED = "not modelled: "
PROCESSORS = (
    Upstream("admonition", 105, "markdown.extensions.admonition.AdmonitionProcessor", "admonition"),
    Upstream("markdown_block", 105, "markdown.extensions.md_in_html.MarkdownInHtmlProcessor",
             NOT_MODELLED + "the checks do not read inside an HTML block with a `markdown` attribute, "
             "KB003 reports it; without the attribute the block stays raw HTML, stashed by `htmlblock`"),
    Upstream("details", 105, "pymdownx.details.DetailsProcessor", "details"),
    Upstream("tabbed", 105, "pymdownx.tabbed.TabbedProcessor", "tabbed"),
    Upstream("empty", 100, "markdown.blockprocessors.EmptyBlockProcessor", "empty"),
    Upstream("indent", 90, "markdown.blockprocessors.ListIndentProcessor", "listindent"),
    Upstream("defindent", 85, "markdown.extensions.def_list.DefListIndentProcessor", "def_list"),
    Upstream("code", 80, "pymdownx.superfences.SuperFencesCodeBlockProcessor", "superfences"),
    Upstream("table", 75, "markdown.extensions.tables.TableProcessor", "tables"),
    Upstream("hashheader", 70, "markdown.blockprocessors.HashHeaderProcessor", "hashheader"),
    Upstream("setextheader", 60, "markdown.blockprocessors.SetextHeaderProcessor", "setextheader"),
    Upstream("hr", 50, "markdown.blockprocessors.HRProcessor", "hr"),
    Upstream("olist", 40, "markdown.extensions.sane_lists.SaneOListProcessor", "sane_lists"),
    Upstream("ulist", 30, "markdown.extensions.sane_lists.SaneUListProcessor", "sane_lists"),
    Upstream("deflist", 25, "markdown.extensions.def_list.DefListProcessor", "def_list"),
    Upstream("quote", 20, "pymdownx.quotes.QuotesProcessor", "quotes"),
    Upstream("footnote", 17, "markdown.extensions.footnotes.FootnoteBlockProcessor", "footnotes"),
    Upstream("abbr", 16, "markdown.extensions.abbr.AbbrBlockprocessor", "abbr"),
    Upstream("reference", 15, "markdown.blockprocessors.ReferenceProcessor", "reference"),
    Upstream("paragraph", 10, "markdown.blockprocessors.ParagraphProcessor", "paragraph"),
)
