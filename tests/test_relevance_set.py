"""The relevance benchmark's judged sets (bench/relevance/queries.yml, queries-es.yml) keep their
rules in the real competing corpus, built with the real mkdocs.yml and read from its Pagefind
index: no query has a token that only its answers have among the pages of its language, every
answer is an indexed article, each kind has enough queries (20 in English, 4 in Spanish) and the
set enough in all (150, 30). Each judged heading is a heading (below the h1) of one of its
query's answers in the index, and at least 20 English queries name one. Small bad sets show
that each rule can fail."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from bench.relevance.corpus import competing_project
from bench.relevance.judged import (KINDS, MIN_HEADINGS, MIN_PER_KIND, MIN_TOTAL, SPANISH, heading_problems,
                                    in_language, indexed_articles, indexed_headings, indexed_languages,
                                    load_queries, problems, tokens)
from tests.sitebuild import build


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    """The Pagefind index of the built competing corpus."""
    project = competing_project(tmp_path_factory.mktemp("relevance") / "project")
    result = build(project, project / "site")
    assert result.returncode == 0, result.output[-2000:]
    return result.site / "pagefind"


@pytest.fixture(scope="module")
def indexed(bundle) -> dict[str, dict[str, str]]:
    """Each language's indexed pages in the built competing corpus: path and indexed text."""
    every, languages = indexed_articles(bundle), indexed_languages(bundle)
    return {language: in_language(every, language, languages) for language in languages}


@pytest.fixture(scope="module")
def articles(indexed) -> dict[str, str]:
    """The English pages, which the English set is judged against."""
    return indexed["en"]


@pytest.fixture(scope="module")
def spanish(indexed) -> dict[str, str]:
    return indexed["es"]


@pytest.fixture(scope="module")
def judged():
    queries, shape = load_queries()
    assert shape == []
    return queries


@pytest.fixture(scope="module")
def judged_spanish():
    queries, shape = load_queries(SPANISH.path)
    assert shape == []
    return queries


def rules(found: list[str]) -> set[str]:
    """The rule names of `problems()` lines ("where: rule: what")."""
    return {line.split(": ")[1] for line in found}


def written(tmp_path: Path, text: str) -> list:
    path = tmp_path / "queries.yml"
    path.write_text(text, encoding="utf-8")
    queries, shape = load_queries(path)
    assert shape == []
    return queries


def test_the_real_set_keeps_every_rule(judged, articles):
    assert problems(judged, articles) == []
    assert len(judged) >= MIN_TOTAL and {query.kind for query in judged} == set(KINDS)


def test_a_word_only_the_answer_has_is_refused_with_its_place(tmp_path, articles):
    """"Keychain" alone is not refused (other articles have it); a word of the answer's own
    is, with the file, line and column of the query's entry (the second, on line 4)."""
    answer = "email-troubleshooting/password-issues-mac-mail-ios.md"
    own = sorted(token for token in tokens(articles[answer])
                 if token.isalpha() and all(token not in tokens(text) for path, text in articles.items() if path != answer))
    assert own, "the real article has no word of its own: the corpus no longer shows the rule"
    queries = written(tmp_path, f"- q: keychain\n  kind: label\n  answers: [{answer}]\n"
                                f"- q: keychain {own[0]}\n  kind: label\n  answers: [{answer}]\n")
    found = problems(queries, articles)
    assert [line for line in found if "unique-token" in line] == [
        f"{tmp_path / 'queries.yml'}:4:3: unique-token: {own[0]!r} is in no article but the answer; "
        "reword the query so another article has each of its words"]


def test_the_answer_set_decides_what_is_unique(judged, articles):
    """The same query is refused when its answers are all the articles that have one of its words."""
    query = next(q for q in judged if q.text == "padlock")
    holders = tuple(path for path, text in articles.items() if "padlock" in tokens(text))
    assert len(holders) > 1 and "unique-token" not in rules(problems([query], articles))
    assert "unique-token" in rules(problems([dataclasses.replace(query, answers=holders)], articles))


def test_an_answer_that_is_not_in_the_corpus_is_refused(tmp_path, articles):
    queries = written(tmp_path, "- q: reset mailbox password\n  kind: instruction\n"
                                "  answers: [accounts/reset-mailbox-pasword.md]\n")
    assert "answer" in rules(problems(queries, articles))


def test_unknown_kinds_duplicates_and_malformed_entries_are_refused(tmp_path, articles):
    queries = written(tmp_path, "- {q: webmail, kind: jargon, answers: [accounts/webmail.md]}\n"
                                "- {q: Webmail, kind: slang, answers: [accounts/webmail.md]}\n")
    assert {"kind", "duplicate"} <= rules(problems(queries, articles))
    path = tmp_path / "bad.yml"
    path.write_text("- {q: webmail, kind: jargon, answers: accounts/webmail.md}\n", encoding="utf-8")
    assert load_queries(path) == ([], [f"{path}:1:3: shape: an entry needs `q:` (text), `kind:` and "
                                       "`answers:` (a list of paths)"])


def test_a_kind_with_too_few_queries_is_refused(judged, articles):
    """Three queries fewer of one kind: still 150 in all, but that kind has fewer than 20."""
    errors = [q for q in judged if q.kind == "error"]
    short = [q for q in judged if q.kind != "error"] + errors[: MIN_PER_KIND - 1]
    assert len(short) >= MIN_TOTAL
    assert rules(problems(short, articles)) == {"per-kind"}


def test_a_set_under_150_is_refused(judged, articles):
    """Twenty of each kind: every kind has enough, the set does not."""
    small = [q for kind in KINDS for q in [q for q in judged if q.kind == kind][:MIN_PER_KIND]]
    assert rules(problems(small, articles)) == {"total"}


def test_the_spanish_set_keeps_every_rule_among_the_spanish_pages(judged_spanish, spanish):
    assert problems(judged_spanish, spanish, SPANISH) == []
    assert len(judged_spanish) >= SPANISH.min_total and {query.kind for query in judged_spanish} == set(KINDS)
    assert all(path.startswith("es/") for path in spanish) and len(spanish) > 80  # the competitors are there
    assert all(answer in spanish for query in judged_spanish for answer in query.answers)


def test_a_spanish_word_is_unique_among_spanish_pages_even_when_english_ones_have_it(tmp_path, judged_spanish,
                                                                                     spanish, articles):
    """"Keychain Access" is in many English pages but, among the Spanish ones, only in the
    Spanish seed (its English label in brackets): on a Spanish page it singles the seed out."""
    answer = "es/email-troubleshooting/password-issues-mac-mail-ios.md"
    assert [path for path, text in spanish.items() if "keychain" in tokens(text)] == [answer]
    assert len([path for path, text in articles.items() if "keychain" in tokens(text)]) > 1
    queries = written(tmp_path, f"- q: Keychain Access\n  kind: label\n  answers: [{answer}]\n")
    assert "unique-token" in rules(problems(queries, spanish, SPANISH))
    assert "unique-token" not in rules(problems(queries, {**spanish, **articles}, SPANISH))


def test_a_spanish_set_under_30_or_with_a_thin_kind_is_refused(judged_spanish, spanish):
    short = [q for q in judged_spanish if q.kind != "jargon"] + [q for q in judged_spanish if q.kind == "jargon"][:3]
    assert rules(problems(short, spanish, SPANISH)) == {"per-kind"}
    small = [q for kind in KINDS for q in [q for q in judged_spanish if q.kind == kind][:SPANISH.min_per_kind]]
    assert len(small) < SPANISH.min_total and rules(problems(small, spanish, SPANISH)) == {"total"}


@pytest.fixture(scope="module")
def headings(bundle) -> dict[str, set[str]]:
    return indexed_headings(bundle)


def test_every_judged_heading_is_a_heading_of_an_answer(judged, headings):
    assert heading_problems(judged, headings) == []
    judged_headings = [query for query in judged if query.headings]
    assert len(judged_headings) >= MIN_HEADINGS
    assert len({query.kind for query in judged_headings}) == len(KINDS)  # every kind has some


def test_a_heading_outside_the_answers_unknown_or_the_title_is_refused(tmp_path, headings):
    """A heading of another article, an id the answer lacks and the answer's own h1 are refused,
    each with the query's place and the fix; a real heading of the answer is not."""
    answer = "websites/ssl-https.md"
    assert "force-https" in headings[answer]
    queries = written(tmp_path, f"- {{q: Force HTTPS, kind: label, answers: [{answer}], headings: [{answer}#force-https]}}\n"
                                f"- {{q: force https now, kind: label, answers: [{answer}], headings: [accounts/webmail.md#sign-in]}}\n"
                                f"- {{q: forse https, kind: label, answers: [{answer}], headings: [{answer}#force-http]}}\n"
                                f"- {{q: https on, kind: label, answers: [{answer}], headings: [{answer}#turn-on-ssl-and-force-https]}}\n")
    found = heading_problems(queries, headings, dataclasses.replace(SPANISH, min_headings=0))
    where = tmp_path / "queries.yml"
    assert found[0] == (f"{where}:2:3: heading: accounts/webmail.md#sign-in is not in one of the query's answers; "
                        "name a heading of an article in `answers`")
    assert [line.split(": heading: ")[0] for line in found] == [f"{where}:2:3", f"{where}:3:3", f"{where}:4:3"]
    assert "no heading with id 'force-http' below its h1; use one of " in found[1] and "force-https" in found[1]


def test_a_set_with_too_few_judged_headings_is_refused(judged, headings):
    fewer = [query for query in judged if query.headings][: MIN_HEADINGS - 1]
    assert rules(heading_problems(fewer, headings)) == {"headings"}
    assert heading_problems(fewer + [q for q in judged if q.headings][MIN_HEADINGS - 1:], headings) == []


def test_headings_that_are_not_a_list_of_anchors_are_refused(tmp_path):
    path = tmp_path / "bad.yml"
    path.write_text("- {q: webmail, kind: jargon, answers: [accounts/webmail.md], headings: accounts/webmail.md}\n",
                    encoding="utf-8")
    assert load_queries(path) == ([], [f"{path}:1:3: shape: `headings:` is a list of `path#id`, "
                                       "e.g. [accounts/webmail.md#sign-in]"])
