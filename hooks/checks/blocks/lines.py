"""Small helpers on lists of `Line`s, each the counterpart of a string operation Python-Markdown's
block processors make on a block's text (split at blank lines, detab, slice, strip)."""

from __future__ import annotations

import re

from hooks.checks.blocks.nodes import INDENT, TAB, Line


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
