"""KB416 nav-file-syntax (and KB404 for a .nav.yml): bytes in, findings out; and what the build does
with a .nav.yml it cannot read: one line, no traceback, the folder's pages still published."""

from __future__ import annotations

import pytest

from hooks.checks.rules.nav import NAV_FILE, nav_verdict
from tests.conftest import ROOT
from tests.sitebuild import build


@pytest.mark.parametrize("data, place, rule_id, says", [
    (b"nav:\n  - index.md\n  - MX records: the basics: mx-records.md\n", (3, 27), "KB416",
     "the file is not valid YAML (mapping values are not allowed in this context); put quotes around a title"),
    (b'nav:\n  - "MX records: mx-records.md\n', (2, 5), "KB416", "the file is not valid YAML (while scanning a quoted"),
    (b"nav:\n\t- index.md\n", (2, 1), "KB416", "the file is not valid YAML"),
    (b"- index.md\n- mx-records.md\n", (1, 1), "KB416", "the file is not a list of `key: value` settings"),
    (b"nav:\n  - Caf\xe9: mx-records.md\n", (2, 8), "KB404", "byte 0xe9 is not UTF-8"),
])
def test_a_nav_file_that_cannot_be_read_is_reported_and_left_out(data, place, rule_id, says):
    """Each must fail once, at the place the writer erred, and leave no text for awesome-nav."""
    verdict = nav_verdict(data)
    [finding] = verdict.findings
    assert ((finding.line, finding.col), finding.rule_id) == (place, rule_id)
    assert finding.message.startswith(says), finding.message
    assert verdict.text is None


@pytest.mark.parametrize("data", [
    b"", b"# only a comment\n", b'nav:\n  - index.md\n  - "MX records: the basics": mx-records.md\n',
    b"title: Mail\nsort:\n  by: title\nnav:\n  - glob: '*'\n", "nav:\n  - Caf\u00e9: mx-records.md\n".encode(),
])
@pytest.mark.parametrize("check_settings", [False, True])
def test_a_readable_nav_file_passes(data, check_settings):
    """Empty, comments only, quoted titles, options and UTF-8 titles: no finding, and the text is kept."""
    verdict = nav_verdict(data, check_settings=check_settings)
    assert (verdict.findings, verdict.text) == ((), data.decode("utf-8"))


@pytest.mark.parametrize("data, place, says", [
    (b"nav:\n  - index.md\nsort:\n  direction: sideways\n", (4, 14),
     "the value of `sort.direction` is not one awesome-nav accepts (input should be 'asc' or 'desc'); change it"),
    (b"nav:\n  - index.md\n  - 5\n", (3, 5),
     "the value of `nav[1]` is not one awesome-nav accepts (input should be a valid string); write each entry"),
    (b"title: Mail\nflatten_single_child_sections: maybe\n", (2, 32),
     "the value of `flatten_single_child_sections` is not one awesome-nav accepts (input should be a valid boolean"),
    (b"nav: mx-records.md\n", (1, 6), "the value of `nav` is not one awesome-nav accepts (input should be a valid list)"),
])
def test_a_value_awesome_nav_refuses_is_one_finding_at_the_value(data, place, says):
    """The build's check: awesome-nav's own rules, reported at the value in one line; the
    writers' command (without check_settings) leaves these values to the build."""
    verdict = nav_verdict(data, check_settings=True)
    [finding] = verdict.findings
    assert ((finding.line, finding.col), finding.rule_id) == (place, "KB416")
    assert finding.message.startswith(says), finding.message
    assert "\n" not in finding.message and verdict.text is None
    assert nav_verdict(data).findings == ()


def test_the_real_nav_files_pass_and_keep_awesome_nav_s_file_name():
    """Every .nav.yml of the site is readable and clean (KB301 included), and the site keeps
    awesome-nav's default file name, the one the build and the command read."""
    from mkdocs.config import load_config
    assert load_config(str(ROOT / "mkdocs.yml")).plugins["awesome-nav"].config.filename == NAV_FILE
    found = {path: nav_verdict(path.read_bytes()).findings for path in sorted((ROOT / "docs").rglob(NAV_FILE))}
    assert found and all(findings == () for findings in found.values()), found


def test_the_preview_build_goes_on_without_the_unreadable_nav_file(project_copy, tmp_path):
    """Without --strict the build completes with no traceback, reports the line, and the folder's
    articles are still published (in file-name order)."""
    (project_copy / "docs/domains/.nav.yml").write_bytes(b"nav:\n  - Caf\xe9: mx-records.md\n")
    built = build(project_copy, tmp_path / "site", strict=False)
    assert built.returncode == 0, built.output
    assert "Traceback" not in built.output
    assert "docs/domains/.nav.yml:2:8: KB404 byte 0xe9 is not UTF-8" in built.output
    assert (tmp_path / "site/domains/mx-records/index.html").is_file()


def test_the_build_reports_a_refused_value_in_one_line_and_the_preview_goes_on(project_copy, tmp_path):
    """Instead of awesome-nav's error over several lines: one line at the value; strict fails,
    the preview publishes the folder's articles by file name."""
    (project_copy / "docs/domains/.nav.yml").write_text("nav:\n  - index.md\nsort:\n  direction: sideways\n",
                                                         encoding="utf-8")
    strict = build(project_copy, tmp_path / "strict")
    assert strict.returncode == 1
    problems = [line for line in strict.output.splitlines() if line.startswith(("WARNING", "ERROR"))]
    assert len(problems) == 1 and "docs/domains/.nav.yml:4:14: KB416 the value of `sort.direction`" in problems[0]
    assert "pydantic" not in strict.output and "Validation error" not in strict.output
    preview = build(project_copy, tmp_path / "preview", strict=False)
    assert preview.returncode == 0, preview.output
    assert (tmp_path / "preview/domains/mx-records/index.html").is_file()


def test_a_nav_file_linked_from_outside_docs_is_not_read(project_copy, tmp_path):
    """A .nav.yml that is a symbolic link out of docs/ gets KB408, as any such file does; what it
    points to is never read (its broken YAML gives no KB416)."""
    (project_copy / "private").mkdir()
    (project_copy / "private/nav.yml").write_text("nav: [unclosed\n", encoding="utf-8")
    nav = project_copy / "docs/domains/.nav.yml"
    nav.unlink()
    nav.symlink_to(project_copy / "private/nav.yml")
    built = build(project_copy, tmp_path / "site")
    assert built.returncode == 1
    problems = [line for line in built.output.splitlines() if line.startswith(("WARNING", "ERROR"))]
    assert len(problems) == 1 and "docs/domains/.nav.yml:1:1: KB408 this is a link to private/nav.yml" in problems[0]
