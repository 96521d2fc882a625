"""The judged query sets (queries.yml in English, queries-es.yml in Spanish) and the rules they keep.

Each query names the articles that answer it, judged by reading them. A query may not carry
a token that only its answers have: with such a word, any engine finds the answer, and the
benchmark would measure nothing. Tokens are taken the way search engines take them apart:
lower case, split on white space; each word counts with the punctuation at its ends removed,
and so does each run of letters and digits inside it (`mail.example.com` is one token, and
`mail`, `example` and `com` are three more). Nothing is stemmed, so a query word must appear
as written in another article: stricter than any engine that stems. Each set is judged
against the pages of its own language, the index its searches read (Pagefind keeps one per
<html lang>): a Spanish query's words must be in another Spanish page.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

from hooks.search.pagefind_index import ENTRY_FILE, indexed_text

QUERIES = Path(__file__).with_name("queries.yml")
SPANISH_QUERIES = Path(__file__).with_name("queries-es.yml")
KINDS = {
    "error": "pasted error messages, whole and partial, with and without quotes",
    "label": "UI labels copied from a screen",
    "instruction": "short instructions",
    "own-words": "the customer's own words for a setting",
    "jargon": "jargon and its plain synonym",
    "misspelling": "misspellings",
    "question": "questions",
}
MIN_PER_KIND = 20
MIN_TOTAL = 150
MIN_HEADINGS = 20  # issue 18: sub-results measured on at least 20 queries
_PARTS = re.compile(r"[\W_]+")
_EDGES = re.compile(r"^[\W_]+|[\W_]+$")


@dataclass(frozen=True)
class QuerySet:
    """One language's judged set: its file and how many queries it needs, per kind and in all."""

    language: str  # the <html lang> of its pages; the default language's pages have no prefix
    path: Path
    min_per_kind: int
    min_total: int
    min_headings: int = 0  # queries that name the headings that answer them


ENGLISH = QuerySet("en", QUERIES, MIN_PER_KIND, MIN_TOTAL, MIN_HEADINGS)
# Issue 21 asks for 30 Spanish queries, in the English set's kinds.
SPANISH = QuerySet("es", SPANISH_QUERIES, 4, 30)
SETS = {query_set.language: query_set for query_set in (ENGLISH, SPANISH)}


@dataclass(frozen=True)
class Query:
    """One judged query: what the customer typed, its kind, the articles that answer it."""

    text: str
    kind: str
    answers: tuple[str, ...]  # paths under docs/, e.g. "email-setup/outlook.md"
    where: str  # file:line:col of its entry, for messages
    headings: tuple[str, ...] = ()  # the answers' headings that answer it: "path#id"


def tokens(text: str) -> set[str]:
    """The tokens of `text`, as the module docstring says."""
    found = set()
    for word in text.lower().split():
        whole = _EDGES.sub("", word)
        if whole:
            found.add(whole)
            found.update(part for part in _PARTS.split(whole) if part)
    return found


class _LocatedLoader(yaml.SafeLoader):
    """Safe YAML whose mappings remember where they start."""


def _located_mapping(loader, node):
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__where__"] = (node.start_mark.line + 1, node.start_mark.column + 1)
    return mapping


_LocatedLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _located_mapping)


def load_queries(path: Path = QUERIES) -> tuple[list[Query], list[str]]:
    """The queries of `path`, and one message for each entry that is not a judged query."""
    queries, problems = [], []
    for entry in yaml.load(path.read_text(encoding="utf-8"), Loader=_LocatedLoader) or []:
        line, column = entry.get("__where__", (0, 0)) if isinstance(entry, dict) else (0, 0)
        where = f"{path}:{line}:{column}"
        answers = entry.get("answers") if isinstance(entry, dict) else None
        headings = entry.get("headings", []) if isinstance(entry, dict) else None
        if not (isinstance(entry, dict) and isinstance(entry.get("q"), str) and isinstance(answers, list)
                and answers and all(isinstance(answer, str) for answer in answers)):
            problems.append(f"{where}: shape: an entry needs `q:` (text), `kind:` and `answers:` (a list of paths)")
            continue
        if not (isinstance(headings, list) and all(isinstance(heading, str) and "#" in heading for heading in headings)):
            problems.append(f"{where}: shape: `headings:` is a list of `path#id`, e.g. [accounts/webmail.md#sign-in]")
            continue
        queries.append(Query(entry["q"], str(entry.get("kind")), tuple(answers), where, tuple(headings)))
    return queries, problems


def url_to_path(url: str) -> str:
    """An article's source path from its URL: /email-setup/outlook/ is email-setup/outlook.md.
    A category page comes out as its folder's name and .md; it is never an answer."""
    return url.strip("/") + ".md"


def indexed_articles(bundle: Path) -> dict[str, str]:
    """Every page in a built Pagefind index, by source path: its title and its indexed text."""
    return {url_to_path(page["url"]): f"{page['meta'].get('title', '')} {page['content']}"
            for page in indexed_text(bundle)}


def indexed_headings(bundle: Path) -> dict[str, set[str]]:
    """The ids of each indexed page's headings below its h1 (h2 to h6), by source path: the
    places a sub-result can open it at (Pagefind makes them from headings with ids)."""
    return {url_to_path(page["url"]): {anchor["id"] for anchor in page.get("anchors", [])
                                       if re.fullmatch(r"h[2-6]", anchor["element"], re.IGNORECASE)}
            for page in indexed_text(bundle)}


def heading_problems(queries: list[Query], headings: dict[str, set[str]], query_set: QuerySet = ENGLISH) -> list[str]:
    """One line per judged heading that is not a heading of one of its query's answers (below
    the h1), and one when too few queries name headings. `headings`: indexed_headings()."""
    found = []
    for query in queries:
        for heading in query.headings:
            path, _, anchor = heading.partition("#")
            if path not in query.answers:
                found.append(f"{query.where}: heading: {heading} is not in one of the query's answers; "
                             "name a heading of an article in `answers`")
            elif anchor not in headings.get(path, set()):
                found.append(f"{query.where}: heading: {path} has no heading with id {anchor!r} below its h1; "
                             f"use one of {', '.join(sorted(headings.get(path, set()))) or 'none (it has none)'}")
    judged = sum(1 for query in queries if query.headings)
    if judged < query_set.min_headings:
        found.append(f"{query_set.path.name}: headings: {judged} queries name their headings; "
                     f"the set needs {query_set.min_headings}")
    return found


def indexed_languages(bundle: Path) -> set[str]:
    """The languages a built Pagefind index holds (one index each)."""
    return set(json.loads((bundle / ENTRY_FILE).read_text(encoding="utf-8"))["languages"])


def in_language(articles: dict[str, str], language: str, languages: set[str]) -> dict[str, str]:
    """The pages of `language` among `articles`: those under its folder (es/...), or, for the
    default language (English), those under no other language's folder."""
    def language_of(path: str) -> str:
        folder = path.split("/", 1)[0]
        return folder if folder in languages and "/" in path else ENGLISH.language
    return {path: text for path, text in articles.items() if language_of(path) == language}


def problems(queries: list[Query], articles: dict[str, str], query_set: QuerySet = ENGLISH) -> list[str]:
    """One line per broken rule: counts, unknown kinds, unknown answers, tokens only answers have.
    `articles`: the pages of the set's language."""
    pages_with = defaultdict(set)
    for path, text in articles.items():
        for token in tokens(text):
            pages_with[token].add(path)
    found = []
    seen = Counter(query.text.lower() for query in queries)
    for query in queries:
        if query.kind not in KINDS:
            found.append(f"{query.where}: kind: {query.kind!r} is not one of {', '.join(KINDS)}")
        for answer in query.answers:
            if answer not in articles:
                found.append(f"{query.where}: answer: {answer} is not an article of the corpus; give its path under docs/")
        for token in sorted(tokens(query.text)):
            if pages_with[token] and pages_with[token] <= set(query.answers):
                found.append(f"{query.where}: unique-token: {token!r} is in no article but the answer; "
                             "reword the query so another article has each of its words")
        if seen[query.text.lower()] > 1:
            found.append(f"{query.where}: duplicate: {query.text!r} is judged more than once")
    kinds = Counter(query.kind for query in queries)
    name = query_set.path.name
    for kind in KINDS:
        if kinds[kind] < query_set.min_per_kind:
            found.append(f"{name}: per-kind: {kinds[kind]} {kind} queries; the set needs {query_set.min_per_kind}")
    if len(queries) < query_set.min_total:
        found.append(f"{name}: total: {len(queries)} queries; the set needs {query_set.min_total}")
    return found
