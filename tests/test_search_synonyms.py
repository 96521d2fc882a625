"""The writers' search synonyms (hooks/search/synonyms.yml, and synonyms.CODE.yml per language):
the real files are clean against the real articles and published per language, each rule
(KB420-KB423) finds its fault at its line and column, and the writers' command reports it."""

from __future__ import annotations

import json
import subprocess
import sys

import yaml

from hooks.checks.config import load_site_config
from hooks.checks.rules.search_synonyms import SYNONYMS_FILE, article_words, check_synonyms, language_synonyms
from tests.corpussite import corpus_project
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


def real_languages() -> dict:
    """Each language of the real site: (its synonyms file, its checked synonyms)."""
    languages = load_site_config(ROOT / "mkdocs.yml").languages
    return language_synonyms(languages.names, languages.default, article_words(ROOT / "docs"))


def test_each_languages_file_is_clean_and_a_language_without_one_has_none():
    checked = real_languages()
    assert {language: synonyms.findings for language, (_, synonyms) in checked.items()} == {
        "en": (), "es": (), "ar": ()}
    assert checked["es"][0] == SYNONYMS_FILE.with_name("synonyms.es.yml") and checked["es"][1].table
    assert not checked["ar"][0].exists() and checked["ar"][1].table == {}


def test_the_build_publishes_each_languages_synonyms(site):
    aids = site.site / "kb-search"
    for language, (_, synonyms) in real_languages().items():
        name = "synonyms.json" if language == "en" else f"synonyms.{language}.json"
        assert json.loads((aids / name).read_text(encoding="utf-8")) == synonyms.table
    assert json.loads((aids / "synonyms.es.json").read_text(encoding="utf-8"))["cerrojo"] == ["candado"]


def check_command(project) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "hooks", "check"], cwd=project, capture_output=True,
                          text=True, check=False)


def test_the_writers_command_reports_a_languages_synonym_fault_at_its_line(project_copy):
    """Clean as the project is; with a replacement no article has, exit 1 and the file's line."""
    assert check_command(project_copy).returncode == 0
    spanish = project_copy / "hooks" / "search" / "synonyms.es.yml"
    spanish.write_text(spanish.read_text(encoding="utf-8") + "buzón lleno: [rebotte]\n", encoding="utf-8")
    line = len(spanish.read_text(encoding="utf-8").splitlines())
    result = check_command(project_copy)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f'hooks/search/synonyms.es.yml:{line}:15: KB421 "rebotte" is in no article, so searching for it finds '
        "nothing; replace it with the word the articles use"]


def test_a_generated_corpus_keeps_the_synonyms_it_has_words_for(tmp_path):
    """The benchmarks' corpus replaces our articles: the synonyms naming their words go, so the
    writers' command passes on it (make bench times it), and the others stay for its search."""
    project, _ = corpus_project(tmp_path / "project", 100)
    kept = yaml.safe_load((project / "hooks" / "search" / "synonyms.yml").read_text(encoding="utf-8"))
    assert "lock" not in kept and kept["not updating"] == ["propagation"]
    result = check_command(project)
    assert (result.returncode, result.stdout) == (0, "")
