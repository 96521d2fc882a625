"""pymdownx.superfences: fences are stashed before the block stage (its preprocessor), and its
`SuperFencesCodeBlockProcessor` takes indented code, putting back the fences inside it."""

from __future__ import annotations

import re

from hooks.checks.blocks.lines import detab
from hooks.checks.blocks.nodes import INDENT, PLACEHOLDER, Line, Node

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


class CodeBlockProcessor:
    """superfences' code block processor: an indented block is code, its fences shown as written."""

    name = "code"

    def test(self, parser, parent: Node, block: list[Line]) -> bool:
        return block[0].text.startswith(INDENT)

    def run(self, parser, parent: Node, blocks: list[list[Line]]) -> None:
        block = self.unstash_fences(parser.literal, blocks.pop(0))
        sibling = parent.last()
        code, rest = detab(block)
        node = sibling if sibling is not None and sibling.tag == "code" else parent.add("code", block[0])
        node.lines.extend(code)
        parser.literal.update(line.index for line in code)
        if rest:
            blocks.insert(0, rest)

    @staticmethod
    def unstash_fences(literal: set[int], block: list[Line]) -> list[Line]:
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
                literal.discard(original.index)
                out.append(original.cut(width))
        return out
