"""A copy of the project whose articles are a generated corpus (bench/corpus.py), for search
tests and benchmarks at 100 to 3,000 articles.

The real categories are replaced by the corpus; the home page and the writers' guide stay.
The navigation comes from the folders, so only `docs/.nav.yml`'s order of categories changes.
By default the corpus is in the default language alone: the translations (docs/es/, ...)
translate articles it replaces, so they leave, and so do their settings (`extra.languages`,
`extra.support.languages`). With `translated`, the settings stay and the corpus is written in
every language, each page with its translations (bench/corpus.py's `languages`).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

from bench.corpus import CATEGORIES, Corpus, write_corpus
from hooks.checks.rules.search_synonyms import SYNONYMS_FOLDER, article_words, check_synonyms
from tests.sitebuild import ROOT, copy_project, outside_navigation

# The settings of the other languages: `extra.languages` after its first line (the default
# language), and `extra.support.languages`; each with the more indented lines under it.
OTHER_LANGUAGES_RE = re.compile(r"^(  languages:\n    \S[^\n]*\n)(?:(?:      .*|    \S.*|\s*#.*)?\n)*?(?=  \S)"
                                r"|^    languages:\n(?:(?:      .*|\s*)\n)*", re.MULTILINE)


def default_language_only(config: str) -> str:
    """mkdocs.yml with the settings of every language but the default cut out."""
    cut, found = OTHER_LANGUAGES_RE.subn(lambda match: match.group(1) or "", config)
    assert found >= 1, "mkdocs.yml has no extra.languages to cut"
    return cut


def other_languages(config: str) -> tuple[str, ...]:
    """The codes of mkdocs.yml's `extra.languages` but the default (the first)."""
    return tuple(yaml.load(config, Loader=yaml.BaseLoader)["extra"].get("languages", {}))[1:]


def corpus_synonyms(project: Path) -> None:
    """Keep, in each synonyms file, the synonyms the corpus has words for, as the build keeps them:
    the others name words of our articles, which the corpus replaced, and the writers' check
    refuses them (KB421). competing_project() puts our articles and the whole files back."""
    known = article_words(project / "docs")
    for path in (project / SYNONYMS_FOLDER).glob("synonyms*.yml"):
        table = check_synonyms(path.read_text(encoding="utf-8"), known).table
        path.write_text(yaml.safe_dump(table, allow_unicode=True, sort_keys=False), encoding="utf-8")


def corpus_project(dest: Path, articles: int, shape: str = "flat",
                   keep_languages: bool = False, translated: bool = False) -> tuple[Path, Corpus]:
    """Copy the project to `dest`, put a corpus of `articles` articles (in `shape`, see
    bench/corpus.py) in place of ours, return both. `keep_languages`: the other languages'
    settings stay, for a caller that puts their folders back (the relevance corpus).
    `translated`: they stay, and every page of the corpus is written translated into each of them
    (docs/<code>/, bench/corpus.py's `languages`), beside that language's own home and contact pages."""
    project = copy_project(dest)
    docs = project / "docs"
    for index in docs.glob("*/index.md"):
        if not outside_navigation(project, index.relative_to(docs).as_posix()):  # the writers' guide stays
            shutil.rmtree(index.parent)  # categories and translations alike
    config = project / "mkdocs.yml"
    languages = other_languages(config.read_text(encoding="utf-8")) if translated else ()
    if not (keep_languages or translated):
        config.write_text(default_language_only(config.read_text(encoding="utf-8")), encoding="utf-8")
    corpus = write_corpus(docs, articles, shape=shape, languages=languages)
    corpus_synonyms(project)
    for prefix in ("", *(f"{code}/" for code in languages)):
        if prefix:
            for page in (ROOT / "docs" / prefix).glob("*.md"):  # the language's home page (and contact page)
                shutil.copy2(page, docs / prefix / page.name)
        order = ROOT / "docs" / prefix / ".nav.yml"
        nav = yaml.safe_load(order.read_text(encoding="utf-8"))
        nav["nav"] = ["index.md", *(folder for folder, _, _ in CATEGORIES)]
        (docs / prefix / ".nav.yml").write_text(yaml.safe_dump(nav, sort_keys=False), encoding="utf-8")
    return project, corpus
