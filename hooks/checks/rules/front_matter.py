"""KB401-KB403: the YAML front matter between the `---` lines at the top of an article.

KB401 front-matter-syntax, KB402 front-matter-type, KB403 unknown-front-matter-key.
MkDocs keeps front matter it cannot load as part of the page, so a typo would publish
the page without its title, description and tags; the build refuses such a page.
"""

from __future__ import annotations

import re
from functools import lru_cache

import yaml

from hooks.checks.findings import Finding, rule
from hooks.checks.source import YAML_LOADER, Document

# The settings an article may use; each is explained in the writers' guide ("Front matter").
KNOWN_KEYS = ("title", "description", "tags", "template", "hide", "search", "support", "draft",
              "owner", "review_by", "review_every", "reviewed")
# The review keys' values are read by KB419 (rules/review.py); the owner is text like a title.
TEXT_KEYS = ("title", "description", "owner")
OPENING_RE = re.compile(r"-{3}[ \t]*")
CLOSING_RE = re.compile(r"(?:-{3}|\.{3})[ \t]*")


def front_matter_lines(doc: Document) -> tuple[int, int] | None:
    """(first, end) indexes of the YAML lines between the `---` lines, or None without front matter.

    `end` is the index of the closing line, or len(lines) when the front matter is never closed.
    """
    lines = doc.markdown_lines
    if not OPENING_RE.fullmatch(lines[0]):
        return None
    for index in range(1, len(lines)):
        if CLOSING_RE.fullmatch(lines[index]):
            return 1, index
    return 1, len(lines)


def node_type(node: yaml.Node) -> str:
    """How a writer would name the YAML value: a list, a group of settings, a number, ..."""
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if isinstance(node, yaml.MappingNode):
        return "a group of settings"
    if node.tag.endswith((":int", ":float")):
        return "a number"
    if node.tag.endswith(":bool"):
        return "yes/no"
    return "nothing" if node.tag.endswith(":null") else "a date" if node.tag.endswith(":timestamp") else "text"


def yaml_error_place(error: yaml.MarkedYAMLError) -> tuple[yaml.Mark, str]:
    """Where the writer erred in YAML that does not load (0-based mark), and YAML's words for it."""
    # An unclosed bracket or quote is where the writer erred, not where YAML gave up.
    unclosed = error.context_mark and error.context and ("flow" in error.context or "quoted" in error.context)
    mark = error.context_mark if unclosed else error.problem_mark or error.context_mark
    problem = ", ".join(part.strip() for part in (error.context, error.problem) if part) or "cannot be read"
    return mark, problem


@lru_cache(maxsize=1)
def _compose_text(text: str) -> yaml.Node | None:
    """The YAML tree of the front matter's text; cached, as three rules read the same text in turn."""
    return yaml.compose(text, Loader=YAML_LOADER)


def _compose(doc: Document) -> tuple[yaml.Node | None, Finding | None]:
    """The front matter's YAML tree (None without front matter), or the KB401 finding that stops it."""
    span = front_matter_lines(doc)
    if span is None:
        return None, None
    first, end = span
    if end == len(doc.markdown_lines):
        return None, Finding(1, 1, "KB401", "the front matter opened on line 1 is never closed; "
                                            "end it with a line of three dashes: ---")
    try:
        node = _compose_text("\n".join(doc.markdown_lines[first:end]) + "\n")
    except yaml.MarkedYAMLError as error:
        mark, problem = yaml_error_place(error)
        return None, Finding(first + mark.line + 1, doc.source_col(first + mark.line, mark.column), "KB401",
                             f"the front matter is not valid YAML ({problem}); put quotes around a value "
                             'that holds a colon, brackets or braces, e.g. title: "Mail: the basics"')
    except yaml.YAMLError as error:
        return None, Finding(first + 1, 1, "KB401", f"the front matter is not valid YAML ({error}); "
                                                    "fix the lines between the --- lines")
    if node is not None and not isinstance(node, yaml.MappingNode):
        return None, Finding(first + 1, 1, "KB401", "the front matter is not a list of `key: value` settings; "
                                                    "write one setting per line, e.g. title: Reset your password")
    return node, None


@rule("KB401", "front-matter-syntax",
      "The front matter is not valid YAML, so the page would lose its title, description and tags.",
      tests="tests/test_catalogue.py")
def front_matter_syntax(doc: Document):
    """Flag front matter that MkDocs could not load, at the line YAML stopped on."""
    _, finding = _compose(doc)
    if finding:
        yield finding


def front_matter_settings(doc: Document):
    """(key node, value node) for each top-level front-matter setting that loads."""
    node, _ = _compose(doc)
    return node.value if node is not None else ()


@rule("KB402", "front-matter-type",
      "A front-matter `title` or `description` is not plain text.", tests="tests/test_catalogue.py")
def front_matter_types(doc: Document):
    """Flag a title or description that YAML reads as a list, a number, a date or nothing."""
    for key, value in front_matter_settings(doc):
        if key.value in TEXT_KEYS and not (isinstance(value, yaml.ScalarNode) and value.tag.endswith(":str")
                                           and value.value.strip()):
            yield Finding(key.start_mark.line + 2, key.start_mark.column + 1, "KB402",
                          f"{key.value} must be text, found {node_type(value)}; write it on one line, "
                          f'in quotes if it starts with [, {{ or a digit, e.g. {key.value}: "..."')


@rule("KB403", "unknown-front-matter-key",
      "A front-matter setting is not one that the site uses; it is probably misspelt.",
      tests="tests/test_catalogue.py")
def unknown_front_matter_keys(doc: Document):
    """Flag each top-level setting that is not in KNOWN_KEYS, naming the known ones."""
    for key, _ in front_matter_settings(doc):
        if not (isinstance(key, yaml.ScalarNode) and key.value in KNOWN_KEYS):
            yield Finding(key.start_mark.line + 2, key.start_mark.column + 1, "KB403",
                          f"unknown front-matter setting \"{getattr(key, 'value', key)}\"; "
                          f"use {', '.join(KNOWN_KEYS)}")
