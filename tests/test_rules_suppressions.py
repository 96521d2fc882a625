"""KB001: a `kb-ignore` comment that silences nothing on its line is reported; a used one is not."""

from __future__ import annotations

from hooks.checks.config import load_settings
from hooks.checks.engine import check_text
from tests.conftest import ROOT

SETTINGS = load_settings(ROOT / "mkdocs.yml")


def found(text: str) -> list[tuple[int, int, str]]:
    """(line, column, rule ID) of each finding in an article, with the site's settings."""
    return [(f.line, f.col, f.rule_id) for f in check_text(text, SETTINGS)]


def test_a_comment_that_silences_a_finding_passes():
    """The gap 1, 2, 4 is KB101; the comment on its line silences it and is itself used."""
    assert found("1. a\n2. b\n4. c <!-- kb-ignore KB101 -->\n") == []


def test_a_comment_that_silences_nothing_is_reported_at_the_comment():
    """Steps 1, 2, 3 break nothing, so the comment is KB001 at its column."""
    text = "1. a\n2. b\n3. c <!-- kb-ignore KB101 -->\n"
    assert found(text) == [(3, text.splitlines()[2].index("<!--") + 1, "KB001")]


def test_a_comment_on_another_line_than_the_finding_is_reported_and_silences_nothing():
    """The finding on line 3 stays; the comment on line 2 is unused."""
    rules = [rule_id for _, _, rule_id in found("1. a\n2. b <!-- kb-ignore KB101 -->\n4. c\n")]
    assert sorted(rules) == ["KB001", "KB101"]
