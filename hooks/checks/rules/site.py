"""KB411-KB414: what one article cannot know alone: the URLs of all pages, the targets of links.

KB411 duplicate-url, KB412 broken-link, KB413 missing-anchor, KB414 missing-image.
The build leaves links to MkDocs' own validation (`validation:` in mkdocs.yml); the
writers' command runs these, with anchors taken from pages rendered by the site's own
Markdown settings, so a heading's slug is the one the site gives it.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable
from urllib.parse import unquote

import markdown

from hooks.checks.findings import SITE, Finding, rule
from hooks.checks.rules.files import path_under
from hooks.checks.source import Document, front_matter_end


# `[text](target "title")` and `![alt](target)`; the text may hold one level of brackets.
LINK_RE = re.compile(r"(?P<image>!?)\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?(?P<target>[^)\s>]+)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
EXTERNAL_RE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:|//|/")
ID_RE = re.compile(r"""<[^>]*?\s(?:id|name)=["']([^"']+)["']""")
# MkDocs always adds these to the site's own `markdown_extensions`.
MKDOCS_EXTENSIONS = ("toc", "tables", "fenced_code")


@dataclass(frozen=True)
class Link:
    """A link or image in an article's prose, where it was written."""

    line: int
    col: int
    target: str
    image: bool


def page_url(path: str) -> str:
    """The URL (without the site's address) MkDocs gives the page at `path` under docs/."""
    stem = path[:-3] if path.endswith(".md") else path
    folder, _, name = stem.rpartition("/")
    if name in ("index", "README"):
        return f"{folder}/" if folder else ""
    return f"{stem}/"


@rule("KB411", "duplicate-url", "Two files would be published at the same URL, so one would replace the other.",
      tests="tests/test_catalogue.py", reads=SITE)
def duplicate_urls(urls: dict[str, str]) -> list[tuple[str, Finding]]:
    """(file, KB411) for each URL claimed by several files, reported once, on the last of them."""
    claims = defaultdict(list)
    for path, url in urls.items():
        claims[url].append(path)
    found = []
    for url, paths in claims.items():
        if len(paths) > 1:
            *others, last = sorted(paths)
            found.append((last, Finding(1, 1, "KB411", f"the URL /{url} is also claimed by {', '.join(others)}, "
                                                       "which one of them would silently replace; rename or move "
                                                       "one of the files")))
    return found


def duplicate_url_findings(items: list[tuple[Path, Path]],
                           site_files: dict[Path, frozenset[str]]) -> list[tuple[str, Finding]]:
    """(file, KB411) for each URL that two files of a docs folder claim, when one of the checked files
    (`items`: file, its docs folder) is among them; `site_files`: each docs folder's files under it."""
    checked = {(docs, path_under(path, docs)) for path, docs in items}
    found = []
    for docs, files in site_files.items():
        pages = sorted(page for page in files if page.endswith(".md"))
        shown = {os.path.relpath(docs / page): page for page in pages}
        for where, finding in duplicate_urls({name: page_url(page) for name, page in shown.items()}):
            url = page_url(shown[where])
            if any((docs, page) in checked for page in pages if page_url(page) == url):
                found.append((where, finding))
    return found


def links(doc: Document) -> list[Link]:
    """Every inline link and image in the article's prose (not in code or comments)."""
    found = []
    for index in range(doc.body_start, len(doc.lines)):
        if "](" not in doc.lines[index]:
            continue
        for match in LINK_RE.finditer(doc.prose(index)):
            found.append(Link(index + 1, match.start() + 1, match.group("target"), bool(match.group("image"))))
    return found


@rule("KB412", "broken-link", "A link points to a file that is not in docs/.",
      tests="tests/test_catalogue.py", reads=SITE)
@rule("KB413", "missing-anchor", "A link points to a heading (`#anchor`) that its page does not have.",
      tests="tests/test_catalogue.py", reads=SITE)
@rule("KB414", "missing-image", "An image's file is not in docs/.", tests="tests/test_catalogue.py", reads=SITE)
def link_findings(page: str, found: Iterable[Link], exists: Callable[[str], bool],
                  anchors: Callable[[str], frozenset[str]]) -> list[Finding]:
    """KB412-KB414 for the links of the file at `page` (a path under docs/).

    `exists(path)` tells whether a file is in docs/; `anchors(path)` gives a page's anchors.
    """
    findings = []
    for link in found:
        if EXTERNAL_RE.match(link.target):
            continue
        path, _, fragment = link.target.partition("#")
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(path))) if path else page
        if resolved.startswith("../") or not exists(resolved):
            rule_id, what = ("KB414", "image") if link.image else ("KB412", "link")
            findings.append(Finding(link.line, link.col, rule_id, f'{what} target "{path}" is not in docs/; '
                                                                  "correct the path (it is relative to this file)"))
        elif fragment and resolved.endswith(".md") and unquote(fragment) not in anchors(resolved):
            findings.append(Finding(link.line, link.col, "KB413", f'"{resolved}" has no heading or anchor '
                                                                  f'"#{fragment}"; link to one of its headings '
                                                                  "as the page's table of contents names it"))
    return findings


def renderer(markdown_extensions) -> markdown.Markdown:
    """Python-Markdown with the site's extensions and their options, as MkDocs sets it up."""
    names, configs = list(MKDOCS_EXTENSIONS), {}
    for entry in markdown_extensions or ():
        name, options = (entry, None) if isinstance(entry, str) else next(iter(entry.items()))
        if name not in names:
            names.append(name)
        # An option written as a Python tag reads as None here; the extension's default stands in.
        configs[name] = {key: value for key, value in (options or {}).items() if value is not None}
    return markdown.Markdown(extensions=names, extension_configs=configs)


def page_anchors(text: str, md: markdown.Markdown) -> frozenset[str]:
    """The ids a link may point to on the page: headings' slugs and any `id` or `name` written in it."""
    body = "\n".join(text.splitlines()[front_matter_end(text):])
    return frozenset(ID_RE.findall(md.reset().convert(body)))
