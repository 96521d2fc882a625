"""The writers' checks of a build, run in a process of their own (hooks/checks/beside.py)."""

from __future__ import annotations

import os

import pytest
from mkdocs.structure.files import File

from hooks.checks.beside import ChecksBeside, ChecksStopped
from hooks.checks.engine import check_text
from hooks.checks.source import Settings
from tests.conftest import DOCS


def docs_files(paths) -> list[File]:
    """MkDocs' own File objects for these articles of docs/."""
    return [File(str(path.relative_to(DOCS)), str(DOCS), "/tmp/site", True) for path in paths]


def test_findings_are_those_of_each_page_in_page_order(tmp_path):
    """The process returns, for each file in order, exactly what check_text finds in it."""
    bad = tmp_path / "typed.md"
    bad.write_text("# Call us\n\nCall 1 888 401 4678 now.\n", encoding="utf-8")
    files = docs_files(sorted(DOCS.glob("domains/*.md"))) + [File("typed.md", str(tmp_path), "/tmp/site", True)]
    found = ChecksBeside(files, settings=Settings()).findings()
    assert [path for path, _ in found] == [os.path.relpath(f.abs_src_path) for f in files]
    assert [findings for _, findings in found] == [check_text(f.content_string) for f in files]
    assert [finding.rule_id for finding in found[-1][1]] == ["KB203"]


def test_a_crash_in_the_checks_stops_the_build_with_its_cause(tmp_path):
    """A file that vanished before it was checked: the error names the cause instead of hanging."""
    files = [File("gone.md", str(tmp_path), "/tmp/site", True)]
    with pytest.raises(ChecksStopped, match="the writers' checks failed:(.|\n)*gone.md"):
        ChecksBeside(files, settings=Settings()).findings()
