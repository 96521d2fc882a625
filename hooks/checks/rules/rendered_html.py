"""KB301 judged on what is published: the HTML that Python-Markdown makes of an article.

The source-side rule (`hooks.checks.rules.html`) reads the Markdown, which gives it exact
positions, but it has to guess what the renderer does, and a guess can be wrong: inside a
raw HTML block backticks are not code, and a link's address may start on the next line.
This check reads the renderer's own output with Python's HTML parser and refuses, there,
whatever could run code, load another page, send a form or move the reader elsewhere.

Python-Markdown keeps no source positions, so each problem is traced back to the text
that produces it: among the places where its tag, attribute or address is typed, those
whose change (one letter put before the name) takes it out of the output. This costs
extra renders only on a page that has a problem. A problem the source-side rule already
reported on the same line is not reported again.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from html import unescape
from typing import Callable

from hooks.checks.findings import Finding
from hooks.checks.rules.html import KB301, REFUSED_ATTRIBUTES, RUNNING_TAGS, UNSAFE_SCHEMES, BrowserParser, \
    attribute_problem, unsafe_html
from hooks.checks.source import Document

# Published tags that are refused besides RUNNING_TAGS, and why. None of the site's Markdown
# extensions writes any of them (tabbed writes <input> and <label>, which stay allowed).
REFUSED_TAGS = {
    "meta": "can send the reader to another site (`http-equiv=refresh`) or change how the page is read",
    "base": "changes where every link and image of the page points",
    "link": "loads a stylesheet or another file into the page",
    "form": "sends what the reader types to another address",
    "style": "restyles the whole page, not just the article, and can cover it or hide its warnings",
    "svg": "can carry script and links that the page does not check; save the image as a file under docs/ and "
           "show it with `![alt](file.svg)`",
    "math": "can carry links that the page does not check; write the formula as text or an image",
    "portal": "loads another page inside this one",
}
# Browsers read what follows these tags as plain text up to their end tag, and Python's parser does
# not: a tag hidden in an attribute there would run in the browser and escape this check.
RAW_TEXT_TAGS = "noscript noembed noframes xmp plaintext textarea title".split()
REFUSED_TAGS.update(dict.fromkeys(RAW_TEXT_TAGS, "makes the browser read what follows as text up to its end tag, "
                                                "which can hide a working tag from this check"))
# How to show a tag as text where backticks are not code (inside a raw HTML block).
AS_TEXT = ("; inside a raw HTML block (`<div>` ... `</div>`) backticks are not code and what they hold is published: "
           "write `&lt;` for `<` to show a tag as text")
# Candidate places tried per problem before the first one not yet reported is taken as it.
MAX_TRIES = 40
BACKTICKED_RE = re.compile(r"`[^`]*`")


@dataclass(frozen=True)
class Published:
    """One problem in the published HTML: what to look for in the source (kind, name) and what to say."""

    kind: str  # "tag", "attribute" or "url"
    name: str  # the tag's or attribute's name, or the URL's scheme
    message: str


def published_tag_problem(tag: str) -> str | None:
    """What is wrong with a tag in the published page, if anything."""
    if tag in RUNNING_TAGS:
        return f"`<{tag}>` is published as a working tag: it runs code or loads another page inside this one; remove it"
    if reason := REFUSED_TAGS.get(tag):
        return f"`<{tag}>` is published as a working tag: it {reason}; remove it"
    return None


class PublishedReader(BrowserParser):
    """Collects the problems of an HTML text, in the order of its tags."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[Published] = []

    def handle_starttag(self, tag, attrs):
        if message := published_tag_problem(tag):
            self.problems.append(Published("tag", tag, message))
        for name, value in attrs:
            if not (message := attribute_problem(name, value)):
                continue
            name = name.lower()
            if name.startswith("on") or name in REFUSED_ATTRIBUTES:
                self.problems.append(Published("attribute", name, message))
            else:  # an unsafe address: the message names its scheme first
                self.problems.append(Published("url", token(message).strip("`:"), message))

    handle_startendtag = handle_starttag


def published_problems(html: str) -> list[Published]:
    """Every problem of the HTML, in order."""
    reader = PublishedReader()
    reader.feed(html)
    reader.close()
    return reader.problems


# What browsers skip in an address (and Python-Markdown drops: STX, ETX), raw or as a character reference.
NOISE = r"(?:[\x00-\x20]|&#0*(?:9|10|13);?|&#x0*(?:9|a|d);?|&(?:Tab|NewLine);)*"
COLON = r"(?:\\?:|&colon;|&#0*58;?|&#x0*3a;?)"  # a backslash escape is published as the colon


def _letters(word: str) -> str:
    """A pattern for `word` as a browser reads it in an address: any case, each letter also as a
    numeric character reference, with the characters it skips between the letters."""
    def letter(ch: str) -> str:
        low, high = ord(ch.lower()), ord(ch.upper())
        return f"(?:{re.escape(ch)}|&#0*(?:{low}|{high});?|&#x0*(?:{low:x}|{high:x});?)"
    return NOISE.join(letter(ch) for ch in word)


SCHEME_PATTERNS = {scheme: re.compile(_letters(scheme) + f"(?={NOISE}{COLON})", re.IGNORECASE)
                   for scheme in UNSAFE_SCHEMES}
# An attribute list (attr_list, one line) that names an attribute refused whatever its value.
REFUSED_IN_ATTR_LIST_RE = re.compile(r"\{[^\n}]*(?<![\w:-])(?:on[\w-]*|srcdoc|formaction)\s*=", re.IGNORECASE)


# A tag with no attribute and nothing but letters, digits and hyphens in its name (`<kbd>`, `</details>`),
# or a mail autolink (`<help@example.com>`): nothing in it can be an attribute or an address.
PLAIN_TAG_RE = re.compile(r"</?(?P<name>[A-Za-z][A-Za-z0-9-]*)>|<[\w.+-]+@[\w.-]+>")
REFUSED = RUNNING_TAGS | REFUSED_TAGS.keys()
# Characters a browser skips in an address (and STX, ETX, which Python-Markdown drops).
SKIPPED = dict.fromkeys(range(0x21))


def may_publish_problems(body: str) -> bool:
    """Whether the renderer could publish a problem from this text at all: a tag needs a `<` (a typed
    `&lt;` stays text) other than a plain allowed tag or a mail autolink, an attribute without a
    tag needs an attribute list, an address its scheme (looked for with references decoded and
    skipped characters left out, as a browser reads it). Most articles have none of them and are
    not rendered again."""
    if "<" in PLAIN_TAG_RE.sub(lambda m: m.group(0) if (m.group("name") or "").lower() in REFUSED else " ", body):
        return True
    if REFUSED_IN_ATTR_LIST_RE.search(body):
        return True
    plain = unescape(body).translate(SKIPPED).replace("\\:", ":").lower()
    return any(f"{scheme}:" in plain for scheme in UNSAFE_SCHEMES)


def candidates(body: str, problem: Published) -> list[tuple[int, int]]:
    """(where to report, where to insert a letter that defuses it) for each place the problem may come from."""
    if problem.kind == "url":
        return [(m.start(), m.start()) for m in SCHEME_PATTERNS[problem.name].finditer(body)]
    if problem.kind == "tag":
        pattern = re.compile(r"<(?=" + re.escape(problem.name) + r"(?![\w:-]))", re.IGNORECASE)
        return [(m.start(), m.end()) for m in pattern.finditer(body)]
    pattern = re.compile(r"(?<![\w:-])" + re.escape(problem.name) + r"(?![\w:-])", re.IGNORECASE)
    return [(m.start(), m.start()) for m in pattern.finditer(body)]


def producers(body: str, problem: Published, render: Callable[[str], str]) -> list[int]:
    """The offsets in `body` whose defusing takes (one of) the problem out of the rendered page."""
    def count(text: str) -> int:
        return Counter(published_problems(render(text)))[problem]

    baseline = count(body)
    if not baseline:
        return []
    return [report for report, insert in candidates(body, problem)[:MAX_TRIES]
            if count(body[:insert] + "x" + body[insert:]) < baseline]


def token(message: str) -> str:
    """The tag, attribute or address a KB301 message names first: what makes two findings the same problem."""
    found = BACKTICKED_RE.search(message)
    return found.group(0) if found else message


def published_findings(doc: Document, make_renderer: Callable, html: str | None = None) -> list[Finding]:
    """KB301 findings for what the page publishes and the source-side rule did not report.

    `html` is the page as the build rendered it; without it, the body is rendered here.
    `make_renderer()` gives the site's Markdown renderer, asked for only when needed.
    """
    body = "\n".join(doc.markdown_lines[doc.body_start:])
    if not may_publish_problems(body):
        return []
    made = []

    def render(text: str) -> str:
        if not made:
            made.append(make_renderer())
        return made[0].reset().convert(text)  # reset: no references or footnotes carried over

    problems = published_problems(render(body) if html is None else html)
    if not problems:
        return []
    starts = [0]
    for line in body.split("\n"):
        starts.append(starts[-1] + len(line) + 1)
    # Reported by the source reading, even if silenced there (a `kb-ignore` silences that finding only:
    # what only the published page shows cannot be silenced, so the comment would silence nothing).
    source = list(unsafe_html(doc))
    reported = {(f.line, token(f.message)) for f in source}
    found = set()
    for problem in dict.fromkeys(problems):
        offsets = producers(body, problem, render) or _first_unreported(body, problem, starts, doc, reported)
        for offset in offsets:
            finding = _finding_at(offset, problem, starts, doc)
            if (finding.line, token(finding.message)) not in reported and not _in_reported_tag(finding, source, doc):
                found.add(finding)
    return sorted(found)


def _in_reported_tag(finding: Finding, source, doc: Document) -> bool:
    """Whether the finding lies inside a tag the source reading reported (`<javascript:x>` is reported as
    a tag there, and the link it makes, `href="javascript:x"`, is the same problem at the same place)."""
    line = doc.lines[finding.line - 1]
    for reported in source:
        if reported.line == finding.line and token(reported.message).startswith("`<"):
            end = line.find(">", reported.col - 1)
            if reported.col < finding.col and (end < 0 or finding.col - 1 < end):
                return True
    return False


def _line_col(offset: int, starts: list[int], doc: Document) -> tuple[int, int]:
    """(line, column) in the file of an offset in the body."""
    index = bisect_right(starts, offset) - 1
    line = doc.body_start + index
    return line + 1, doc.source_col(line, 0) + offset - starts[index]


def _first_unreported(body: str, problem: Published, starts: list[int], doc: Document, reported) -> list[int]:
    """When no single change removes the problem: the first place it is typed that no finding names yet
    (none when every such place is reported already), or the body's start when it is typed nowhere."""
    places = candidates(body, problem)
    for report, _ in places:
        line, _ = _line_col(report, starts, doc)
        if (line, token(problem.message)) not in reported:
            return [report]
    return [] if places else [0]


def _finding_at(offset: int, problem: Published, starts: list[int], doc: Document) -> Finding:
    """The finding for a problem produced at `offset` of the body; if the source reading took that
    place for code (backticks), the message says how to show a tag as text there."""
    line, col = _line_col(offset, starts, doc)
    in_code = doc.prose(line - 1)[col - 1:col] == " " and doc.lines[line - 1][col - 1:col] != " "
    return Finding(line, col, KB301, problem.message + (AS_TEXT if in_code else ""))
