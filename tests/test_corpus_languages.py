"""The benchmark corpus in every language (bench/corpus.py's `languages`): each page's translation
is its own language's text with the original's structure, passes the writers' checks, and the real
site pairs it with its original, so bench/scale_languages.py measures translations, not fallback pages."""

from __future__ import annotations

import re

import pytest

from bench.corpus import write_corpus
from bench.corpus_translations import VOICES, invented
from bench.scale_languages import language_pages
from hooks.checks.config import load_settings
from hooks.checks.engine import check_text
from tests.conftest import soup
from tests.corpussite import corpus_project
from tests.filetree import snapshot
from tests.sitebuild import ROOT, build
from tests.test_i18n_site import SITE, sitemap_alternates, switcher

ARTICLES = 20
CODES = ("es", "ar")
# What a translation keeps as written within its lines: placeholders, link targets, quoted error messages.
KEPT_RE = re.compile(r"\{\{.*?\}\}|\]\([^)]*\)|\"[^\"]*\"")
FENCED_RE = re.compile(r"^ *```.*?^ *```$", re.MULTILINE | re.DOTALL)


def test_translations_keep_the_structure_in_words_of_their_own_language(tmp_path):
    """Every page is written once per language at the same path: other words, line for line the
    same code, placeholders, link targets and error message; the English pages are the bytes a
    one-language corpus has."""
    corpus = write_corpus(tmp_path / "all", ARTICLES, languages=CODES)
    write_corpus(tmp_path / "english", ARTICLES)
    english = snapshot(tmp_path / "english")
    written = snapshot(tmp_path / "all")
    assert {path: data for path, data in written.items() if path.split("/")[0] not in CODES} == english
    settings = load_settings(ROOT / "mkdocs.yml")
    for article in corpus.articles:
        original = (tmp_path / "all" / article.path).read_text(encoding="utf-8")
        texts = {code: (tmp_path / "all" / code / article.path).read_text(encoding="utf-8") for code in CODES}
        assert len(set(texts.values()) | {original}) == 3, article.path
        for code, text in texts.items():
            assert text.count("\n") == original.count("\n")
            assert KEPT_RE.findall(text) == KEPT_RE.findall(original) and f'"{article.error}"' in text
            assert FENCED_RE.findall(text) == FENCED_RE.findall(original)
            assert check_text(text, settings) == [], f"{code}/{article.path}"
    assert re.search(r"[\u0600-\u06ff]{3}", texts["ar"]) and not re.search(r"[\u0600-\u06ff]", texts["es"])


@pytest.mark.parametrize("word", ["a", "the", "Check", "settings", "mailbox", "certificate"])
def test_an_invented_word_weighs_what_the_english_word_weighs(word):
    """As many UTF-8 bytes as the English word in Spanish; in Arabic (two bytes a letter) one at most
    either way; the same word every time, and another in each language."""
    made = {code: invented(word, code) for code in VOICES}
    assert len(made["es"].encode()) == len(word.encode())
    assert abs(len(made["ar"].encode()) - len(word.encode())) <= 1
    assert made == {code: invented(word, code) for code in VOICES} and len(set(made.values())) == len(made)


@pytest.fixture(scope="module")
def translated_site(tmp_path_factory):
    """The real site built from the corpus in every language, one article's translations removed."""
    project, corpus = corpus_project(tmp_path_factory.mktemp("languages") / "project", ARTICLES, translated=True)
    untranslated = corpus.articles[1]
    for code in CODES:
        (project / "docs" / code / untranslated.path).unlink()
    result = build(project, project / "site")
    assert result.returncode == 0, result.output
    return result, corpus, untranslated


def test_the_site_pairs_every_translation_with_its_original(translated_site):
    """Each translated article is a page in its language, linked to its original and the other
    translation (switcher and sitemap); the one whose translations were removed gets fallback pages."""
    site, corpus, untranslated = translated_site
    sitemap = sitemap_alternates(site)
    for article in corpus.articles:
        paired = article is not untranslated
        expected = {"en": SITE + article.url, **{code: f"{SITE}{code}/{article.url}" for code in CODES},
                    "x-default": SITE + article.url} if paired else {}
        assert sitemap[SITE + article.url] == expected, article.url
        for code in CODES:
            page = site.html(f"{code}/{article.url}")
            assert soup(page).html["lang"] == code
            rels = {language: rel for language, (_, rel, _) in switcher(page).items()}
            assert rels == {"en": "alternate" if paired else None, code: None,
                            **{other: "alternate" if paired else None for other in CODES if other != code}}


def test_the_bench_counts_fallback_pages_only_where_there_are_some(translated_site):
    """bench/scale_languages.py's count of fallback pages among a language's article pages: one here,
    none in the default language."""
    site, corpus, _ = translated_site
    for code in CODES:
        sizes, fallbacks = language_pages(site.site, corpus, code)
        assert len(sizes) == ARTICLES and fallbacks == 1
    assert language_pages(site.site, corpus, "")[1] == 0
