"""Split a page into blocks by Python-Markdown's own rules, keeping each block's source line.

Python-Markdown (the renderer behind MkDocs) keeps no source positions, and its rules
differ from CommonMark's: content belongs to a list item only when indented by 4 spaces,
a list needs a blank line before it, an admonition or fence at the margin ends a list.
This module replays the block stage of the site's configuration (admonition, details,
tabbed, superfences, pymdownx.quotes, tables, and when enabled sane_lists, footnotes,
def_list and abbr) on lines that remember where they came from, so a check can say what
the customer sees and where to fix it. `MODELLED` in `hooks.checks.extensions` names them.
Inline Markdown is not parsed: no check here needs it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

TAB = 4
INDENT = " " * TAB
# Stands for a block that Python-Markdown stashes before parsing (a fence, a comment).
PLACEHOLDER = "\x02"


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


def has_text(block: list[Line]) -> bool:
    """True when the block joined with newlines is not the empty string."""
    return len(block) > 1 or (len(block) == 1 and block[0].text != "")


def starts_with_letters(block: list[Line]) -> bool:
    """True when every line starts with a letter: then only the paragraph processor accepts the block.

    Every other processor needs more at the start of some line: an indent, an empty line, a
    marker (`1.` `-` `*` `+` `>` `:` `#` `!!!` `???` `===` `[^id]:` `*[ABBR]:` `[id]:`), a stashed
    block, or a table's or a heading's underline on the second line.
    """
    for line in block:
        if not line.text[:1].isalpha():
            return False
    return True


def split_blocks(lines: list[Line]) -> list[list[Line]]:
    """Split lines where Python-Markdown splits text: at each `\\n\\n`."""
    blocks, current, index, count = [], [], 0, len(lines)
    while index < count:
        current = [lines[index]]
        index += 1
        while index < count and not (lines[index].text == "" and index + 1 < count):
            current.append(lines[index])
            index += 1
        blocks.append(current)
        index += 1  # the separating empty line
    return blocks


def detab(block: list[Line], length: int = TAB) -> tuple[list[Line], list[Line]]:
    """Python-Markdown's `detab`: strip `length` spaces from the leading indented lines."""
    pad, kept = " " * length, []
    for line in block:
        if line.text.startswith(pad):
            kept.append(line.cut(length))
        elif not line.text.strip():
            kept.append(line.blank())
        else:
            break
    return kept, block[len(kept):]


def joined(block: list[Line]) -> str:
    """The block's text as Python-Markdown holds it: its lines joined with newlines."""
    return "\n".join(line.text for line in block)


def slice_lines(block: list[Line], start: int, end: int) -> list[Line]:
    """The lines of `joined(block)[start:end]`, each still knowing where it came from."""
    out, offset = [], 0
    for line in block:
        line_end = offset + len(line.text)
        if offset <= end and line_end >= start:
            cut, stop = max(start - offset, 0), min(end - offset, len(line.text))
            out.append(Line(line.index, line.text[cut:stop], line.col + cut, line.kind, line.stashed))
        offset = line_end + 1
    return out


def strip_empty(lines: list[Line], leading: bool = True, trailing: bool = True) -> list[Line]:
    """The lines without the empty ones at either end (Python-Markdown's `strip('\\n')`)."""
    first, last = 0, len(lines)
    while leading and first < last and lines[first].text == "":
        first += 1
    while trailing and last > first and lines[last - 1].text == "":
        last -= 1
    return lines[first:last]


def loose_detab(block: list[Line], level: int = 1) -> list[Line]:
    """Strip `level` tabs from the lines that have them, leaving the others."""
    pad = INDENT * level
    return [line.cut(len(pad)) if line.text.startswith(pad) else line for line in block]


def leading_spaces(text: str) -> int:
    """The number of spaces at the start of `text`."""
    return len(text) - len(text.lstrip(" "))


# ---------------------------------------------------------------- preprocessing

FENCE_START_RE = re.compile(
    r"""(?P<fence>~{3,}|`{3,})
    (?:[ \t]*\.?(?P<lang>[\w#.+-]+)(?=[\t ]|$))?
    (?:[ \t]*(\{(?P<attrs>[^\n]*)\})
      |(?P<options>(?:(?:[ \t]*[a-zA-Z][a-zA-Z0-9_]*(?:=(?P<quot>"|').*?(?P=quot))?)(?=[\t ]|$))+)
      |(?P<unrecognized>(?:([ \t]*[^\s]+)(?=[\t ]|$))+)
    )?[ \t]*$""",
    re.VERBOSE,
)
FENCE_OPTION_RE = re.compile(r"(?P<key>[a-zA-Z][a-zA-Z0-9_]*)(?:=(?P<quot>\"|')(?P<value>.*?)(?P=quot))?")
HL_LINES_RE = re.compile(r"^\d+(?:-\d+)?(?:[ \t]+\d+(?:-\d+)?)*$")
LINENUMS_RE = re.compile(r"\d+")
FENCE_PREFIX = " >"


def fence_header_ok(match: re.Match) -> bool:
    """superfences accepts the header: known options only, nothing unrecognized."""
    if match.group("unrecognized"):
        return False
    for option in FENCE_OPTION_RE.finditer(match.group("options") or ""):
        key, value = option.group("key"), option.group("value")
        if key in ("title", "title_mode") and value is not None:
            continue
        if key == "hl_lines" and value is not None and HL_LINES_RE.match(value):
            continue
        if key == "linenums" and value is not None and LINENUMS_RE.match(value):
            continue
        return False
    return True


def stash_fences(lines: list[Line], literal: set[int]) -> list[Line]:
    """Replace each fenced block by one placeholder line, as pymdownx.superfences does first.

    A fence may open at any indentation or quote depth; its content must stay at least as
    indented, and it closes on the same fence at the same indentation. An unclosed
    fence is not a fence: its lines stay Markdown.
    """
    out: list[Line] = []
    index, count = 0, len(lines)
    while index < count:
        line = lines[index]
        text = line.text
        if "```" not in text and "~~~" not in text:  # most lines: no fence can open here
            out.append(line)
            index += 1
            continue
        stripped = text.lstrip(FENCE_PREFIX)
        opened = stripped[:3] in ("```", "~~~") and FENCE_START_RE.match(text, len(text) - len(stripped))
        if not opened or not fence_header_ok(opened):
            out.append(line)
            index += 1
            continue
        ws_len = len(text) - len(stripped)
        end, closed = fence_end(lines, index, text[:ws_len], opened.group("fence"))
        if not closed:
            # superfences drops the fence and looks for the next one after the line that broke it.
            out.extend(lines[index:end + 1])
            index = end + 1
            continue
        literal.update(lines[i].index for i in range(index, end + 1))
        out.append(Line(line.index, text[:ws_len] + PLACEHOLDER, line.col, "fence", tuple(lines[index:end + 1])))
        index = end + 1
    return out


def fence_end(lines: list[Line], start: int, ws: str, fence: str) -> tuple[int, bool]:
    """(index, True) of the line that closes the fence opened at `start`, or (index, False)
    of the line that breaks it; a fence never closed runs to the end and is dropped."""
    quote_level = ws.count(">")
    closing = re.compile(re.escape(fence) + r"[ \t]*$")
    empty_lines = 0
    for index in range(start + 1, len(lines)):
        text = lines[index].text
        taken = 0
        while taken < len(ws) and taken < len(text) and text[taken] in FENCE_PREFIX:
            taken += 1
        prefix, content = text[:taken], text[taken:]
        level = prefix.count(">")
        if quote_level:
            if level != quote_level:
                return index, False
            if content == "":
                empty_lines += 1
                continue
            if len(prefix) < len(ws) or (empty_lines and level < quote_level):
                return index, False
        elif level:
            return index, False
        elif not text.strip():
            continue
        elif len(prefix) != len(ws) and content != "":
            return index, False
        if closing.match(content) and not content.startswith((" ", "\t")):
            return index, True
        empty_lines = 0
    return len(lines) - 1, False


COMMENT_START_RE = re.compile(r"^ {0,3}<!--")
BLOCK_TAGS = frozenset(
    "address article aside blockquote center del details dialog dir div dl fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hgroup hr iframe ins main menu nav noscript ol p pre script "
    "section style summary table ul video audio canvas math".split()
)
HTML_START_RE = re.compile(r"^ {0,3}<([A-Za-z][A-Za-z0-9]*)(?=[\s/>]|$)")


def stash_html(lines: list[Line], literal: set[int]) -> list[Line]:
    """Replace comments and raw HTML blocks that open a line, as Python-Markdown's HTML stash does.

    Such a block stands alone: the stash puts a blank line before and after it, so a
    comment at the margin between two steps ends the list. A comment that opens after
    text on its line stays inline, and its lines are hidden unless a blank line splits it.
    """
    lines = list(lines)
    out: list[Line] = []
    index, count, at_start = 0, len(lines), True
    while index < count:
        line = lines[index]
        if "<" not in line.text:  # most lines: neither a block nor a comment opens here
            out.append(line)
            index, at_start = index + 1, True
            continue
        span = html_block_end(lines, index) if at_start and not line.kind else None
        if span is not None:
            end, after, kind = span
            spaces = leading_spaces(line.text)
            if kind == "comment" and end > index:
                literal.update(lines[i].index for i in range(index, end + 1))
            if not spaces and out and out[-1].text:
                out.append(out[-1].blank())
            out.append(Line(line.index, line.text[:spaces] + PLACEHOLDER, line.col, kind))
            out.append(Line(lines[end].index, "", 0))
            rest = lines[end].cut(after)
            lines[end] = rest if rest.text.strip() else rest.blank()
            index, at_start = end, False
            continue
        last = skip_inline_comments(lines, index, literal) if not line.kind else index
        out.extend(lines[index:last + 1])
        index, at_start = last + 1, True
    return out


def skip_inline_comments(lines: list[Line], index: int, literal: set[int]) -> int:
    """The last line reached by the comments that open after text on line `index`."""
    column = 0
    while (opened := lines[index].text.find("<!--", column)) >= 0:
        close = comment_close(lines, index, opened + 4)
        if close is None:
            column = opened + 4
            continue
        end, column = close
        inside = range(index + 1, end)
        if all(lines[i].text for i in inside):
            literal.update(lines[i].index for i in inside)
        index = end
    return index


def comment_close(lines: list[Line], index: int, column: int) -> tuple[int, int] | None:
    """(line, column after `-->`) of the end of a comment whose text starts at `column` of line `index`."""
    for current in range(index, len(lines)):
        if lines[current].kind:
            continue
        close = lines[current].text.find("-->", column if current == index else 0)
        if close >= 0:
            return current, close + 3
    return None


def html_block_end(lines: list[Line], start: int) -> tuple[int, int, str] | None:
    """(last line, column after the block on it, kind) of a stashed HTML block opening at `start`."""
    text = lines[start].text
    if "<" not in text[:4]:
        return None
    if COMMENT_START_RE.match(text):
        close = comment_close(lines, start, text.index("<!--") + 4)
        return None if close is None else (*close, "comment")
    opened = HTML_START_RE.match(text)
    if not opened or opened.group(1).lower() not in BLOCK_TAGS:
        return None
    tag = opened.group(1).lower()
    tags = re.compile(r"<(/?)%s(?=[\s/>])" % tag, re.IGNORECASE)
    depth = 0
    for index in range(start, len(lines)):
        for match in tags.finditer(lines[index].text):
            depth += -1 if match.group(1) else 1
            if depth == 0:
                close = lines[index].text.find(">", match.end())
                return index, (close + 1 if close >= 0 else len(lines[index].text)), "html"
    return len(lines) - 1, len(lines[-1].text), "html"


# ---------------------------------------------------------------- block parser

ADMONITION_RE = re.compile(r'^!!! ?([\w\-]+(?: +[\w\-]+)*)(?: +"(.*?)")? *$')
DETAILS_RE = re.compile(r'^\?{3}(\+)? ?(?:([\w\-]+(?: +[\w\-]+)*?)?(?: +"(.*?)")|([\w\-]+(?: +[\w\-]+)*?)) *$')
TABBED_RE = re.compile(r'^={3}(\+|\+!|!\+|!)? +"(.*?)" *$')
HASH_HEADER_RE = re.compile(r"^#{1,6}(?:\\.|[^\\#]|#+(?=[^#]))*?#*$")
SETEXT_UNDERLINE_RE = re.compile(r"^(?:=+|-+)[ ]*$")
HR_CHARS = ("-", "_", "*")
HR_RE = re.compile(
    r"^[ ]{0,3}(?=(?P<atomicgroup>(-+[ ]{0,2}){3,}|(_+[ ]{0,2}){3,}|(\*+[ ]{0,2}){3,}))(?P=atomicgroup)[ ]*$"
)
OL_START_RE = re.compile(r"^[ ]{0,3}\d+\.[ ]+")
UL_START_RE = re.compile(r"^[ ]{0,3}[*+-][ ]+")
ANY_CHILD_RE = re.compile(r"^[ ]{0,3}((\d+\.)|[*+-])[ ]+(.*)")
OL_CHILD_RE = re.compile(r"^[ ]{0,3}((\d+\.))[ ]+(.*)")
UL_CHILD_RE = re.compile(r"^[ ]{0,3}(([*+-]))[ ]+(.*)")
NESTED_ITEM_RE = re.compile(r"^[ ]{4,7}((\d+\.)|[*+-])[ ]+.*")
QUOTE_RE = re.compile(r"^[ ]{0,3}>[ ]?(.*)")
CALLOUT_RE = re.compile(r"^[ ]{0,3}> *\[!([\w-]+(?: *\| *[\w-]+)*)]([-+])?(.*?)$")
# A link reference may put its URL and its title on the next line (matched on the joined block).
REFERENCE_RE = re.compile(
    r"""^[ ]{0,3}\[([^\[\]]*)\]:[ ]*(?:\n[ ]*)?([^\s]+)[ ]*(?:\n[ ]*)?((["'])(.*)\4[ ]*|\((.*)\)[ ]*)?$""",
    re.MULTILINE)
# footnotes, abbr and def_list match these on the block's joined text, as the extensions do.
FOOTNOTE_RE = re.compile(r"^[ ]{0,3}\[\^([^\]]*)\]:[ ]*(.*)$", re.MULTILINE)
ABBR_RE = re.compile(r"^[*]\[(?P<abbr>[^\\]*?)\][ ]?:[ ]*\n?[ ]*(?P<title>.*)$", re.MULTILINE)
DEFINITION_RE = re.compile(r"^[ ]{0,3}:[ ]{1,3}(.*)$")
DEFINITION_NO_INDENT_RE = re.compile(r"^[ ]{0,3}[^ :]")
TABLE_SEPARATOR_CHARS = set("|:- ")
LISTS = ("ol", "ul")
ITEMS = ("li",)
# def_list's indent processor also follows definitions; admonition, details and tabbed follow all three.
DEF_LISTS = ("dl", "ol", "ul")
DEF_ITEMS = ("dd", "li")
MAX_DEPTH = 100
CONTAINER_STARTS = {"!!!": ADMONITION_RE, "???": DETAILS_RE, "===": TABBED_RE}


class BlockParser:
    """Python-Markdown's block parser for the site's extensions, on `Line`s instead of strings."""

    def __init__(self, syntax: Syntax, literal: set[int]):
        self.state: list[str] = []
        self.depth = 0
        self.paragraphs: list[Paragraph] = []
        self.literal = literal
        self.pending: tuple[Node, list[Line], list[Line]] | None = None
        # footnotes: each definition's lines by its id, in the order the page lists them.
        self.footnotes: dict[str, list[Line]] = {}
        sane_lists = syntax.sane_lists
        self.ol_child = OL_CHILD_RE if sane_lists else ANY_CHILD_RE
        self.ul_child = UL_CHILD_RE if sane_lists else ANY_CHILD_RE
        self.ol_siblings = ("ol",) if sane_lists else LISTS
        self.ul_siblings = ("ul",) if sane_lists else LISTS
        # Plain functions, called with the parser: bound methods kept on the parser would make
        # it a reference cycle, and every page's tree would wait for the garbage collector.
        self.processors = processors(syntax)

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
                self.run_paragraph(parent, blocks)
                continue
            for test, run in processors:
                if test(self, parent, block) and run(self, parent, blocks) is not False:
                    break
        self.depth -= 1

    # -- admonition, details, tabbed (priority 105)

    def container_start(self, block: list[Line]) -> tuple[int, str, re.Match] | None:
        """The first line that opens an admonition, a details block or a tab."""
        for index, line in enumerate(block):
            pattern = CONTAINER_STARTS.get(line.text[:3])
            if pattern is not None and (match := pattern.match(line.text)):
                return index, line.text[:3], match
        return None

    def test_container(self, parent: Node, block: list[Line]) -> bool:
        if self.container_start(block):
            return True
        self.pending = self.container_content(parent, block)
        return self.pending is not None

    def container_content(self, parent: Node, block: list[Line]):
        """Where an indented block continues the container just before it, as the extensions decide."""
        sibling = parent.last()
        if sibling is None or sibling.tag not in ("admonition", "details", "tabs"):
            return None
        spaces, shift = leading_spaces(block[0].text), 0
        last = sibling.last()
        if sibling.tag == "tabs":
            last = sibling.last()  # the last tab
        while last is not None:
            if spaces - shift >= 2 * TAB and (last.tag in DEF_LISTS or last.tag == "tab"):
                if last.tag == "tab":
                    inner = last.last()
                    if inner is None or inner.tag not in DEF_LISTS:
                        break
                    last = inner
                sibling = last.last()
                last = sibling.last() if sibling is not None else None
                shift += TAB
            else:
                last = None
        if spaces - shift < TAB or sibling is None:
            return None
        content, rest = detab(block, shift + TAB)
        return sibling, content, rest

    def run_container(self, parent: Node, blocks: list[list[Line]]):
        block = blocks.pop(0)
        start = self.container_start(block)
        if start is None:
            sibling, content, rest = self.pending
            self.pending = None
            if sibling.tag == "li" and sibling.has_text:
                self.text_to_paragraph(sibling)
            target = sibling.last() if sibling.tag == "tabs" else sibling
            self.parse_chunk(target, content)
        else:
            index, kind, match = start
            if has_text(block[:index]):
                self.parse_blocks(parent, [block[:index]])
            content, rest = detab(block[index + 1:])
            target = self.open_container(parent, kind, match, block[index])
            self.parse_chunk(target, content)
        if rest:
            blocks.insert(0, rest)

    def open_container(self, parent: Node, kind: str, match: re.Match, line: Line) -> Node:
        """The node that a `!!!`, `???` or `===` line opens."""
        if kind == "===":
            sibling = parent.last()
            if sibling is None or sibling.tag != "tabs" or "!" in (match.group(1) or ""):
                sibling = parent.add("tabs", line)
            return sibling.add("tab", line)
        node = parent.add("admonition" if kind == "!!!" else "details", line)
        title = match.group(2) if kind == "!!!" else "summary"
        if title != "":
            node.add("title", line)
        return node

    # -- empty, list indent, code, table, headers, hr (priorities 100 to 50)

    def test_empty(self, parent: Node, block: list[Line]) -> bool:
        return block[0].text == ""

    def run_empty(self, parent: Node, blocks: list[list[Line]]) -> None:
        rest = blocks.pop(0)[1:]
        if has_text(rest):
            blocks.insert(0, rest)

    def test_list_indent(self, parent: Node, block: list[Line]) -> bool:
        return self.indented_under_item(parent, block, ITEMS, LISTS)

    def run_list_indent(self, parent: Node, blocks: list[list[Line]]) -> None:
        self.run_indented(parent, blocks, ITEMS, LISTS, "li")

    def test_definition_indent(self, parent: Node, block: list[Line]) -> bool:
        return self.indented_under_item(parent, block, DEF_ITEMS, DEF_LISTS)

    def run_definition_indent(self, parent: Node, blocks: list[list[Line]]) -> None:
        self.run_indented(parent, blocks, DEF_ITEMS, DEF_LISTS, "dd")

    def indented_under_item(self, parent: Node, block: list[Line], items: tuple, lists: tuple) -> bool:
        """Python-Markdown's `ListIndentProcessor.test` for the given item and list tags."""
        return (block[0].text.startswith(INDENT) and not self.in_state("detabbed")
                and (parent.tag in items or (parent.last() is not None and parent.last().tag in lists)))

    def run_indented(self, parent: Node, blocks: list[list[Line]], items: tuple, lists: tuple, new_item: str) -> None:
        """Python-Markdown's `ListIndentProcessor.run`: an indented block joins the item it is under."""
        block = blocks.pop(0)
        indent_level = leading_spaces(block[0].text) // TAB
        level = 1 if self.in_state("list") else 0
        sibling = parent
        while indent_level > level:
            child = sibling.last()
            if child is not None and (child.tag in lists or child.tag in items):
                if child.tag in lists:
                    level += 1
                sibling = child
            else:
                break
        block = loose_detab(block, level)
        self.state.append("detabbed")
        if parent.tag in items:
            last = parent.last()
            self.parse_blocks(last if last is not None and last.tag in lists else parent, [block])
        elif sibling.tag in items:
            self.parse_blocks(sibling, [block])
        elif sibling.last() is not None and sibling.last().tag in items:
            item = sibling.last()
            if item.has_text:
                self.text_to_paragraph(item)
            self.parse_chunk(item, block)
        else:
            self.parse_blocks(sibling.add(new_item, block[0]), [block])
        self.state.pop()

    def test_code(self, parent: Node, block: list[Line]) -> bool:
        return block[0].text.startswith(INDENT)

    def run_code(self, parent: Node, blocks: list[list[Line]]) -> None:
        block = self.unstash_fences(blocks.pop(0))
        sibling = parent.last()
        code, rest = detab(block)
        node = sibling if sibling is not None and sibling.tag == "code" else parent.add("code", block[0])
        node.lines.extend(code)
        self.literal.update(line.index for line in code)
        if rest:
            blocks.insert(0, rest)

    def unstash_fences(self, block: list[Line]) -> list[Line]:
        """superfences puts back, as plain lines, every fence in a block that opens as indented code."""
        if not any(line.kind == "fence" for line in block):
            return block
        out = []
        for line in block:
            if line.kind != "fence" or line.text.strip("> ") != PLACEHOLDER:
                out.append(line)
                continue
            opening = line.stashed[0].text
            width = len(opening) - len(opening.lstrip(FENCE_PREFIX)) - (len(line.text) - 1)
            stashed = list(line.stashed)
            if len(stashed) == 2:
                # superfences keeps an empty fence's source with one empty line inside.
                stashed.insert(1, stashed[0].blank())
            for original in stashed:
                self.literal.discard(original.index)
                out.append(original.cut(width))
        return out

    def test_table(self, parent: Node, block: list[Line]) -> bool:
        if len(block) < 2 or not set(block[1].text) <= TABLE_SEPARATOR_CHARS:
            return False
        head, separator = block[0].text.strip(" "), block[1].text.strip(" ")
        cells = split_row(head)
        bordered = head.startswith("|") or head.endswith("|")
        if len(cells) < 2 and not (len(cells) == 1 and bordered and all(
                line.text.strip(" ").startswith("|") or line.text.strip(" ").endswith("|") for line in block[1:])):
            return False
        row = split_row(separator)
        return len(row) == len(cells) and set("".join(row)) <= TABLE_SEPARATOR_CHARS

    def run_table(self, parent: Node, blocks: list[list[Line]]) -> None:
        block = blocks.pop(0)
        parent.add("table", block[0], lines=block)

    def test_hash_header(self, parent: Node, block: list[Line]) -> bool:
        return any(line.text[:1] == "#" and HASH_HEADER_RE.match(line.text) for line in block)

    def run_hash_header(self, parent: Node, blocks: list[list[Line]]) -> None:
        block = blocks.pop(0)
        index = next(i for i, line in enumerate(block) if line.text[:1] == "#" and HASH_HEADER_RE.match(line.text))
        if has_text(block[:index]):
            self.parse_blocks(parent, [block[:index]])
        parent.add("h", block[index])
        after = block[index + 1:]
        if has_text(after):
            blocks.insert(0, loose_detab(after) if self.in_state("looselist") else after)

    def test_setext(self, parent: Node, block: list[Line]) -> bool:
        return len(block) > 1 and bool(SETEXT_UNDERLINE_RE.match(block[1].text))

    def run_setext(self, parent: Node, blocks: list[list[Line]]) -> None:
        block = blocks.pop(0)
        parent.add("h", block[0])
        if len(block) > 2:
            blocks.insert(0, block[2:])

    def test_hr(self, parent: Node, block: list[Line]) -> bool:
        # HR_RE allows at most 3 spaces before the rule, so the first 4 characters decide.
        return any(line.text[:4].lstrip(" ")[:1] in HR_CHARS and HR_RE.match(line.text) for line in block)

    def run_hr(self, parent: Node, blocks: list[list[Line]]) -> None:
        block = blocks.pop(0)
        index = next(i for i, line in enumerate(block) if HR_RE.match(line.text))
        before = block[:index]
        while before and before[-1].text == "":
            before.pop()
        if before:
            self.parse_blocks(parent, [before])
        parent.add("hr", block[index])
        after = block[index + 1:]
        while after and after[0].text == "":
            after.pop(0)
        if after:
            blocks.insert(0, after)

    # -- lists (priorities 40 and 30)

    def test_olist(self, parent: Node, block: list[Line]) -> bool:
        return bool(OL_START_RE.match(block[0].text))

    def test_ulist(self, parent: Node, block: list[Line]) -> bool:
        return bool(UL_START_RE.match(block[0].text))

    def run_olist(self, parent: Node, blocks: list[list[Line]]) -> None:
        self.run_list(parent, blocks, "ol", self.ol_child, self.ol_siblings)

    def run_ulist(self, parent: Node, blocks: list[list[Line]]) -> None:
        self.run_list(parent, blocks, "ul", self.ul_child, self.ul_siblings)

    def list_items(self, block: list[Line], child_re: re.Pattern) -> list[tuple[Node | None, list[Line]]]:
        """Python-Markdown's `get_items`: (a new item, or None for nested lines, and its lines)."""
        items: list[tuple[Node | None, list[Line]]] = []
        for line in block:
            match = child_re.match(line.text)
            if match:
                marker = match.group(1)
                item = Node("li", line, number=int(marker[:-1]) if marker[0].isdigit() else None,
                            marker_col=line.col + match.start(1), indent=match.start(1))
                items.append((item, [line.cut(match.start(3))]))
            elif NESTED_ITEM_RE.match(line.text):
                if items[-1][1][0].text.startswith(INDENT):
                    items[-1][1].append(line)
                else:
                    items.append((None, [line]))
            else:
                items[-1][1].append(line)
        return items

    def run_list(self, parent: Node, blocks: list[list[Line]], tag: str, child_re, siblings) -> None:
        block = blocks.pop(0)
        items = self.list_items(block, child_re)
        sibling = parent.last()
        if sibling is not None and sibling.tag in siblings:
            lst = sibling
            last_item = lst.last()
            if last_item.has_text:
                self.text_to_paragraph(last_item)
            inner = last_item.last()
            if inner is not None and inner.tail:
                last_item.children.append(Node("p", inner.tail[0], lines=inner.tail))
                inner.tail = []
            item, lines = items.pop(0)
            lst.children.append(item)
            self.state.append("looselist")
            self.parse_blocks(item, [lines])
            self.state.pop()
        elif parent.tag in LISTS:
            lst = parent
        else:
            lst = parent.add(tag, block[0], indent=leading_spaces(block[0].text))
            lst.number = items[0][0].number
        self.state.append("list")
        for item, lines in items:
            if item is None:
                self.parse_blocks(lst.children[-1], [lines])
            else:
                lst.children.append(item)
                self.parse_blocks(item, [lines])
        self.state.pop()

    def text_to_paragraph(self, item: Node) -> None:
        """A tight item's text becomes its first paragraph once the item turns loose."""
        item.has_text = False
        item.children.insert(0, Node("p", item.first))

    # -- definition lists (def_list, priority 25)

    def test_definition(self, parent: Node, block: list[Line]) -> bool:
        return any(":" in line.text[:4] and DEFINITION_RE.match(line.text) for line in block)

    def run_definition(self, parent: Node, blocks: list[list[Line]]):
        """def_list's `DefListProcessor`: terms, then a `: definition` and its indented lines."""
        raw = blocks[0]
        index = next(i for i, line in enumerate(raw) if DEFINITION_RE.match(line.text))
        terms = [line for line in raw[:index] if line.text.strip()]
        first = raw[index].cut(DEFINITION_RE.match(raw[index].text).start(1))
        after = raw[index + 1:]
        if after and DEFINITION_NO_INDENT_RE.match(after[0].text):
            content, rest = after, []
        else:
            content, rest = detab(after)
        content = [first, *content] if has_text(content) else [first]
        sibling = parent.last()
        if not terms and sibling is None:
            return False  # a paragraph that opens with a colon
        blocks.pop(0)
        state = "list"
        if not terms and (sibling.tag == "p" or (sibling.tag == "title" and parent.tag == "admonition")):
            # The paragraph above (even an admonition's title, a `<p>` too) holds the terms.
            state, terms = "looselist", sibling.lines or [sibling.first]
            parent.children.pop()
            self.paragraphs = [p for p in self.paragraphs if p.lines is not sibling.lines]
            sibling = parent.last()
        if sibling is not None and sibling.tag == "dl":
            dl = sibling
            if not terms and dl.children and dl.children[-1].tag == "dd" and dl.children[-1].children:
                state = "looselist"
        else:
            dl = parent.add("dl", (terms or raw)[0], indent=leading_spaces((terms or raw)[0].text))
        for term in terms:
            dl.add("dt", term)
        self.state.append(state)
        self.parse_blocks(dl.add("dd", raw[index]), [content])
        self.state.pop()
        if has_text(rest):
            blocks.insert(0, rest)
        return True

    # -- blockquote, footnotes, abbreviations, references, paragraphs (priorities 20 to 10)

    def test_quote(self, parent: Node, block: list[Line]) -> bool:
        return any(">" in line.text[:4] and QUOTE_RE.match(line.text) for line in block)

    def run_quote(self, parent: Node, blocks: list[list[Line]]) -> None:
        block = blocks.pop(0)
        index = next(i for i, line in enumerate(block) if QUOTE_RE.match(line.text))
        self.parse_blocks(parent, [block[:index]])
        lines = list(block[index:])
        for position, line in enumerate(lines):
            if line.text and line.text.strip() != ">":
                if CALLOUT_RE.match(line.text):
                    # The alert's title becomes a paragraph of its own.
                    lines[position] = line.blank()
                    lines.insert(position, Line(line.index, "\x02", line.col, "title"))
                break
        quote = parent.add("quote", block[index], indent=leading_spaces(block[index].text))
        self.state.append("blockquote")
        self.parse_chunk(quote, [clean_quote(line) for line in lines])
        self.state.pop()

    def run_footnote(self, parent: Node, blocks: list[list[Line]]):
        """footnotes' `FootnoteBlockProcessor`: a definition and the lines it takes leave the flow."""
        found = take_match(blocks, "[^", FOOTNOTE_RE)
        if found is None:
            return False
        block, text, match = found
        preceding = slice_lines(block, 0, match.start())
        # Definitions on consecutive lines are one line each.
        for following in FOOTNOTE_RE.finditer(text, match.end()):
            if text[match.end():following.start()].strip("\n"):
                break
            self.footnotes[match.group(1)] = [self.footnote_line(block, match)]
            match = following
        rest_start = len(text) - len(text[match.end():].lstrip("\n"))
        therest = slice_lines(block, rest_start, len(text)) if rest_start < len(text) else []
        own = slice_lines(block, match.start(2), match.end(2))[0]
        following = FOOTNOTE_RE.search(joined(therest))
        if following:
            # Another definition later in this block ends this one; it is parsed next.
            before = strip_empty(slice_lines(therest, 0, following.start()), leading=False)
            parts = [strip_empty([own, *loose_detab(before)], trailing=False)]
            blocks.insert(0, slice_lines(therest, following.start(), len(joined(therest))))
        else:
            parts = [strip_empty([own, *loose_detab(therest)]), *self.indented_footnote_blocks(blocks)]
        lines: list[Line] = []
        for part in parts:  # joined with blank lines, as the extension joins them with "\n\n"
            if lines:
                lines.append(Line(lines[-1].index, "", 0))
            lines.extend(part)
        lines = strip_empty(lines, leading=False)
        if lines:
            last = lines[-1]
            lines[-1] = Line(last.index, last.text.rstrip(), last.col, last.kind, last.stashed)
        self.footnotes[match.group(1)] = lines
        if any(line.text.strip() for line in preceding):
            blocks.insert(0, strip_empty(preceding, leading=False))
        return True

    @staticmethod
    def footnote_line(block: list[Line], match: re.Match) -> Line:
        """The definition's own text, after `[^id]:`, with trailing spaces removed."""
        line = slice_lines(block, match.start(2), match.end(2))[0]
        return Line(line.index, line.text.rstrip(), line.col, line.kind, line.stashed)

    def indented_footnote_blocks(self, blocks: list[list[Line]]) -> list[list[Line]]:
        """footnotes' `detectTabbed`: the following blocks indented 4 spaces belong to the footnote."""
        parts = []
        while blocks and blocks[0] and blocks[0][0].text.startswith(INDENT):
            block = blocks.pop(0)
            text = joined(block)
            inner = FOOTNOTE_RE.search(text)
            if inner:
                parts.append(loose_detab(strip_empty(slice_lines(block, 0, inner.start()), leading=False)))
                blocks.insert(0, slice_lines(block, inner.start(), len(text)))
                break
            parts.append(loose_detab(block))
        return parts

    def run_abbr(self, parent: Node, blocks: list[list[Line]]):
        """abbr's `AbbrBlockprocessor`: an `*[ABBR]: title` definition leaves the flow."""
        found = take_match(blocks, "*[", ABBR_RE, lambda m: m.group("abbr").strip() and m.group("title").strip())
        if found is None:
            return False
        block, text, match = found
        requeue_around(blocks, block, text, match.start(), match.end())
        return True

    def parse_footnotes(self, root: Node) -> None:
        """footnotes' tree stage: each definition parsed at the end of the page, in its own item."""
        if not self.footnotes:
            return
        holder = root.add("footnotes")
        for key in list(self.footnotes):
            lines = self.footnotes[key]  # read now: an earlier footnote may have redefined it
            self.parse_chunk(holder.add("footnote", lines[0] if lines else None), lines)

    def run_reference(self, parent: Node, blocks: list[list[Line]]):
        """Python-Markdown's `ReferenceProcessor`: link definitions leave the flow."""
        found = take_match(blocks, "]:", REFERENCE_RE)
        if found is None:
            return False
        block, text, match = found
        start = end = match.start()
        # Definitions on the following lines go in this pass; one after the first that spans lines does not.
        for match in REFERENCE_RE.finditer(text, start):
            if match.start() > start and (text[end:match.start()].strip("\n") or "\n" in match.group()):
                break
            end = match.end()
        requeue_around(blocks, block, text, start, end)
        return True

    def run_paragraph(self, parent: Node, blocks: list[list[Line]]) -> None:
        block = blocks.pop(0)
        if not any(line.text.strip() for line in block):
            return
        if self.in_state("list"):
            sibling = parent.last()
            if sibling is not None:
                sibling.tail.extend(block)
            else:
                parent.has_text = True
        else:
            parent.add("p", block[0], lines=block, indent=leading_spaces(block[0].text))
        self.paragraphs.append(Paragraph(block, parent))


def always(parser: BlockParser, parent: Node, block: list[Line]) -> bool:
    """The test of a processor that decides in its run whether it takes the block."""
    return True


@lru_cache(maxsize=None)
def processors(syntax: Syntax) -> tuple:
    """(test, run) of each block processor the syntax turns on, in Python-Markdown's order of priority;
    the optional ones where their extension registers them."""
    P = BlockParser
    return tuple(processor for processor, enabled in (
        ((P.test_container, P.run_container), True),  # 105
        ((P.test_empty, P.run_empty), True),  # 100
        ((P.test_list_indent, P.run_list_indent), True),  # 90
        ((P.test_definition_indent, P.run_definition_indent), syntax.def_list),  # 85
        ((P.test_code, P.run_code), True),  # 80
        ((P.test_table, P.run_table), True),  # 75
        ((P.test_hash_header, P.run_hash_header), True),  # 70
        ((P.test_setext, P.run_setext), True),  # 60
        ((P.test_hr, P.run_hr), True),  # 50
        ((P.test_olist, P.run_olist), True),  # 40
        ((P.test_ulist, P.run_ulist), True),  # 30
        ((P.test_definition, P.run_definition), syntax.def_list),  # 25
        ((P.test_quote, P.run_quote), True),  # 20
        ((always, P.run_footnote), syntax.footnotes),  # 17
        ((always, P.run_abbr), syntax.abbr),  # 16
        ((always, P.run_reference), True),  # 15
        ((always, P.run_paragraph), True),  # 10
    ) if enabled)


def take_match(blocks: list[list[Line]], hint: str, pattern: re.Pattern, accept=lambda match: True):
    """(block, its text, match) when `pattern` matches the first block's joined text, which is then taken.

    `hint` must appear on some line for the pattern to match: a cheap test before joining.
    """
    block = blocks[0]
    if not any(hint in line.text for line in block):
        return None
    text = joined(block)
    match = pattern.search(text)
    if match is None or not accept(match):
        return None
    blocks.pop(0)
    return block, text, match


def requeue_around(blocks: list[list[Line]], block: list[Line], text: str, start: int, end: int) -> None:
    """Put back, as blocks of their own, the text before `start` and after `end` of a taken block."""
    if text[end:].strip():
        blocks.insert(0, slice_lines(block, len(text) - len(text[end:].lstrip("\n")), len(text)))
    if text[:start].strip():
        blocks.insert(0, strip_empty(slice_lines(block, 0, start), leading=False))


def clean_quote(line: Line) -> Line:
    """The line without its `> ` (a lazy line stays as it is)."""
    if line.text.strip() == ">":
        return line.blank()
    match = QUOTE_RE.match(line.text)
    return line.cut(match.start(1)) if match else line


def split_row(row: str) -> list[str]:
    """The cells of a table row (pipes escaped with a backslash do not split)."""
    if row.startswith("|"):
        row = row[1:]
    if row.endswith("|") and not row.endswith("\\|"):
        row = row[:-1]
    return re.split(r"(?<!\\)\|", row)


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
    parser.parse_footnotes(root)
    return Page(root, parser.paragraphs, literal)
