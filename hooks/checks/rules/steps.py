"""KB101-KB104, KB106: the step numbers a customer sees are the numbers the writer typed.

Lists are found by `hooks.checks.blocks`, which follows Python-Markdown's rules (not
CommonMark's), so a list here is exactly one `<ol>` on the built page.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from hooks.checks.blocks import TAB, Line, Node, joined, leading_spaces
from hooks.checks.findings import Finding, rule
from hooks.checks.source import Document

PAREN_MARKER_RE = re.compile(r"^[ ]{0,3}\d+\)[ ]+")
LAZY_BULLET_RE = re.compile(r"^( {1,3})[*+-][ ]+")
DIGITS_RE = re.compile(r"\d+")
# A numbered line inside running text; four digits or more is a year ("2024. The server moved"), not a step.
RUN_ON_MARKER_RE = re.compile(r"^[ ]*(\d{1,3})\.[ ]+")
# What stands before a line's text in a quote: kept on the inserted blank line so the quote goes on.
QUOTE_PREFIX_RE = re.compile(r"^[ >]*")
LINE_BREAK_RE = re.compile(r"(\r\n|\r|\n)")
# Python-Markdown's code span: a run of backticks, text, the same run; it may cross lines.
CODE_SPAN_RE = re.compile(r"(?<!\\)(`+)(.+?)(?<!`)\1(?!`)", re.DOTALL)
# Markers that open the parent steps on the same line as a list's first item (`1. 1. Open`).
MARKERS_BEFORE_RE = re.compile(r"(?:(?:\d+\.|[*+-])[ ]+)+$")
MARKER_RE = re.compile(r"(?:\d+\.|[*+-])[ ]+")
SECTION_BREAKS = ("h",)
STASHED = ("comment", "html")
BLOCK_NAMES = {"p": "paragraph", "ul": "bullet list", "ol": "numbered list", "quote": "quote", "table": "table",
               "dl": "definition list"}


@dataclass
class StepList:
    """One `<ol>` on the built page: its node, its container and its place there."""

    node: Node
    parent: Node
    position: int

    @property
    def items(self) -> list[Node]:
        """The list's items, as the page shows them."""
        return [child for child in self.node.children if child.tag == "li"]

    @property
    def first_number(self) -> int:
        """The number written on the first item."""
        return self.items[0].number


def step_lists(doc: Document) -> list[StepList]:
    """Every ordered list on the page, in the order the page shows them, wherever they stand."""
    return [StepList(node, parent, position) for node, parent, position in doc.page.ordered_lists
            if node.first.index not in doc.literal_lines]


def finding(doc: Document, line, expanded_col: int, rule_id: str, message: str) -> Finding:
    """A finding at a line and an expanded column of the parsed page."""
    return Finding(line.index + 1, doc.source_col(line.index, expanded_col), rule_id, message)


def content_column(doc: Document, steps: StepList) -> int:
    """The file column where the list's items stand: its first marker's, or 4 past the step it opens on (`1. 1.`)."""
    first = steps.items[0].marker_col
    line = doc.markdown_lines[steps.items[0].first.index].expandtabs(TAB)
    opened_on = MARKERS_BEFORE_RE.search(line[:first])
    if opened_on is None:
        return first
    return opened_on.start() + TAB * len(MARKER_RE.findall(opened_on.group()))


def nested_too_little(doc: Document, steps: StepList) -> Finding | None:
    """An item indented 1 to 3 spaces deeper than the first, or a bullet: meant as a sub-list, shown as a step."""
    base = content_column(doc, steps)
    for position, item in enumerate(steps.items[1:], start=2):
        # Columns of the file, as the writer sees them: a lazy line may look deeper only in its container.
        if 0 < item.marker_col - base < TAB:
            what = "bullet" if item.number is None else f"`{item.number}.`"
            return finding(doc, item.first, item.marker_col, "KB103",
                           f"{what} indented {item.marker_col - base} spaces becomes step {position} of the "
                           f"outer list instead of a sub-list; indent it by 4 spaces")
        if item.number is None:
            return finding(doc, item.first, item.marker_col, "KB103",
                           f"bullet becomes step {position} of this numbered list; indent it by 4 spaces "
                           f"under the step it belongs to")
    return None


def lazy_bullets(doc: Document, steps: StepList) -> Finding | None:
    """A bullet indented 1 to 3 spaces inside a step's text: shown as a literal "- ", not a list."""
    for number, item in enumerate(steps.items, start=steps.first_number or 1):
        for paragraph in doc.page.paragraphs_of(item):
            for line in paragraph.lines[1:]:
                match = LAZY_BULLET_RE.match(line.text)
                if match and item.indent < len(match.group(1)) and not line.kind:
                    return finding(doc, line, line.col + len(match.group(1)), "KB103",
                                   f"bullet indented {len(match.group(1))} spaces under step {number} shows as "
                                   f"plain text, not a list; indent it by 4 spaces")
    return None


def fallen_out(doc: Document, steps: StepList) -> Finding | None:
    """The block right after the list, indented 1 to 3 spaces: meant for the last step, shown outside it."""
    following = steps.parent.children[steps.position + 1:steps.position + 2]
    if not following:
        return None
    block = following[0]
    if block.tag not in BLOCK_NAMES or block.indent <= steps.node.indent or block.first.kind in STASHED:
        return None
    what = "code fence" if block.first.kind == "fence" else BLOCK_NAMES[block.tag]
    last = steps.first_number + len(steps.items) - 1 if steps.first_number is not None else len(steps.items)
    return finding(doc, block.first, block.first.col + block.indent, "KB103",
                   f"{what} indented {block.indent - steps.node.indent} spaces falls out of step {last} "
                   f"and ends the list; indent it by 4 spaces")


def under_indented(doc: Document, steps: StepList) -> list[Finding]:
    """Every KB103 finding for one list."""
    found = [nested_too_little(doc, steps), fallen_out(doc, steps)]
    if doc.settings.sane_lists:
        found.append(lazy_bullets(doc, steps))
    return [f for f in found if f is not None]


def first_break(steps: StepList) -> tuple[int, int] | None:
    """(position, expected number) of the first item whose number is not the one before plus 1."""
    expected = steps.first_number
    for position, item in enumerate(steps.items[1:], start=1):
        expected += 1
        if item.number is not None and item.number != expected:
            return position, expected
    return None


def checkable(doc: Document, steps: StepList) -> bool:
    """A list whose numbering can be judged: numbered first item, no sub-list that joined it."""
    return steps.first_number is not None and nested_too_little(doc, steps) is None


def sequence_finding(doc: Document, steps: StepList) -> Finding | None:
    """KB101 for one list: its first gap or repeat, with the number expected there."""
    if not checkable(doc, steps) or (broken := first_break(steps)) is None:
        return None
    position, expected = broken
    item, before = steps.items[position], steps.items[position - 1]
    return finding(doc, item.first, item.marker_col, "KB101",
                   f"step {item.number} follows step {before.number} (expected {expected}); renumber with --fix")


def previous_list(steps: StepList) -> Node | None:
    """The list this one may continue: the nearest list before it in the same container and section."""
    for sibling in reversed(steps.parent.children[:steps.position]):
        if sibling.tag in SECTION_BREAKS:
            return None
        if sibling.tag == "ol":
            return sibling
    return None


def start_finding(doc: Document, steps: StepList) -> Finding | None:
    """KB102 for one list: a first number the customer would not expect."""
    start = steps.first_number
    if start is None or start == 1:
        return None
    first = steps.items[0]
    if not doc.settings.sane_lists:
        return finding(doc, first.first, first.marker_col, "KB102",
                       f"list starts at {start} but the site shows it from 1; enable `sane_lists` in "
                       f"mkdocs.yml, or start at 1")
    above = previous_list(steps)
    if above is None:
        return finding(doc, first.first, first.marker_col, "KB102",
                       f"list starts at {start} but continues no list above it in this section; "
                       f"start at 1, or write `{start}\\.` if the number is not a step")
    items = [child for child in above.children if child.tag == "li"]
    if items[0].number is None or start == items[0].number + len(items):
        return None
    return finding(doc, first.first, first.marker_col, "KB102",
                   f"list starts at {start} but the list above it stopped at step "
                   f"{items[0].number + len(items) - 1} (expected {items[0].number + len(items)})")


def list_findings(doc: Document, steps: StepList) -> list[Finding]:
    """Every KB101-KB103 finding about one list."""
    found = [sequence_finding(doc, steps), start_finding(doc, steps), *under_indented(doc, steps)]
    return [f for f in found if f is not None]


@rule("KB101", "step-sequence",
      "Within one list the step numbers go up by one, with no gap and no repeat; `--fix` renumbers them.",
      fix=lambda doc: renumber(doc), tests="tests/test_rules_steps.py")
def step_sequence(doc: Document):
    """Report the first gap or repeat in each list."""
    return filter(None, (sequence_finding(doc, steps) for steps in step_lists(doc)))


@rule("KB102", "list-start",
      "A list starts at 1, unless it continues the list just above it in the same section, "
      "after a note, image or paragraph, from the number where that list stopped.",
      tests="tests/test_rules_steps.py")
def list_start(doc: Document):
    """Report each list whose first number the customer would not expect."""
    return filter(None, (start_finding(doc, steps) for steps in step_lists(doc)))


@rule("KB103", "under-indented",
      "Content meant for a step (a fence, a sub-list, a paragraph) is indented 1-3 spaces and the "
      "page breaks the list or the step; indent it by 4 spaces.", tests="tests/test_rules_steps.py")
def under_indented_content(doc: Document):
    """Report content the renderer puts outside the step it is indented under."""
    for steps in step_lists(doc):
        yield from under_indented(doc, steps)


@rule("KB104", "paren-marker",
      "`1)` is not a list marker for the site's Markdown, so such steps run together as one "
      "paragraph; write `1.`.", tests="tests/test_rules_steps.py")
def paren_markers(doc: Document):
    """Report the first `1)` line of each paragraph, unless the site renders it as a list."""
    if doc.settings.paren_lists:
        return
    for paragraph in doc.page.paragraphs:
        for line in paragraph.lines:
            if not line.kind and PAREN_MARKER_RE.match(line.text):
                marker = line.text.lstrip(" ")
                number = marker[:marker.index(")")]
                yield finding(doc, line, line.col + len(line.text) - len(marker), "KB104",
                              f"`{number})` is not a list marker on this site, so these steps run together "
                              f"as one paragraph; write `{number}.`")
                break


def renumber(doc: Document) -> str:
    """The text with each list flagged by KB101 renumbered from its own first number.

    Only the digits of the markers change; line endings and everything else stay byte
    for byte. A list silenced with `kb-ignore KB101` is left alone.
    """
    edits: dict[int, tuple[int, int]] = {}
    for steps in step_lists(doc):
        if not checkable(doc, steps) or (broken := first_break(steps)) is None:
            continue
        if (steps.items[broken[0]].first.index + 1, "KB101") in doc.suppressions:
            continue
        for offset, item in enumerate(steps.items):
            if item.number is not None and item.number != steps.first_number + offset:
                edits[item.first.index] = (doc.source_col(item.first.index, item.marker_col) - 1,
                                           steps.first_number + offset)
    if not edits:
        return doc.text
    parts = re.split(r"(\r\n|\r|\n)", doc.text)
    for index, (start, number) in edits.items():
        line = parts[2 * index]
        digits = DIGITS_RE.match(line, start)
        if digits and line[digits.end():digits.end() + 1] == ".":
            parts[2 * index] = line[:start] + str(number) + line[digits.end():]
    return "".join(parts)


@dataclass(frozen=True)
class RunOn:
    """A numbered line that runs on as text because no blank line comes before it."""

    line: Line
    number: str
    joins: str  # what the customer sees it as part of


def blank_line_before(doc: Document, index: int) -> str:
    """The text with a blank line before line `index` (a `>` one in a quote), line endings kept."""
    prefix = QUOTE_PREFIX_RE.match(doc.lines[index]).group().rstrip()
    parts = LINE_BREAK_RE.split(doc.text)
    ending = parts[2 * index + 1] if 2 * index + 1 < len(parts) else "\n"
    parts.insert(2 * index, prefix + ending)
    return "".join(parts)


def starts_a_step(text: str, doc: Document, index: int) -> bool:
    """True when, in `text`, line `index` opens a numbered list item for the site's Markdown."""
    page = Document(text, doc.settings).page
    return any(node.tag == "li" and node.number is not None and node.first.index == index
               for node in page.root.walk())


def text_runs(doc: Document):
    """(lines, container) of each run of lines the page shows as one text: paragraphs, the terms of
    a definition list (def_list makes a term of each line above a `: definition`), a table's rows."""
    for paragraph in doc.page.paragraphs:
        yield paragraph.lines, paragraph.parent
    for node in doc.page.root.walk():
        if node.tag == "dl":
            yield [child.first for child in node.children if child.tag == "dt"], node
        elif node.tag == "table":
            yield node.lines[1:], node


def run_on_lists(doc: Document) -> list[RunOn]:
    """The first numbered line of each text run that a blank line before it would make a list.

    The scanner decides both halves: the line is text today, and with the blank line the
    fix inserts it opens a step. So a line that would become code, or stay text, is not reported.
    """
    found = []
    for lines, container in text_runs(doc):
        # A code span can cross the lines of a paragraph, never two terms or two table rows.
        spans = None if container.tag not in ("dl", "table") else []
        for position, line in enumerate(lines[1:], start=1):
            match = RUN_ON_MARKER_RE.match(line.text)
            if match is None or line.kind or line.index in doc.literal_lines:
                continue
            spans = code_spans(lines) if spans is None else spans
            if any(start < position <= end for start, end in spans):
                continue
            if starts_a_step(blank_line_before(doc, line.index), doc, line.index + 1):
                found.append(RunOn(line, match.group(1), joined_text(container)))
                break
    return found


def code_spans(lines: list[Line]) -> list[tuple[int, int]]:
    """(first, last) position in `lines` of each code span that crosses a line break."""
    text, starts = joined(lines), []
    offset = 0
    for line in lines:
        starts.append(offset)
        offset += len(line.text) + 1
    found = []
    for span in CODE_SPAN_RE.finditer(text):
        first, last = bisect_right(starts, span.start()) - 1, bisect_right(starts, span.end() - 1) - 1
        if last > first:
            found.append((first, last))
    return found


def joined_text(container: Node) -> str:
    """What a run-on line becomes part of, in the words of the message."""
    if container.tag in ("dl", "table"):
        return "the term above" if container.tag == "dl" else "the table above"
    if container.tag != "li":
        return "the paragraph above"
    return "the bullet above" if container.number is None else "the step above"


def run_on_finding(doc: Document, run_on: RunOn) -> Finding:
    """KB106 for one numbered line: where it goes instead of a list, and the fix."""
    line = run_on.line
    blank = "a `>` line" if ">" in QUOTE_PREFIX_RE.match(doc.lines[line.index]).group() else "a blank line"
    return finding(doc, line, line.col + leading_spaces(line.text), "KB106",
                   f"`{run_on.number}.` starts no list: with no blank line before it, it runs on as text of "
                   f"{run_on.joins}; add {blank} before it (--fix does)")


@rule("KB106", "list-not-started",
      "A numbered list needs a blank line before it; right after a paragraph or a step's text, its "
      "lines run on as that text; `--fix` adds the blank line.",
      # The lists it starts may join a list above them: renumber after, as KB101's fix does.
      fix=lambda doc: renumber(Document(start_run_on_lists(doc), doc.settings)), tests="tests/test_rules_steps_run_on.py")
def list_not_started(doc: Document):
    """Report the numbered lines the site shows as running text."""
    return [run_on_finding(doc, run_on) for run_on in run_on_lists(doc)]


def start_run_on_lists(doc: Document) -> str:
    """The text with a blank line before each numbered line KB106 reports (not a silenced one).

    Repeated until none is left: a list that starts may bring the next one into a step's text.
    """
    for _ in range(len(doc.lines)):
        pending = [run_on for run_on in run_on_lists(doc)
                   if (run_on.line.index + 1, "KB106") not in doc.suppressions]
        if not pending:
            break
        text = doc.text
        # From the bottom up, so that each insertion leaves the lines above it where they were.
        for run_on in sorted(pending, key=lambda r: r.line.index, reverse=True):
            text = blank_line_before(Document(text, doc.settings), run_on.line.index)
        doc = Document(text, doc.settings)
    return doc.text
