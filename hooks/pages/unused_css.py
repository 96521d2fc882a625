"""Material's main stylesheet cut down to the rules our pages can use, once per build.

Every article loads Material's whole stylesheet before its first paint, and most of its rules
are for features this site does not turn on. After the build, the site's copy is rewritten in
place (same name, so every page's link stays as drawn) with only the selectors whose names
can all be present:

- in the built HTML of any page: its classes, ids and attributes (`name` or `name="value"`);
- or in a script that can add them at run time: Material's bundle, our scripts and the pages'
  inline scripts. Any word of a script counts, not only those of its strings (a minified bundle's
  regular expressions throw a scanner for quotes off: mkdocs-materialx's hid `md-dialog--active`
  that way, and its rules were cut), a `dataset` property (`mdState`)
  counts as its attribute (`data-md-state`), and a `data-` attribute may take any such word as
  its value, so the states Material sets while the reader clicks are kept. No list of names
  is kept by hand. A name a script builds from pieces (`"md-tooltip2--" + side`) is not seen:
  the features we turn on spell theirs whole, which tests/test_unused_css.py (every class the
  scripts set keeps its rules) and the browser tests (screenshots, axe) hold to.

It is a test of names, not a selector match: a selector is kept when every class, id and
attribute it asks for outside `:not()`, `:is()` and the like exists somewhere. Element names,
pseudo-classes and the contents of functional pseudo-classes never remove a selector. An
`@media` or `@supports` block keeps the rules that survive inside it; other at-rules
(`@keyframes`, `@page`) stay whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from collections.abc import Iterator
from pathlib import Path

import tinycss2

# Material's stylesheet in the built site: its name carries a hash that changes with each release.
STYLESHEET_GLOB = "assets/stylesheets/main.*.min.css"
SCRIPT_GLOB = "assets/javascripts/*.js"
# Literal first, so that the search skips ahead quickly.
CLASS_RE = re.compile(rb'class="([^"]*)"')
INLINE_SCRIPT_RE = re.compile(rb"<script\b[^>]*>(.+?)</script>", re.DOTALL)
SCRIPT_WORD_RE = re.compile(r"[A-Za-z_][\w-]*")
# A `dataset` property names a `data-` attribute.
DATASET_RE = re.compile(r"\bdataset\.([A-Za-z]\w*)")
UPPER_RE = re.compile(r"[A-Z]")
GROUPED_AT_RULES = ("media", "supports")
PAGES_PER_SEARCH = 200
SCRIPT_SET_VALUES = ("[data-", "[role=")


@dataclass(frozen=True)
class Purge:
    """What a purge did: the stylesheet rewritten, its bytes before and after."""

    stylesheet: Path
    before: int
    after: int


def selector_names(tokens: list) -> set[str]:
    """The names one selector needs: `.class`, `#id`, `[attr` and, for `[attr=value]`, `[attr=value`."""
    names, previous = set(), None
    for token in tokens:
        if token.type == "ident" and previous is not None and previous.type == "literal" and previous.value == ".":
            names.add("." + token.value)
        elif token.type == "hash":
            names.add("#" + token.value)
        elif token.type == "[] block":
            names |= attribute_names(token.content)
        previous = token
    return names


def attribute_names(content: list) -> set[str]:
    """`[attr` for an attribute selector, and `[attr=value` when it asks for that exact value."""
    parts = [token for token in content if token.type not in ("whitespace", "comment")]
    if not parts or parts[0].type != "ident":
        return set()
    name = parts[0].value.lower()
    exact = len(parts) >= 3 and parts[1].type == "literal" and parts[1].value == "=" and parts[2].type in ("ident", "string")
    return {"[" + name, f"[{name}={parts[2].value}"} if exact else {"[" + name}


def split_selectors(prelude: list) -> list[list]:
    """A rule's selector list, one token list per selector."""
    selectors = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append([])
        else:
            selectors[-1].append(token)
    return selectors


def kept_rules(rules: list, present: set[str]) -> str:
    """The rules, serialized, without the selectors that need a name not `present`."""
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [tinycss2.serialize(selector).strip() for selector in split_selectors(rule.prelude)
                         if selector_names(selector) <= present]
            if selectors:
                kept.append(",".join(selectors) + "{" + tinycss2.serialize(rule.content) + "}")
        elif grouped(rule):
            inner = kept_rules(inner_rules(rule), present)
            if inner:
                kept.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{inner}}}")
        elif rule.type == "at-rule":
            kept.append(rule.serialize())
    return "".join(kept)


def grouped(rule) -> bool:
    """Whether the rule is an `@media` or `@supports` block of rules."""
    return rule.type == "at-rule" and rule.lower_at_keyword in GROUPED_AT_RULES and rule.content is not None


def inner_rules(rule) -> list:
    return tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True)


def needed_names(rules: list) -> set[str]:
    """Every name that some selector of the stylesheet needs."""
    names = set()
    for rule in rules:
        if rule.type == "qualified-rule":
            for selector in split_selectors(rule.prelude):
                names |= selector_names(selector)
        elif grouped(rule):
            names |= needed_names(inner_rules(rule))
    return names


def script_words(script: str) -> set[str]:
    """The words of a script, its strings among them: the names of classes, ids, attributes and values
    it may set (a rule too many, never one too few)."""
    return set(SCRIPT_WORD_RE.findall(script))


def script_names(script: str, words: set[str]) -> set[str]:
    """Every name a script may give an element: each of its words as a class, id or
    attribute, and each `dataset` property as its `data-` attribute (`mdState`: `data-md-state`)."""
    names = {name for word in words for name in ("." + word, "#" + word, "[" + word.lower())}
    return names | {"[data-" + UPPER_RE.sub(lambda upper: "-" + upper.group().lower(), prop)
                    for prop in DATASET_RE.findall(script)}


def html_forms(name: str) -> tuple[bytes, ...]:
    """What a needed id, attribute or attribute value looks like in HTML, to find as bytes. An
    attribute's name is also found when the word follows a space in the text: a rule too many,
    never one too few."""
    if name[0] == "#":
        return (b'id="%s"' % name[1:].encode(),)
    attribute, is_value, value = name[1:].partition("=")
    if is_value:
        return (b'%s="%s"' % (attribute.encode(), value.encode()),)
    return (b" " + attribute.encode(), b"\n" + attribute.encode())


def found_in_pages(html: bytes, classes: set[str], others: dict[str, tuple[bytes, ...]]) -> set[str]:
    """Those of the wanted `classes` and `others` (ids, attributes) that an element of these pages has."""
    found = {"." + name for value in set(CLASS_RE.findall(html)) for name in value.decode().split()} & classes
    return found | {name for name, forms in others.items() if any(form in html for form in forms)}


def pages_in_batches(site_dir: Path) -> Iterator[bytes]:
    """The site's HTML pages, PAGES_PER_SEARCH at a time, joined: each search covers many pages at once."""
    pages = sorted(site_dir.rglob("*.html"))
    for start in range(0, len(pages), PAGES_PER_SEARCH):
        yield b"\n".join(page.read_bytes() for page in pages[start:start + PAGES_PER_SEARCH])


def site_names(site_dir: Path, wanted: set[str]) -> set[str]:
    """Those of the `wanted` names that an element of the built site has, or can be given by a script."""
    present = set()
    classes = {name for name in wanted if name[0] == "."}
    others = {name: html_forms(name) for name in wanted - classes}
    scripts = [path.read_text(encoding="utf-8") for path in site_dir.glob(SCRIPT_GLOB)]
    inline = set()
    for html in pages_in_batches(site_dir):
        inline |= set(INLINE_SCRIPT_RE.findall(html))
        present |= found_in_pages(html, classes - present, {name: forms for name, forms in others.items()
                                                             if name not in present})
    scripts += [script.decode(errors="replace") for script in inline]
    words = set()
    for script in scripts:
        found = script_words(script)
        present |= script_names(script, found) & wanted
        words |= found
    # The states Material's scripts set while the reader clicks and scrolls are `data-` attributes
    # (data-md-state, data-md-color-scheme...): any word of a script may be such a value.
    present |= {name for name in wanted if name.startswith(SCRIPT_SET_VALUES) and name.partition("=")[0] in present
                and name.partition("=")[2] in words}
    return present


def purge_stylesheet(site_dir: Path) -> Purge | None:
    """Rewrite the site's copy of Material's stylesheet without the rules no page can use."""
    found = sorted(site_dir.glob(STYLESHEET_GLOB))
    if not found:
        return None
    stylesheet = found[0]
    css = stylesheet.read_text(encoding="utf-8")
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    smaller = kept_rules(rules, site_names(site_dir, needed_names(rules)))
    stylesheet.write_text(smaller, encoding="utf-8")
    return Purge(stylesheet, len(css.encode()), len(smaller.encode()))
