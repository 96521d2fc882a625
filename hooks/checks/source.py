"""A Markdown source file as the checks see it: lines, front matter, blocks and code regions.

Python-Markdown keeps no source positions, so every finding's line and column
come from our own scan of the source text (`hooks.checks.blocks`, which follows
Python-Markdown's rules), not from the rendered HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cached_property

import yaml

from hooks.checks.blocks import TAB, Page, Syntax, parse
from hooks.checks.extensions import syntax_of
from hooks.support.phones import HOME_REGION

# MkDocs' YAML front matter: `---` ... `---` (or `...`) at the very top.
FRONT_MATTER_RE = re.compile(r"\A-{3}[ \t]*\n(.*?\n)(?:-{3}|\.{3})[ \t]*\n", re.DOTALL)
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# MkDocs' MultiMarkdown-style metadata: `Key: value` lines at the top of a page without `---`.
META_LINE_RE = re.compile(r"^[ ]{0,3}[A-Za-z0-9_-]+:\s*")
META_MORE_RE = re.compile(r"^(?:[ ]{4}|\t)")
# `<!-- kb-ignore KB101 -->`, or several IDs: `<!-- kb-ignore KB101 KB103 -->`.
SUPPRESS_RE = re.compile(r"<!--\s*kb-ignore\s+(?P<ids>KB\d{3}(?:[\s,]+KB\d{3})*)\s*-->")
INLINE_CODE_RE = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)")
COMMENT_RE = re.compile(r"<!--.*?-->")


@dataclass(frozen=True)
class Settings:
    """What the checks need to know about the site's configuration."""

    # Names of the Markdown extensions in mkdocs.yml, e.g. "sane_lists".
    extensions: frozenset[str] = frozenset()
    # The keys under extra.support.phones, e.g. ("us", "international"); for_page() gives a page's language's.
    phone_keys: tuple[str, ...] = ()
    # The country whose numbers readers type without a country code (extra.support.region; KB203).
    phone_region: str = HOME_REGION
    # Each language with support settings of its own (extra.support.languages): (its folder under
    # docs/, its phone keys, its region).
    language_phones: tuple[tuple[str, tuple[str, ...], str], ...] = ()
    # The templates a page may name in `template:` (KB415); None when the theme was not read.
    page_templates: frozenset[str] | None = None

    def for_page(self, src_uri: str) -> Settings:
        """The settings for the page at `src_uri` (its path under docs/): its language's phone lines and region."""
        folder = src_uri.partition("/")[0]
        own = next(((keys, region) for code, keys, region in self.language_phones if code == folder), None)
        return self if own is None else replace(self, phone_keys=own[0], phone_region=own[1])

    @cached_property
    def syntax(self) -> Syntax:
        """The optional block syntax the site's extensions turn on."""
        return syntax_of(self.extensions)

    @property
    def sane_lists(self) -> bool:
        """True when a list keeps its written start number (`<ol start="4">`)."""
        return self.syntax.sane_lists

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
    """The number of lines that MkDocs strips from the top before Markdown sees the page.

    This follows `mkdocs.utils.meta.get_data`: YAML between `---` lines when it loads as
    a mapping; otherwise, without `---`, `Key: value` lines up to the first blank line
    (a blank first line is dropped too).
    """
    match = FRONT_MATTER_RE.match(text)
    if match:
        try:
            mapping = isinstance(yaml.load(match.group(1), Loader=YAML_LOADER), dict)
        except Exception:  # MkDocs, too, keeps any front matter it cannot load as part of the page
            mapping = False
        return match.group(0).count("\n") if mapping else 0
    lines = text.split("\n")
    count, keyed = 0, False
    for line in lines:
        if not line.strip():
            return count + 1
        if META_LINE_RE.match(line):
            keyed = True
        elif not (keyed and META_MORE_RE.match(line)):
            break
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
        return front_matter_end("\n".join(self.markdown_lines))

    @cached_property
    def markdown_lines(self) -> list[str]:
        """The lines as MkDocs reads them: without a byte-order mark."""
        if self.lines[0].startswith("\ufeff"):
            return [self.lines[0][1:], *self.lines[1:]]
        return self.lines

    @cached_property
    def page(self) -> Page:
        """The body parsed into blocks by the site's Markdown rules, with source lines."""
        return parse(self.markdown_lines, self.body_start, self.settings.syntax)

    @cached_property
    def literal_lines(self) -> frozenset[int]:
        """Indexes of lines that are not prose: front matter, code (fenced or indented), comments.

        A comment that fits on one line is left out: `prose()` blanks it, and the text
        around it on that line is still prose.
        """
        return frozenset(range(self.body_start)) | self.page.literal

    @cached_property
    def suppressions(self) -> dict[tuple[int, str], int]:
        """Each (line, rule ID) silenced by a `kb-ignore` comment, with the comment's column."""
        found = {}
        for index, line in enumerate(self.lines):
            if "kb-ignore" not in line or index in self.literal_lines:
                continue
            for match in SUPPRESS_RE.finditer(line):
                for rule_id in re.findall(r"KB\d{3}", match.group("ids")):
                    found[(index + 1, rule_id)] = match.start() + 1
        return found

    def source_col(self, index: int, expanded_col: int) -> int:
        """The 1-based column in line `index` of the file for a column of the parsed page.

        The parser sees tabs expanded, and no byte-order mark or STX/ETX characters
        (Python-Markdown drops those); the column returned counts the file's own characters.
        """
        line = self.markdown_lines[index]
        skipped = len(self.lines[index]) - len(line)
        if "\t" not in line and "\x02" not in line and "\x03" not in line:
            return expanded_col + 1 + skipped
        width = 0
        for position, char in enumerate(line):
            if char in "\x02\x03":
                continue
            if width >= expanded_col:
                return position + 1 + skipped
            width = (width // TAB + 1) * TAB if char == "\t" else width + 1
        return len(line) + 1 + skipped

    @cached_property
    def _prose_lines(self) -> list[str]:
        """Every line with literal lines, inline code and HTML comments blanked out."""
        blank = lambda m: " " * len(m.group(0))
        literal = self.literal_lines
        # Most lines have no backtick and no comment: they are their own prose.
        return [" " * len(line) if index in literal
                else COMMENT_RE.sub(blank, INLINE_CODE_RE.sub(blank, line)) if "`" in line or "<!--" in line
                else line
                for index, line in enumerate(self.lines)]

    def prose(self, index: int) -> str:
        """Line `index` with inline code and HTML comments blanked out (same length)."""
        return self._prose_lines[index]
