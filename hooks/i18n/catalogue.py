"""Our own words on the page (support block, feedback widget, search, listings, dates) in each language.

Each language has one catalogue, `hooks/i18n/strings/<code>.yml`: flat `key: text` lines, where
the text may hold `{name}` placeholders that the template fills in. The default language's
catalogue names every key and every placeholder; another language may leave a key out (the
reader then sees the default language's text, and the writers' check reports it) but may not use
a placeholder the default language's text lacks. A bad catalogue stops the build with one line.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

import yaml

CATALOGUES = Path(__file__).parent / "strings"
KEY_RE = re.compile(r"[a-z][a-z0-9_]*(\.[a-z0-9_]+)+")


class CatalogueError(ValueError):
    """A bad catalogue. The message is one line: file:line: what is wrong and the fix."""


@dataclass(frozen=True)
class Entry:
    """One catalogue line: the text, the line it is on and the placeholders it uses."""

    text: str
    line: int
    placeholders: frozenset[str]


def placeholders(text: str, where: str) -> frozenset[str]:
    """The `{name}` placeholders in `text`; a stray brace or `{0}`/`{a.b}` raises CatalogueError at `where`."""
    try:
        fields = [field for _, field, spec, conversion in string.Formatter().parse(text) if field is not None]
    except ValueError:
        raise CatalogueError(f"{where}: a lone {{ or }}; write a placeholder as {{name}}, "
                             "or double the brace ({{{{ or }}}}) to show it") from None
    bad = [field for field in fields if not field.isidentifier()]
    if bad:
        raise CatalogueError(f"{where}: {{{bad[0]}}} is not a placeholder name; "
                             "write {name} with letters, digits and _ only")
    return frozenset(fields)


def parse_catalogue(text: str, path: str) -> dict[str, Entry]:
    """Every entry of one catalogue's text; `path` names it in the one-line error."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        problem = getattr(error, "problem", None) or "not valid YAML"
        raise CatalogueError(f"{path}:{line}: not valid YAML ({problem}); write one `key: text` per line "
                             "and quote a text that holds a colon followed by a space") from None
    if root is None:
        return {}
    if not isinstance(root, yaml.MappingNode):
        raise CatalogueError(f"{path}:{root.start_mark.line + 1}: a catalogue is a list of `key: text` lines; "
                             "write each string as `support.title: Still need help?`")
    entries: dict[str, Entry] = {}
    for key_node, value_node in root.value:
        line = key_node.start_mark.line + 1
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if not isinstance(key, str) or not KEY_RE.fullmatch(key):
            raise CatalogueError(f"{path}:{line}: {key!r} is not a key; write a flat key in lower case with dots, "
                                 "such as `feedback.question`")
        if key in entries:
            raise CatalogueError(f"{path}:{line}: {key} is already on line {entries[key].line}; keep one of them")
        if not isinstance(value_node, yaml.ScalarNode) or value_node.tag != "tag:yaml.org,2002:str":
            raise CatalogueError(f"{path}:{line}: {key} must be text; write it on the same line, "
                                 "in quotes when it looks like a number, a date or yes/no")
        value = value_node.value
        entries[key] = Entry(value, line, placeholders(value, f"{path}:{line}"))
    return entries


def check_against_default(entries: Mapping[str, Entry], default: Mapping[str, Entry], path: str,
                          default_path: str) -> None:
    """A translation's keys and placeholders must be the default catalogue's; raises CatalogueError."""
    for key, entry in entries.items():
        if key not in default:
            raise CatalogueError(f"{path}:{entry.line}: {key} is not in {default_path}; "
                                 f"fix the key's spelling or add it to {default_path} first")
        if unknown := sorted(entry.placeholders - default[key].placeholders):
            allowed = ", ".join(f"{{{name}}}" for name in sorted(default[key].placeholders)) or "none"
            raise CatalogueError(f"{path}:{entry.line}: {key} uses {{{unknown[0]}}}, which {default_path} "
                                 f"does not; use only its placeholders ({allowed})")


@dataclass(frozen=True)
class Catalogues:
    """Each language's entries, the default language first; every lookup falls back to the default."""

    entries: Mapping[str, Mapping[str, Entry]]
    default: str

    def text(self, language: str | None, key: str) -> str:
        """The raw text of `key` in `language`, else in the default language."""
        entry = self.entries.get(language or self.default, {}).get(key) or self.entries[self.default].get(key)
        if entry is None:
            raise KeyError(f"asks for {key}, which hooks/i18n/strings/{self.default}.yml does not have; "
                           "add it there (and to each language's catalogue)")
        return entry.text

    def markup(self, language: str | None, key: str, values: Mapping[str, object]) -> Markup:
        """`key` in `language` as HTML, with its text and each placeholder's value escaped."""
        from markupsafe import Markup, escape  # here: the writers' checks run without the templates' packages

        text = self.text(language, key)
        try:
            return Markup(escape(text)).format(**values)
        except KeyError as error:
            raise KeyError(f"gives {key} no value for {{{error.args[0]}}}; pass it: kb_t({key!r}, "
                           f"{error.args[0]}=...)") from None

    def section(self, language: str | None, prefix: str) -> dict[str, str]:
        """Every key under `prefix.` (without the prefix) as plain text, for a script's strings."""
        keys = [key for key in self.entries[self.default] if key.startswith(prefix + ".")]
        return {key[len(prefix) + 1:]: self.text(language, key) for key in keys}


def catalogue_path(folder: Path, code: str) -> Path:
    return folder / f"{code}.yml"


def load_catalogues(folder: Path, codes: list[str], shown: Path) -> Catalogues:
    """The catalogues of `codes` (the default first) from `folder`; `shown` is the folder errors name.

    A language without a catalogue file shows the default language's text (the writers' check
    reports its missing keys); the default language's file must exist.
    """
    default = codes[0]
    found: dict[str, Mapping[str, Entry]] = {}
    for code in codes:
        path, named = catalogue_path(folder, code), (shown / f"{code}.yml").as_posix()
        if not path.is_file():
            if code == default:
                raise CatalogueError(f"{named}:1: the default language's catalogue is missing; "
                                     "create it with one `key: text` line per string")
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise CatalogueError(f"{named}:1: not UTF-8; save the file as UTF-8") from None
        entries = parse_catalogue(text, named)
        if code != default:
            check_against_default(entries, found[default], named, (shown / f"{default}.yml").as_posix())
        found[code] = MappingProxyType(entries)
    return Catalogues(MappingProxyType(found), default)


def template_helpers(catalogues: Catalogues) -> dict:
    """The templates' globals: `kb_t(key, **values)`, our text in the page's language (`kb_language`)
    as escaped HTML, and `kb_script_strings(prefix)`, a script's plain strings for `tojson`."""
    from jinja2 import pass_context
    from mkdocs.exceptions import PluginError

    @pass_context
    def kb_t(context, key: str, **values) -> Markup:
        try:
            return catalogues.markup(context.get("kb_language"), key, values)
        except KeyError as error:  # a key, or a placeholder's value, the template does not have
            raise PluginError(f"{context.name}: {error.args[0]}") from None

    @pass_context
    def kb_script_strings(context, prefix: str) -> dict[str, str]:
        return catalogues.section(context.get("kb_language"), prefix)

    return {"kb_t": kb_t, "kb_script_strings": kb_script_strings}


def reader_locale(languages, src_uri: str, default_locale) -> object:
    """The locale a page's dates are written in: the theme's for the default language, else the page's language."""
    language = languages.of(src_uri)
    return default_locale if language == languages.default else language
