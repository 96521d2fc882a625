"""Translations that fall behind their original: the banner on the built page, `make stale`'s report,
and builds of one commit that stay byte-identical.

The project is copied into a throwaway Git repository whose commits carry chosen dates (as in
tests/test_publish_dates.py); everything is built with the real mkdocs.yml and the stale report
runs as the writer runs it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import guide_sources, soup
from tests.sitebuild import ROOT, build, copy_project
from tests.test_publish_dates import CLOCKS, clone, differing, git

OLD_DAY, NEW_DAY = date(2024, 1, 10), date(2025, 3, 5)
# Changed in English after its translations: Spanish and Arabic fall behind.
SEED = "email-troubleshooting/password-issues-mac-mail-ios.md"
# Changed in English after its Spanish translation, on the same day and second: behind by commit order.
SAME_SECOND = "email-setup/iphone-ipad.md"
# Changed in English, then its translation brought up to date the same day: not behind.
CAUGHT_UP = "email-setup/android.md"
UNCHANGED = "email-setup/apple-mail-mac.md"
# Spanish translates every page but the writers' guide's.
SPANISH_MISSING = len(guide_sources())


def append(repo: Path, source: str, text: str) -> None:
    path = repo / "docs" / source
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


@pytest.fixture(scope="module")
def history(tmp_path_factory) -> Path:
    """Everything committed on OLD_DAY; then, on NEW_DAY, each of the changes the names above describe."""
    repo = copy_project(tmp_path_factory.mktemp("stale-i18n") / "repo")
    (repo / "Makefile").write_bytes((ROOT / "Makefile").read_bytes())
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "All pages", day=OLD_DAY)
    steps = [(SEED, "\nOne more sentence.\n"), ("es/" + SAME_SECOND, "\nUna frase más.\n"),
             (SAME_SECOND, "\nOne more sentence.\n"), (CAUGHT_UP, "\nOne more sentence.\n"),
             ("es/" + CAUGHT_UP, "\nUna frase más.\n")]
    for source, text in steps:
        append(repo, source, text)
        git(repo, "commit", "-q", "-am", f"Change {source}", day=NEW_DAY)
    return repo


@pytest.fixture(scope="module")
def built(history, tmp_path_factory):
    result = build(history, tmp_path_factory.mktemp("stale-site") / "site", clock=CLOCKS[0])
    assert result.returncode == 0, result.output
    return result


def url_of(source: str) -> str:
    return source.removesuffix(".md") + "/"


def banner(result, source: str):
    """The stale banner of the built page of `source` (a path under docs/), or None."""
    return soup(result.html(url_of(source))).select_one("article .kb-stale")


def stale(project: Path, *args: str) -> subprocess.CompletedProcess:
    """`python -m hooks stale ARGS`, as `make stale` runs it, in the project folder."""
    return subprocess.run([sys.executable, "-m", "hooks", "stale", *args], cwd=project,
                          env={**os.environ, "PYTHONPATH": str(project)}, capture_output=True, text=True, check=False)


def test_a_translation_older_than_its_changed_original_shows_the_banner_with_the_day_and_link(built):
    found = banner(built, "es/" + SEED)
    assert found is not None, "no stale banner on the Spanish seed article"
    assert found.select_one("time")["datetime"] == NEW_DAY.isoformat()
    assert found.select_one("time").get_text() == "5 de marzo de 2025"
    assert "el original en inglés cambió el 5 de marzo de 2025" in found.get_text()
    link = found.select_one("a.kb-stale__original")
    assert link["href"] == "../../../" + url_of(SEED) and link["hreflang"] == "en"
    assert link.get_text() == "Leer el original en inglés"


def test_the_banner_speaks_the_page_language(built):
    found = banner(built, "ar/" + SEED)
    assert found is not None, "no stale banner on the Arabic seed article"
    assert found.select_one("time").get_text() == "5 مارس 2025"
    assert "تغيّر الأصل الإنجليزي" in found.get_text()
    assert found.select_one("a")["href"] == "../../../" + url_of(SEED)


def test_a_translation_changed_after_its_original_or_never_behind_has_no_banner(built):
    assert banner(built, "es/" + CAUGHT_UP) is None
    assert banner(built, "es/" + UNCHANGED) is None
    for source in (SEED, SAME_SECOND, CAUGHT_UP):
        assert banner(built, source) is None, "an English page shows a translation's banner"


def test_commit_order_not_the_day_decides_within_one_second(built):
    """The original's commit came after the translation's, at the same second: it is behind."""
    assert banner(built, "es/" + SAME_SECOND) is not None


def test_a_second_build_of_the_same_commit_is_byte_identical(history, built, tmp_path):
    again = build(clone(history, tmp_path / "again"), tmp_path / "again" / "site", clock=CLOCKS[1])
    assert again.returncode == 0, again.output
    assert banner(again, "es/" + SEED) is not None
    assert differing(built.site, again.site) == []


def test_a_copy_without_history_shows_no_banner(history, built, tmp_path):
    """Outside Git no page has a commit to compare: no banner rather than a wrong one."""
    copy = tmp_path / "copy"
    shutil.copytree(history, copy, ignore=shutil.ignore_patterns(".git"))
    result = build(copy, tmp_path / "site")
    assert result.returncode == 0, result.output
    assert banner(built, "es/" + SEED) is not None
    assert banner(result, "es/" + SEED) is None and banner(result, "es/" + SAME_SECOND) is None


def test_make_stale_lists_the_translations_behind_with_their_days(history):
    result = subprocess.run(["make", "-s", "-o", ".venv/.installed", "stale", f"PY={sys.executable}"],
                            cwd=history, capture_output=True, text=True, check=False)
    lines = result.stdout.splitlines()
    for source, translated in ((SEED, OLD_DAY), (SAME_SECOND, NEW_DAY)):
        assert (f"docs/es/{source}: behind docs/{source}, which changed on {NEW_DAY}; the translation last "
                f"changed on {translated}; update it and commit") in lines, result.stdout + result.stderr
    assert f"docs/ar/{SEED}: behind docs/{SEED}, which changed on {NEW_DAY}; the translation last changed on {OLD_DAY}; " \
           "update it and commit" in lines
    assert not [line for line in lines if line.startswith((f"docs/es/{CAUGHT_UP}:", f"docs/es/{UNCHANGED}:"))]
    assert f"es: 2 translation(s) behind the original, {SPANISH_MISSING} page(s) not translated" in lines


def test_missing_translations_are_listed_per_language(history):
    lines = stale(history, "--date", OLD_DAY.isoformat()).stdout.splitlines()
    assert f"docs/ar/{UNCHANGED}: not translated; the original is docs/{UNCHANGED}" in lines
    assert not [line for line in lines if line.startswith(f"docs/es/{UNCHANGED}:")]
    assert lines.index(next(line for line in lines if line.startswith("es: "))) < \
        lines.index(next(line for line in lines if line.startswith("ar: ")))


def test_translations_behind_exit_1_only_with_the_flag(history, tmp_path):
    """No review is due on OLD_DAY: the translations behind leave the status 0 unless asked for."""
    assert stale(history, "--date", OLD_DAY.isoformat()).returncode == 0
    assert stale(history, "--date", OLD_DAY.isoformat(), "--fail-on-translations").returncode == 1
    first = tmp_path / "first"
    subprocess.run(["git", "clone", "-q", str(history), str(first)], check=True, capture_output=True)
    git(first, "reset", "-q", "--hard", "HEAD~5")
    up_to_date = stale(first, "--date", OLD_DAY.isoformat(), "--fail-on-translations")
    assert up_to_date.returncode == 0, up_to_date.stdout
    assert f"es: 0 translation(s) behind the original, {SPANISH_MISSING} page(s) not translated" in up_to_date.stdout.splitlines()


def test_a_shallow_clone_compares_nothing_older_than_its_first_commit_and_says_so(history, tmp_path):
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{history}", str(shallow)], check=True,
                   capture_output=True)
    result = stale(shallow, "--date", OLD_DAY.isoformat(), "--fail-on-translations")
    assert result.returncode == 0, result.stdout
    assert f"es: 0 translation(s) behind the original, {SPANISH_MISSING} page(s) not translated" in result.stdout.splitlines()
    assert "shallow Git clone: a translation and its original both last changed before" in result.stderr
    assert "shallow Git clone" not in stale(history, "--date", OLD_DAY.isoformat()).stderr


def test_bad_languages_in_mkdocs_yml_are_one_line_and_exit_2(history, tmp_path):
    project = clone(history, tmp_path / "bad")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("    es: Español\n", "    xx: Nowhere\n"),
                      encoding="utf-8")
    result = stale(project, "--date", OLD_DAY.isoformat())
    assert result.returncode == 2
    line = next(line for line in config.read_text(encoding="utf-8").splitlines(keepends=False)
                if line.strip() == "xx: Nowhere")
    number = config.read_text(encoding="utf-8").splitlines().index(line) + 1
    assert result.stderr.strip() == (f"mkdocs.yml:{number}: extra.languages.xx: Material has no translation for "
                                     "'xx'; use a code from material/templates/partials/languages/ (such as es, fr, ar)")
    assert "Traceback" not in result.stderr
