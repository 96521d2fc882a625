"""Python-Markdown's HTML stash (`HtmlBlockPreprocessor`): raw HTML blocks and comments that open a
line leave the flow before the block stage, each standing for one placeholder line."""

from __future__ import annotations

import re

from hooks.checks.blocks.lines import leading_spaces
from hooks.checks.blocks.nodes import PLACEHOLDER, Line

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
