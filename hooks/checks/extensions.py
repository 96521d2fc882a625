"""Which Markdown extensions the block scanner follows, and which it cannot.

Each entry below was decided by reading the extension's source: an extension that
registers a block processor or a preprocessor that moves, removes or adds lines changes
the blocks a page is made of; one that works only on inline text or on the finished
tree does not.
"""

from __future__ import annotations

from dataclasses import dataclass

from hooks.checks.blocks import Syntax

PREFIX = "markdown.extensions."
# Bundles stand for the extensions they load.
BUNDLES = {
    "extra": ("fenced_code", "footnotes", "attr_list", "def_list", "tables", "abbr", "md_in_html"),
    "pymdownx.extra": ("pymdownx.betterem", "pymdownx.superfences", "footnotes", "attr_list", "def_list",
                       "tables", "abbr", "md_in_html"),
}
# Followed by `hooks.checks.blocks` exactly as Python-Markdown applies them.
MODELLED = frozenset({
    "admonition", "pymdownx.details", "pymdownx.tabbed", "pymdownx.superfences", "pymdownx.quotes",
    "tables", "sane_lists", "footnotes", "def_list", "abbr",
    # Without a `markdown` attribute an HTML block stays raw, as the scanner reads it; KB003
    # reports each block that has the attribute, since the checks do not read inside it.
    "md_in_html",
})
# Inline or tree-only: they never change which lines form which block.
BLOCKS_UNCHANGED = frozenset({
    "attr_list", "codehilite", "legacy_attrs", "legacy_em", "nl2br", "smarty", "toc", "wikilinks",
    "pymdownx.b64", "pymdownx.betterem", "pymdownx.caret", "pymdownx.emoji", "pymdownx.escapeall",
    "pymdownx.highlight", "pymdownx.inlinehilite", "pymdownx.keys", "pymdownx.magiclink", "pymdownx.mark",
    "pymdownx.pathconverter", "pymdownx.progressbar", "pymdownx.smartsymbols", "pymdownx.striphtml",
    "pymdownx.tasklist", "pymdownx.tilde",
})
STRUCTURE_RULES = "KB101-KB106"
ALL_RULES = "every rule"
# What each known extension does to blocks that the scanner does not follow, and which checks that misleads.
UNMODELLED = {
    "fenced_code": ("reads fences by its own rules, not superfences'", ALL_RULES),
    "meta": ("removes `Key: value` lines at the top of the page", STRUCTURE_RULES),
    "pymdownx.fancylists": ("adds lettered, roman and `1)` lists", STRUCTURE_RULES),
    "pymdownx.saneheaders": ("changes which `#` lines are headings", STRUCTURE_RULES),
    "pymdownx.arithmatex": ("adds `$$` math blocks", ALL_RULES),
    "pymdownx.critic": ("adds and removes text with `{++ ++}` marks before parsing", ALL_RULES),
    "pymdownx.snippets": ("inserts other files' text into the page", ALL_RULES),
}
BLOCKS_PREFIX = "pymdownx.blocks."


@dataclass(frozen=True)
class Unmodelled:
    """An extension in mkdocs.yml that can change blocks in a way the checks do not follow."""

    name: str  # as written in mkdocs.yml
    key: str  # the extension itself, by normalized name
    effect: str
    rules: str


def normalized(name: str) -> str:
    """`markdown.extensions.footnotes` and `footnotes` are one extension."""
    return name.removeprefix(PREFIX)


def effective(names) -> frozenset[str]:
    """The extensions that load, by normalized name, with bundles expanded."""
    found = set()
    for name in map(normalized, names):
        found.add(name)
        found.update(BUNDLES.get(name, ()))
    return frozenset(found)


def syntax_of(names) -> Syntax:
    """The optional block syntax that these extensions turn on."""
    loaded = effective(names)
    return Syntax(sane_lists=bool({"sane_lists", "pymdownx.fancylists"} & loaded),
                  footnotes="footnotes" in loaded, def_list="def_list" in loaded, abbr="abbr" in loaded,
                  md_in_html="md_in_html" in loaded)


def unmodelled(name: str) -> list[Unmodelled]:
    """What the checks cannot follow in one `markdown_extensions` entry (a bundle may hold several)."""
    key = normalized(name)
    if key in BUNDLES:
        return [Unmodelled(f"{name} ({part})", part, *UNMODELLED[part]) for part in BUNDLES[key] if part in UNMODELLED]
    if key in MODELLED or key in BLOCKS_UNCHANGED:
        return []
    if key in UNMODELLED:
        return [Unmodelled(name, key, *UNMODELLED[key])]
    if key.startswith(BLOCKS_PREFIX):
        return [Unmodelled(name, key, "adds `///` blocks", STRUCTURE_RULES)]
    return [Unmodelled(name, key, "is not known to the checks and may add block syntax", STRUCTURE_RULES)]
