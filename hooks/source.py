"""A Markdown source file as the checks see it: lines, front matter and code regions.

Python-Markdown keeps no source positions, so every finding's line and column
come from this scan of the source text, not from the rendered HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

# MkDocs' YAML front matter: `---` ... `---` (or `...`) at the very top.
FRONT_MATTER_RE = re.compile(r"\A-{3}[ \t]*\n(?:.*?\n)?(?:-{3}|\.{3})[ \t]*\n", re.DOTALL)
# MkDocs' MultiMarkdown-style metadata: `Key: value` lines at the top of a page without `---`.
META_LINE_RE = re.compile(r"^[ ]{0,3}[A-Za-z0-9_-]+:\s*")
META_MORE_RE = re.compile(r"^(?:[ ]{4}|\t)")
FENCE_OPEN_RE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})")
INLINE_CODE_RE = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)")


@dataclass(frozen=True)
class Settings:
    """What the checks need to know about the site's configuration."""

    # Names of the Markdown extensions in mkdocs.yml, e.g. "sane_lists".
    extensions: frozenset[str] = frozenset()
    # The keys under extra.support.phones, e.g. ("us", "international").
    phone_keys: tuple[str, ...] = ()

    @property
    def sane_lists(self) -> bool:
        """True when a list keeps its written start number (`<ol start="4">`)."""
        return bool({"sane_lists", "markdown.extensions.sane_lists", "pymdownx.fancylists"} & self.extensions)

    @property
    def paren_lists(self) -> bool:
        """True when `1)` is a list marker on the site."""
        return "pymdownx.fancylists" in self.extensions


def extension_names(markdown_extensions) -> frozenset[str]:
    """The names in a `markdown_extensions` setting (strings or one-key mappings)."""
    names = set()
    for entry in markdown_extensions or ():
        if isinstance(entry, str):
            names.add(entry)
        elif isinstance(entry, dict):
            names.update(entry)
    return frozenset(names)


def front_matter_end(text: str) -> int:
    """The number of lines that MkDocs strips from the top as metadata."""
    match = FRONT_MATTER_RE.match(text)
    if match:
        return match.group(0).count("\n")
    lines = text.split("\n")
    count = 0
    if lines and META_LINE_RE.match(lines[0]):
        count = 1
        while count < len(lines) and lines[count].strip() and (
            META_LINE_RE.match(lines[count]) or META_MORE_RE.match(lines[count])
        ):
            count += 1
    return count


@dataclass
class Document:
    """One Markdown file: its text split into lines, with the regions no rule may read."""

    text: str
    settings: Settings = field(default_factory=Settings)

    @cached_property
    def lines(self) -> list[str]:
        """The lines of the file without their line endings (index 0 is line 1)."""
        return self.text.replace("\r\n", "\n").replace("\r", "\n").split("\n")

    @cached_property
    def body_start(self) -> int:
        """Index of the first line after the front matter."""
        return front_matter_end("\n".join(self.lines))

    @cached_property
    def literal_lines(self) -> frozenset[int]:
        """Indexes of lines that are not prose: front matter, code fences and HTML comments."""
        literal = set(range(self.body_start))
        fence = None
        in_comment = False
        for index in range(self.body_start, len(self.lines)):
            line = self.lines[index]
            if fence:
                literal.add(index)
                stripped = line.strip()
                if stripped.startswith(fence) and set(stripped) == {fence[0]}:
                    fence = None
                continue
            if in_comment:
                literal.add(index)
                in_comment = "-->" not in line
                continue
            opened = FENCE_OPEN_RE.match(line)
            if opened:
                literal.add(index)
                fence = opened.group("fence")
                continue
            if line.lstrip().startswith("<!--") and "-->" not in line:
                literal.add(index)
                in_comment = True
        return frozenset(literal)

    def prose(self, index: int) -> str:
        """Line `index` with inline code and HTML comments blanked out (same length)."""
        if index in self.literal_lines:
            return " " * len(self.lines[index])
        line = self.lines[index]
        blank = lambda m: " " * len(m.group(0))
        return re.sub(r"<!--.*?-->", blank, INLINE_CODE_RE.sub(blank, line))
