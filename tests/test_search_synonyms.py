"""The writers' search synonyms (hooks/search/synonyms.yml): the real file is clean against the
real articles, and each rule (KB420-KB423) finds its fault at its line and column."""

from __future__ import annotations

from hooks.checks.rules.search_synonyms import SYNONYMS_FILE, article_words, check_synonyms
from tests.sitebuild import ROOT

KNOWN = {"bounce", "smtp", "mx", "padlock", "two", "factor"}


def located(text: str) -> set[tuple[int, int, str]]:
    return {(f.line, f.col, f.rule_id) for f in check_synonyms(text, KNOWN).findings}


def test_the_real_file_is_clean_against_the_real_articles():
    checked = check_synonyms(SYNONYMS_FILE.read_text(encoding="utf-8"), article_words(ROOT / "docs"))
    assert checked.findings == () and checked.table


def test_a_clean_file_gives_its_table():
    checked = check_synonyms("2FA: [two-factor]\nNDR: [bounce]\n", KNOWN)
    assert checked.findings == () and checked.table == {"2fa": ["two-factor"], "ndr": ["bounce"]}


def test_each_fault_is_found_where_it_is():
    assert located("2fa: two-factor\n") == {(1, 1, "KB420")}
    assert located("2fa: [two-factor\n") == {(2, 1, "KB420")}
    assert located("ndr: [bounse]\n") == {(1, 7, "KB421")}
    assert located("ndr: [bounce]\nNDR: [bounce]\n") == {(2, 1, "KB422")}
    assert located("ndr: [bounce, bounce]\n") == {(1, 15, "KB422")}
    assert located("smtp: [mx]\nmx: [bounce]\nbounce: [smtp]\n") == {(3, 1, "KB423")}
    assert located("ndr: [bounce]\nbounce: [mx]\n") == set()  # a chain, not a loop


def test_the_messages_say_what_to_do():
    (finding,) = check_synonyms("ndr: [bounse]\n", KNOWN).findings
    assert finding.format("hooks/search/synonyms.yml") == (
        'hooks/search/synonyms.yml:1:7: KB421 "bounse" is in no article, so searching for it finds nothing; '
        "replace it with the word the articles use")
