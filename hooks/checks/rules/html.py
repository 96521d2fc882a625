"""KB301: raw HTML in an article is limited to the tags writers need, and nothing in it runs code.

Python-Markdown passes raw HTML through untouched, and it does not check link URLs, so
a `<script>`, an `onerror=` attribute or a `javascript:` link in an article would run on
the reader's page. The site's Content-Security-Policy blocks them too; this rule tells
the writer first, at the line and column, and fails the strict build.

Tags are read with Python's HTML parser, which splits tags and attributes as browsers do.
Code (spans, fences, indented blocks) and comments are not read: they are shown as text.
This reading of the source gives exact positions but can only guess what the renderer does;
`hooks.checks.rules.rendered_html` reads what the renderer publishes, and reports there what
this rule missed.
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

import yaml

from hooks.checks.findings import Finding, rule
from hooks.checks.source import YAML_LOADER, Document

# What writers need beyond Markdown: keys, line breaks, collapsible blocks, footnote-style
# marks, and the plain structural tags that `md_in_html` wraps Markdown in.
ALLOWED_TAGS = frozenset(
    "a abbr b br caption code dd del details div dl dt em figcaption figure hr i img ins kbd li mark "
    "ol p pre s small span strong sub summary sup table tbody td tfoot th thead tr u ul".split()
)
# Tags whose whole purpose is to run code or load another document into the page.
RUNNING_TAGS = frozenset("script iframe object embed frame frameset applet".split())
# Attributes that browsers read as a URL to load or to follow.
URL_ATTRIBUTES = frozenset(
    "href src action formaction data poster background cite longdesc srcset imagesrcset ping codebase xlink:href "
    "dynsrc lowsrc manifest archive classid".split()
)
# Attributes whose value lists several addresses.
LIST_ATTRIBUTES = frozenset(("srcset", "imagesrcset"))
# Attributes refused whatever their value, and why.
REFUSED_ATTRIBUTES = {"srcdoc": "puts another page inside this one",
                      "formaction": "sends a form to another address"}
UNSAFE_SCHEMES = ("javascript", "vbscript", "data")
# Markdown turns <https://...> and <name@host> into links itself; they are not HTML tags.
AUTOLINK_RE = re.compile(r"<(?:(?:[Ff]|[Hh][Tt])[Tt][Pp][Ss]?://[^<>]*|[^<> !]+@[^@<> ]+)>")
# The URL of an inline link or image, `[text](URL ...)` / `![alt](<URL>)`.
LINK_URL_RE = re.compile(r"\]\(\s*<?(?P<url>[^\s)>]+)")
# A reference definition, `[id]: URL`.
REFERENCE_URL_RE = re.compile(r"^[ ]{0,3}\[[^\]]+\]:[ \t]*<?(?P<url>[^\s>]+)")
# An attribute list (`attr_list`), `{ #id .class key="value" }`, and its key=value pairs.
ATTR_LIST_RE = re.compile(r"\{:?[ \t]*(?P<body>[^{}\n]*=[^{}\n]*)\}")
ATTR_PAIR_RE = re.compile(r"(?P<key>[^\s=}\"']+)[ \t]*=[ \t]*(?:\"(?P<double>[^\"]*)\"|'(?P<single>[^']*)'|(?P<bare>[^\s}]+))")
# Browsers drop ASCII whitespace and control characters when they read a URL's scheme.
URL_NOISE_RE = re.compile(r"[\x00-\x20]+")
TAG_IN_TEXT_RE = re.compile(r"</?(?P<name>[A-Za-z][A-Za-z0-9-]*)")
KB301 = "KB301"


def unsafe_scheme(url: str) -> str | None:
    """`javascript`, `vbscript` or `data` when the URL uses that scheme, as a browser reads it."""
    cleaned = URL_NOISE_RE.sub("", unescape(url)).lower()
    return next((scheme for scheme in UNSAFE_SCHEMES if cleaned.startswith(scheme + ":")), None)


def url_problem(scheme: str, where: str) -> str:
    """The message for an unsafe URL."""
    if scheme == "data":
        return (f"`data:` URL in {where} puts a file inside the page; save the file under docs/ "
                "and link to it")
    return f"`{scheme}:` URL in {where} runs code when followed; link to an https:// page or a page in docs/"


def attribute_problem(name: str, value: str | None) -> str | None:
    """What is wrong with one attribute of a raw HTML tag or an attribute list, if anything."""
    name = name.lower()
    if name.startswith("on"):
        return f"`{name}=` runs code in the reader's browser; remove the attribute"
    if reason := REFUSED_ATTRIBUTES.get(name):
        return f"`{name}=` {reason}; remove the attribute"
    if value is None or name not in URL_ATTRIBUTES:
        return None
    # srcset is a comma-separated list of addresses, each followed by its width or density.
    for url in value.split(",") if name in LIST_ATTRIBUTES else [value]:
        if scheme := unsafe_scheme(url):
            return url_problem(scheme, f"`{name}=`")
    return None


def tag_problem(tag: str) -> str | None:
    """What is wrong with a raw HTML tag, if anything."""
    if tag in RUNNING_TAGS:
        return f"`<{tag}>` runs code or loads another page inside this one; raw HTML may not; remove it"
    if tag not in ALLOWED_TAGS:
        return (f"`<{tag}>` is not an allowed HTML tag in articles; write it in Markdown, or in backticks "
                f"to show it as text (allowed: {', '.join(sorted(ALLOWED_TAGS))})")
    return None


# Where browsers end a comment besides `-->`: `<!-->`, `<!--->` and `--!>`.
COMMENT_END_RE = re.compile(r"--!?>")


class BrowserParser(HTMLParser):
    """Python's HTML parser with comments and `<!...>` declarations ended where browsers end them.

    Python 3.11's parser waits for `-->` after `<!-->` and for `]]>` after `<![CDATA[`, so a tag
    that browsers run would be taken for part of a comment; and it fails on `<![x`.
    """

    def parse_comment(self, i, report=True):
        start = i + 4
        for early in (">", "->"):
            if self.rawdata.startswith(early, start):
                return start + len(early)
        end = COMMENT_END_RE.search(self.rawdata, start)
        return end.end() if end else -1

    def parse_html_declaration(self, i):
        """`<!DOCTYPE ...>`, `<![CDATA[ ...` and any other `<!` end at the first `>` in an HTML page."""
        if self.rawdata.startswith("<!--", i):
            return self.parse_comment(i)
        end = self.rawdata.find(">", i + 2)
        return end + 1 if end >= 0 else -1


class TagReader(BrowserParser):
    """Collects (line, column, message) for each problem in the start tags of an HTML text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[tuple[int, int, str]] = []

    def handle_starttag(self, tag, attrs):
        line, offset = self.getpos()
        if problem := tag_problem(tag):
            self.problems.append((line, offset + 1, problem))
        source = self.get_starttag_text() or ""
        for name, value in attrs:
            if problem := attribute_problem(name, value):
                self.problems.append((*self.position_in_tag(source, name, line, offset), problem))

    handle_startendtag = handle_starttag

    @staticmethod
    def position_in_tag(source: str, name: str, line: int, offset: int) -> tuple[int, int]:
        """(line, column) of attribute `name` in the tag whose text `source` starts at (line, offset)."""
        found = re.search(r"(?<=[\s/\"'])" + re.escape(name) + r"(?=[\s=/>]|$)", source, re.IGNORECASE)
        start = found.start() if found else 0
        before = source[:start]
        if "\n" in before:
            return line + before.count("\n"), start - before.rfind("\n")
        return line, offset + start + 1


def html_problems(doc: Document):
    """Findings for raw HTML tags and attributes in the article's prose (code and comments skipped)."""
    if "<" not in doc.text:
        return
    lines = [AUTOLINK_RE.sub(lambda m: " " * len(m.group(0)), doc.prose(i)) for i in range(len(doc.lines))]
    if not any("<" in line for line in lines):
        return
    reader = TagReader()
    reader.feed("\n".join(lines))
    reader.close()
    for line, col, problem in reader.problems:
        yield Finding(line, col, KB301, problem)


def markdown_url_problems(doc: Document):
    """Findings for unsafe URLs in Markdown links, images, reference definitions and attribute lists."""
    for index in range(doc.body_start, len(doc.lines)):
        prose = doc.prose(index)
        # Each pattern needs its punctuation on the line: skip the line without it.
        for hint, pattern in (("](", LINK_URL_RE), ("]:", REFERENCE_URL_RE)):
            if hint not in prose:
                continue
            for match in pattern.finditer(prose):
                if scheme := unsafe_scheme(match.group("url")):
                    yield Finding(index + 1, match.start("url") + 1, KB301, url_problem(scheme, "a Markdown link"))
        if "=" not in prose:
            continue
        for attr_list in ATTR_LIST_RE.finditer(prose):
            for pair in ATTR_PAIR_RE.finditer(attr_list.group("body")):
                value = next(v for v in pair.group("double", "single", "bare") if v is not None)
                if problem := attribute_problem(pair.group("key"), value):
                    yield Finding(index + 1, attr_list.start("body") + pair.start() + 1, KB301, problem)


def front_matter_problems(doc: Document):
    """Findings for HTML tags in the front matter, whose values are shown as plain text."""
    for index in range(doc.body_start):
        if match := TAG_IN_TEXT_RE.search(doc.lines[index]):
            yield Finding(index + 1, match.start() + 1, KB301,
                          f"`<{match.group('name').lower()}>` in the front matter is shown as typed, not as HTML; "
                          "write plain text")


@rule(KB301, "unsafe-html",
      "Raw HTML is limited to an allow-list (`<kbd>`, `<br>`, `<details>`, ...); no `<script>`, `<iframe>`, "
      "`<object>`, `<embed>`, `on...=` attributes, or `javascript:`/`data:` URLs, and no HTML in front matter, "
      "in mkdocs.yml's settings or in .nav.yml's navigation titles; judged on the source and on the HTML "
      "the page publishes.", tests="tests/test_rules_html.py")
def unsafe_html(doc: Document):
    """Flag raw HTML that could run code or is not on the allow-list, and unsafe URLs."""
    yield from front_matter_problems(doc)
    yield from html_problems(doc)
    yield from markdown_url_problems(doc)


def markup_problem(text: str, where: str) -> str | None:
    """The message for a tag typed in a value that is shown as plain text, if there is one."""
    if tag := TAG_IN_TEXT_RE.search(text):
        return f"`<{tag.group('name').lower()}>` in {where} is shown as typed, not as HTML; write plain text"
    return None


# mkdocs-redirects writes a redirect's target as it is into the redirect page's HTML and into a
# JavaScript string there: a quote, an angle bracket, a backslash or a line break would end either.
REDIRECT_BREAKER_RE = re.compile(r"[\"'<>\\`\x00-\x1f\x7f]")


def redirect_problem(target: str) -> str | None:
    """What is wrong with a redirect target (a page path or an address), if anything."""
    if scheme := unsafe_scheme(target):
        return url_problem(scheme, "a redirect")
    if breaker := REDIRECT_BREAKER_RE.search(target):
        shown = f"`{breaker.group()}`" if breaker.group().isprintable() else "a control character or line break"
        return (f"the redirect target holds {shown}, which would end the redirect page's script and run what "
                "follows it; write a page under docs/ (domains/mx-records.md) or an https:// address without "
                "quotes, < > or \\")
    return None


def safe_redirects(redirect_maps: dict) -> dict:
    """The redirects whose target can be written into a redirect page (the others are KB301 findings)."""
    return {old: new for old, new in redirect_maps.items() if not redirect_problem(str(new))}


def _redirect_targets(root: yaml.Node):
    """The redirect targets of mkdocs.yml (plugins > redirects > redirect_maps), as YAML nodes."""
    settings = root.value if isinstance(root, yaml.MappingNode) else ()
    plugins = next((value for key, value in settings if getattr(key, "value", None) == "plugins"), None)
    for entry in plugins.value if isinstance(plugins, yaml.SequenceNode) else ():
        for name, options in entry.value if isinstance(entry, yaml.MappingNode) else ():
            if name.value != "redirects" or not isinstance(options, yaml.MappingNode):
                continue
            for option, maps in options.value:
                if option.value != "redirect_maps" or not isinstance(maps, yaml.MappingNode):
                    continue
                yield from (target for _, target in maps.value if isinstance(target, yaml.ScalarNode))


def setting_problems(config_text: str) -> list[Finding]:
    """KB301 findings in mkdocs.yml: a tag or a script URL in any setting or nav title (shown as text),
    and a redirect target that would break out of its redirect page's script.

    The file is only composed, not loaded, so MkDocs' own tags (`!ENV`) need no special care
    and every value keeps its line and column. Unreadable YAML is left to MkDocs to report.
    """
    try:
        root = yaml.compose(config_text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return []
    targets = list(_redirect_targets(root))
    found = [Finding(node.start_mark.line + 1, node.start_mark.column + 1, KB301, problem)
             for node in targets if (problem := redirect_problem(node.value))]
    written_as_is = {id(target) for target in targets}
    pending = [root]
    while pending:
        node = pending.pop()
        if id(node) in written_as_is:
            continue  # not shown as text: written into the redirect page, checked above
        if isinstance(node, yaml.MappingNode):
            pending.extend(part for pair in node.value for part in pair)
        elif isinstance(node, yaml.SequenceNode):
            pending.extend(node.value)
        elif isinstance(node, yaml.ScalarNode) and isinstance(node.value, str):
            line, col = node.start_mark.line + 1, node.start_mark.column + 1
            if problem := markup_problem(node.value, "a setting"):
                found.append(Finding(line, col, KB301, problem))
            elif scheme := unsafe_scheme(node.value):
                found.append(Finding(line, col, KB301, url_problem(scheme, "a setting")))
    return sorted(found)


def _title_findings(node: yaml.Node):
    """KB301 for a tag typed in a navigation title."""
    if isinstance(node, yaml.ScalarNode) and (problem := markup_problem(node.value, "a navigation title")):
        yield Finding(node.start_mark.line + 1, node.start_mark.column + 1, KB301, problem)


def _nav_entry_findings(node: yaml.Node):
    """KB301 for the titles and link targets of a `nav:` list and the sections in it."""
    for entry in node.value if isinstance(node, yaml.SequenceNode) else ():
        if not (isinstance(entry, yaml.MappingNode) and len(entry.value) == 1):
            continue  # a file name, a folder or a pattern's options: no title
        key, target = entry.value[0]
        yield from _title_findings(key)
        if isinstance(target, yaml.ScalarNode) and (scheme := unsafe_scheme(target.value)):
            yield Finding(target.start_mark.line + 1, target.start_mark.column + 1, KB301,
                          url_problem(scheme, "a navigation link"))
        yield from _nav_entry_findings(target)


def nav_title_problems(nav_text: str) -> list[Finding]:
    """KB301 findings in a `.nav.yml` (mkdocs-awesome-nav): a tag in a title, a script URL as a link.

    Titles are the `title:` setting and the key of each `Title: target` entry of `nav:`, at any
    depth; a target that is not a file is a link. Only titles are read for tags, and only
    targets for URLs, so a title such as "Data: backups" is not taken for a `data:` URL.
    Unreadable YAML is KB416's (`hooks.checks.rules.nav`).
    """
    try:
        root = yaml.compose(nav_text, Loader=YAML_LOADER)
    except yaml.YAMLError:
        return []
    found = []
    for key, value in root.value if isinstance(root, yaml.MappingNode) else ():
        if getattr(key, "value", None) == "title":
            found.extend(_title_findings(value))
        elif getattr(key, "value", None) == "nav":
            found.extend(_nav_entry_findings(value))
    return sorted(found)
