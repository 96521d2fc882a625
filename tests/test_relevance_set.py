"""The relevance benchmark's judged set (bench/relevance/queries.yml) keeps its rules in the real
competing corpus, built with the real mkdocs.yml and read from its Pagefind index: no query
has a token that only its answers have, every answer is an indexed article, each kind has
at least 20 queries and the set at least 150. Small bad sets show that each rule can fail."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from bench.relevance.corpus import competing_project
from bench.relevance.judged import KINDS, MIN_PER_KIND, MIN_TOTAL, indexed_articles, load_queries, problems, tokens
from tests.sitebuild import build


@pytest.fixture(scope="module")
def articles(tmp_path_factory) -> dict[str, str]:
    """Every indexed page of the built competing corpus: its path and its indexed text."""
    project = competing_project(tmp_path_factory.mktemp("relevance") / "project")
    result = build(project, project / "site")
    assert result.returncode == 0, result.output[-2000:]
    return indexed_articles(result.site / "pagefind")


@pytest.fixture(scope="module")
def judged():
    queries, shape = load_queries()
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
