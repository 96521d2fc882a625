"""KB420-KB423: the search synonyms writers keep, one file per language: hooks/search/synonyms.yml
for the default language, synonyms.CODE.yml (synonyms.es.yml) for another; a language without
its file has no synonyms.

Each entry maps what a customer types to the words our articles use for it
(`2fa: [two-factor]`); the search script of a page then also looks for those words (one step,
never onwards), with the synonyms of the page's language. The build (hooks/search/query_aids.py)
and the writers' command check each file, and the build publishes it as JSON only when it is
clean: a replacement no article contains finds nothing (KB421), a word mapped twice hides one
of its entries (KB422, YAML keeps the last silently), and a loop (`a: [b]`, `b: [a]`) asks for
a chain that one-step expansion never follows (KB423).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from hooks.checks.findings import SYNONYMS, Finding, rule

SYNONYMS_FOLDER = Path("hooks", "search")  # in the project, beside its mkdocs.yml
SYNONYMS_FILE = Path(__file__).resolve().parents[2] / "search" / "synonyms.yml"
KB420, KB421, KB422, KB423 = "KB420", "KB421", "KB422", "KB423"
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Synonyms:
    """The checked synonyms (customer's words -> the articles' words, lower case) and the findings."""

    table: dict[str, list[str]]
    findings: tuple[Finding, ...]


def synonyms_file(language: str, default: str, folder: Path = SYNONYMS_FILE.parent) -> Path:
    """Where the synonyms of `language` live in `folder`; `default`: the site's default language."""
    return folder / ("synonyms.yml" if language == default else f"synonyms.{language}.yml")


def language_synonyms(languages: Iterable[str], default: str, known: set[str],
                      folder: Path = SYNONYMS_FILE.parent) -> dict[str, tuple[Path, Synonyms]]:
    """Each language's synonyms file in `folder` and its checked synonyms (empty when the file is absent)."""
    checked = {}
    for language in languages:
        path = synonyms_file(language, default, folder)
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        checked[language] = path, check_synonyms(text, known)
    return checked


def synonyms_findings(languages: Iterable[str], default: str, docs: Path, project: Path) -> list[tuple[str, Finding]]:
    """Every language's synonyms findings in the project whose mkdocs.yml is in `project` (none when
    it keeps no synonyms), against the words of the articles under `docs`, for the writers'
    command: (the file as shown, finding)."""
    folder = project / SYNONYMS_FOLDER
    return [(os.path.relpath(path), finding)
            for path, synonyms in language_synonyms(languages, default, article_words(docs), folder).values()
            for finding in synonyms.findings]


def words(text: str) -> list[str]:
    """The words of `text`, lower case, as search splits them (letters and digits)."""
    return _WORD.findall(text.lower())


def article_words(docs: Path) -> set[str]:
    """Every word of every article under `docs` (its Markdown source)."""
    found: set[str] = set()
    for article in docs.rglob("*.md"):
        found.update(words(article.read_text(encoding="utf-8", errors="replace")))
    return found


def _at(node: yaml.Node, rule_id: str, message: str) -> Finding:
    return Finding(node.start_mark.line + 1, node.start_mark.column + 1, rule_id, message)


def _entries(text: str) -> tuple[list[tuple[yaml.Node, list[yaml.Node]]], list[Finding]]:
    """The (key node, replacement nodes) of the file, or the one finding that says why it has none."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return [], [Finding(line, col, KB420, f"the file is not valid YAML ({getattr(error, 'problem', error)}); "
                                              "write one entry a line, e.g. 2fa: [two-factor]")]
    if root is None:
        return [], []
    if not isinstance(root, yaml.MappingNode):
        return [], [_at(root, KB420, "the file must map a customer's words to the articles' words; "
                                     "write one entry a line, e.g. 2fa: [two-factor]")]
    entries, found = [], []
    for key, value in root.value:
        values = value.value if isinstance(value, yaml.SequenceNode) else None
        if not (isinstance(key, yaml.ScalarNode) and values and all(
                isinstance(item, yaml.ScalarNode) and words(item.value) for item in values) and words(key.value)):
            found.append(_at(key, KB420, "an entry is a customer's word and a list of the articles' words; "
                                         "write it as e.g. 2fa: [two-factor]"))
            continue
        entries.append((key, list(values)))
    return entries, found


def _cycle(table: dict[str, list[str]], start: str) -> list[str]:
    """The loop of words from `start` back to itself, following replacements ([] when there is none)."""
    path, seen = [start], {start}
    while True:
        following = [word for word in table.get(path[-1], []) if word in table]
        if start in following:
            return path + [start]
        fresh = [word for word in following if word not in seen]
        if not fresh:
            return []
        path.append(fresh[0])
        seen.add(fresh[0])


@rule(KB420, "synonyms-file", "The search synonyms file is not valid YAML, or not a mapping of a customer's "
                              "words to lists of the articles' words.",
      tests="tests/test_search_synonyms.py", reads=SYNONYMS)
@rule(KB421, "synonym-unknown-word", "A search synonym holds a word no article contains, so it finds nothing.",
      tests="tests/test_search_synonyms.py", reads=SYNONYMS)
@rule(KB422, "synonym-duplicate", "A customer's word is mapped twice, or a replacement repeats itself or its "
                                  "word, so one of them is silently lost.",
      tests="tests/test_search_synonyms.py", reads=SYNONYMS)
@rule(KB423, "synonym-cycle", "Search synonyms map words in a loop, which one-step expansion never follows.",
      tests="tests/test_search_synonyms.py", reads=SYNONYMS)
def check_synonyms(text: str, known: set[str]) -> Synonyms:
    """The synonyms in `text` and every finding about them; `known`: the words the articles contain."""
    entries, found = _entries(text)
    table: dict[str, list[str]] = {}
    keys: dict[str, yaml.Node] = {}
    for key, values in entries:
        term = " ".join(words(key.value))
        if term in keys:
            found.append(_at(key, KB422, f'"{key.value}" is mapped already on line {keys[term].start_mark.line + 1}; '
                                         "merge the two entries into one"))
            continue
        keys[term], table[term] = key, []
        for value in values:
            replacement = " ".join(words(value.value))
            if replacement == term or replacement in map(" ".join, map(words, table[term])):
                found.append(_at(value, KB422, f'"{value.value}" repeats {"its word" if replacement == term else "itself"}'
                                               f' in this entry; remove it'))
                continue
            unknown = [word for word in words(value.value) if word not in known]
            if unknown:
                found.append(_at(value, KB421, f'"{unknown[0]}" is in no article, so searching for it finds nothing; '
                                               "replace it with the word the articles use"))
                continue
            table[term].append(value.value.strip().lower())
    for term, key in keys.items():
        loop = _cycle(table, term)
        if loop and term == min(loop):  # reported once, at the loop's first word in order
            found.append(_at(key, KB423, f"{' -> '.join(loop)} is a loop; search expands a word once, never "
                                         f"onwards: keep one direction and list every word it should find"))
    return Synonyms({term: found_words for term, found_words in table.items() if found_words}, tuple(sorted(found)))
