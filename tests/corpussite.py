"""A copy of the project whose articles are a generated corpus (bench/corpus.py), for search
tests and benchmarks at 100 to 3,000 articles.

The real categories are replaced by the corpus; the home page and the writers' guide stay.
The navigation comes from the folders, so only `docs/.nav.yml`'s order of categories changes.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from bench.corpus import CATEGORIES, Corpus, write_corpus
from tests.sitebuild import copy_project


def corpus_project(dest: Path, articles: int, shape: str = "flat") -> tuple[Path, Corpus]:
    """Copy the project to `dest`, put a corpus of `articles` articles (in `shape`, see
    bench/corpus.py) in place of ours, return both."""
    project = copy_project(dest)
    docs = project / "docs"
    for index in docs.glob("*/index.md"):
        shutil.rmtree(index.parent)
    corpus = write_corpus(docs, articles, shape=shape)
    order = docs / ".nav.yml"
    nav = yaml.safe_load(order.read_text(encoding="utf-8"))
    nav["nav"] = ["index.md", *(folder for folder, _, _ in CATEGORIES)]
    order.write_text(yaml.safe_dump(nav, sort_keys=False), encoding="utf-8")
    return project, corpus
