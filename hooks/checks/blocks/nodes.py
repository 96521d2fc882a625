"""The types the block scanner works on: a source line that remembers where it came from, the
parsed tree's nodes, and the parsed page."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

TAB = 4
INDENT = " " * TAB
# Stands for a block that Python-Markdown stashes before parsing (a fence, a comment).
PLACEHOLDER = "\x02"
LISTS = ("ol", "ul")
ITEMS = ("li",)
# def_list's indent processor also follows definitions; admonition, details and tabbed follow all three.
DEF_LISTS = ("dl", "ol", "ul")
DEF_ITEMS = ("dd", "li")


@dataclass(frozen=True)
class Syntax:
    """The block syntax that the site's optional Markdown extensions change."""

    sane_lists: bool = False  # a list keeps its start number; `1.` and `-` lists do not join
    footnotes: bool = False  # `[^id]:` definitions leave the flow for a list at the page's end
    def_list: bool = False  # `: definition` lines make `<dl>` lists
    abbr: bool = False  # `*[ABBR]: title` definitions leave the flow
    md_in_html: bool = False  # an HTML block with a `markdown` attribute has Markdown inside


@dataclass(slots=True)
class Line:
    """One source line as the block parser sees it at some depth."""

    index: int  # 0-based line of the file
    text: str  # tabs expanded, container prefixes (indent, `> `) removed
    col: int  # expanded column of the file's line where `text` starts
    kind: str = ""  # "fence", "comment" or "html" when the line stands for a stashed block
    stashed: tuple["Line", ...] = ()  # a fence's own lines, for when superfences puts them back

    def cut(self, count: int) -> "Line":
        """The line without its first `count` characters."""
        return Line(self.index, self.text[count:], self.col + count, self.kind, self.stashed)

    def blank(self) -> "Line":
        """The line emptied (Python-Markdown blanks whitespace-only lines)."""
        return Line(self.index, "", self.col + len(self.text), self.kind, self.stashed)


@dataclass(slots=True, eq=False)
class Node:
    """An element of the parsed page, with the source line it starts on."""

    tag: str  # root p ol ul li code h hr quote admonition details tabs tab table title
    first: Line | None = None
    children: list["Node"] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)  # paragraph text, code lines
    number: int | None = None  # li: the written number (None for a bullet or no marker)
    marker_col: int = 0  # li: expanded column of the marker
    indent: int = 0  # spaces before the block's first line, inside its container
    has_text: bool = False  # li: a tight item's own text (Python-Markdown's `li.text`)
    tail: list[Line] = field(default_factory=list)  # text that Python-Markdown keeps as a tail

    def last(self) -> "Node | None":
        """The last child, as Python-Markdown's `lastChild`."""
        return self.children[-1] if self.children else None

    def add(self, tag: str, first: Line | None = None, **attributes) -> "Node":
        """Append and return a new child."""
        child = Node(tag, first, **attributes)
        self.children.append(child)
        return child

    def walk(self):
        """This node and every node below it, in document order."""
        pending = [self]
        while pending:
            node = pending.pop()
            yield node
            pending.extend(reversed(node.children))


def text_to_paragraph(item: Node) -> None:
    """A tight item's text becomes its first paragraph once the item turns loose."""
    item.has_text = False
    item.children.insert(0, Node("p", item.first))


@dataclass(slots=True)
class Paragraph:
    """Running text: a `<p>`, or a tight list item's own text."""

    lines: list[Line]
    parent: Node


@dataclass
class Page:
    """The parsed page: its tree, its paragraphs and the lines that are code or comments."""

    root: Node
    paragraphs: list[Paragraph]
    literal: set[int]

    @cached_property
    def ordered_lists(self) -> list[tuple[Node, Node, int]]:
        """(list, its container, its place there) for every `<ol>`, in the order the page shows them."""
        found = [(child, parent, position) for parent in self.root.walk()
                 for position, child in enumerate(parent.children) if child.tag == "ol"]
        return sorted(found, key=lambda entry: (entry[0].first.index, entry[0].first.col))

    @cached_property
    def paragraphs_by_container(self) -> dict[Node, list[Paragraph]]:
        """The paragraphs of each container, in page order (made once: rules ask for every list item's)."""
        found: dict[Node, list[Paragraph]] = {}
        for paragraph in self.paragraphs:
            found.setdefault(paragraph.parent, []).append(paragraph)
        return found

    def paragraphs_of(self, node: Node) -> list[Paragraph]:
        """The paragraphs whose container is `node` itself."""
        return self.paragraphs_by_container.get(node, [])
