"""A copy of the project whose articles are a generated corpus (bench/corpus.py), for search
tests and benchmarks at 1,000 and 3,000 articles.

The real categories are replaced by the corpus; the home page and the writers' guide stay.
The navigation is written from the corpus, at the end of mkdocs.yml where `nav:` lives today.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from bench.corpus import CATEGORIES, Corpus, write_corpus
from tests.sitebuild import copy_project


def corpus_project(dest: Path, articles: int) -> tuple[Path, Corpus]:
    """Copy the project to `dest`, put a corpus of `articles` articles in place of ours, return both."""
    project = copy_project(dest)
    docs = project / "docs"
    for category in docs.iterdir():
        if category.is_dir() and (category / "index.md").is_file():
            shutil.rmtree(category)
    corpus = write_corpus(docs, articles)
    config = project / "mkdocs.yml"
    head, found, _ = config.read_text().partition("\nnav:\n")
    if found:
        config.write_text(head + "\n" + corpus_nav(corpus))
    return project, corpus


def corpus_nav(corpus: Corpus) -> str:
    """The `nav:` section for a corpus: the home page, then each category with its articles."""
    lines = ["nav:", "  - Home: index.md"]
    for folder, name, _ in CATEGORIES:
        lines += [f"  - {name}:", f"      - {folder}/index.md"]
        lines += [f"      - {article.path}" for article in corpus.in_category(folder)]
    return "\n".join(lines) + "\n"
