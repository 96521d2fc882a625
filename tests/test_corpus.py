"""The benchmark corpus (bench/corpus.py): deterministic, uneven, and clean for the checks."""

from __future__ import annotations

from bench.corpus import CATEGORIES, category_sizes, write_corpus
from hooks.checks.config import load_settings
from hooks.checks.engine import check_text
from tests.filetree import snapshot
from tests.sitebuild import ROOT


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path):
    """Two runs with one seed write identical trees; another seed writes a different one."""
    for folder, seed in (("a", 2026), ("b", 2026), ("c", 7)):
        write_corpus(tmp_path / folder, 120, seed=seed)
    assert snapshot(tmp_path / "a") == snapshot(tmp_path / "b")
    assert snapshot(tmp_path / "a") != snapshot(tmp_path / "c")


def test_categories_are_as_uneven_as_a_real_help_center():
    """At 3,000 articles the largest category holds 400 and the smallest 10; sizes add up."""
    sizes = category_sizes(3000)
    assert max(sizes.values()) == 400 and min(sizes.values()) == 10
    for articles in (13, 100, 1000, 3000):
        assert sum(category_sizes(articles).values()) == articles
        assert len(category_sizes(articles)) == len(CATEGORIES)


def test_articles_are_clean_and_quote_one_unique_error(tmp_path):
    """Every article passes the writers' checks and quotes its own error message word for word."""
    corpus = write_corpus(tmp_path, 300)
    settings = load_settings(ROOT / "mkdocs.yml")
    errors = [article.error for article in corpus.articles]
    assert len(set(errors)) == len(errors) == 300
    for article in corpus.articles:
        text = (tmp_path / article.path).read_text(encoding="utf-8")
        assert f'"{article.error}"' in text
        assert check_text(text, settings) == [], article.path
