"""KB415 unknown-template: front matter in, (line, col, message) out; and the same lines from the
strict build (which must not end in a Jinja traceback) and the writers' command."""

from __future__ import annotations

import subprocess
import sys

import pytest

from hooks.checks.config import load_settings
from hooks.checks.engine import check_text
from hooks.checks.rules.templates import page_templates, templates_in
from hooks.checks.source import Settings
from tests.conftest import ROOT
from tests.sitebuild import build

SITE = load_settings(ROOT / "mkdocs.yml")
CHOICES = "use category.html, contact.html, home.html or main.html"


def article(template_line: str) -> str:
    """An article whose front matter ends with `template_line` (line 4)."""
    return f"---\ntitle: Mail\ndescription: Read your mail.\n{template_line}\n---\n\n# Mail\n\nText.\n"


def kb415(text: str, settings: Settings = SITE) -> list[tuple[int, int, str]]:
    """(line, col, message) of each KB415 finding."""
    return [(f.line, f.col, f.message) for f in check_text(text, settings) if f.rule_id == "KB415"]


def test_the_page_templates_are_the_top_of_overrides():
    """The site's page templates are the files at the top of overrides/ (not its partials), plus
    main.html, which every theme has; Material's own page templates are not offered."""
    assert SITE.page_templates == frozenset({"category.html", "contact.html", "home.html", "main.html"})
    assert templates_in(None) == frozenset({"main.html"})
    assert page_templates(["blog.html", ".draft.html", "notes.txt"]) == frozenset({"blog.html", "main.html"})


@pytest.mark.parametrize("template_line", [
    "template: category.html", "template: home.html", "template: main.html", 'template: "category.html"',
    "tags:\n  - Mail",  # no template: the article uses main.html
])
def test_a_page_template_of_the_site_passes(template_line):
    """A name the theme's custom_dir has at its top, or no `template:` at all, is not reported."""
    assert kb415(article(template_line)) == []


@pytest.mark.parametrize("template_line, col, says", [
    ("template: no-such.html", 11, 'template "no-such.html" is none of the site\'s page templates; ' + CHOICES),
    ("template: ../x.html", 11, 'template "../x.html" is a path; name one of the site\'s page templates instead: '
                                "category.html, contact.html, home.html or main.html"),
    ("template: partials/header.html", 11, 'template "partials/header.html" is a path'),
    ("template: /main.html", 11, 'template "/main.html" is a path'),
    ("template: base.html", 11, 'template "base.html" is none of the site\'s page templates'),
    ("template: Category.html", 11, 'template "Category.html" is none'),
    ("template: [main.html]", 11, "template must be the file name of a page template, found a list; " + CHOICES),
    ("template:", 10, "template must be the file name of a page template, found nothing"),
    ('template: "no\\nsuch.html"', 11, 'template "no\\nsuch.html" is none'),  # one line, whatever the value
])
def test_a_template_the_site_does_not_have_is_reported_at_its_value(template_line, col, says):
    """Unknown names, paths (even to a real template), Material's base.html and values that are not
    text are each reported once, at the value on line 4."""
    [(line, found_col, message)] = kb415(article(template_line))
    assert (line, found_col) == (4, col)
    assert message.startswith(says), message
    assert "\n" not in message


def test_without_the_theme_the_rule_does_not_guess():
    """Where the theme's templates were not read (Settings() alone), no name is reported."""
    assert kb415(article("template: no-such.html"), Settings()) == []


BAD = {"docs/domains/mail.md": "template: no-such.html", "docs/domains/mail2.md": "template: ../x.html"}
GOOD = {"docs/domains/mail3.md": "template: category.html"}


def expected_lines() -> list[str]:
    """The line each bad page gets, from the command and (after `WARNING -  `) from the build."""
    return [f"{path}:4:11: KB415 {kb415(article(line))[0][2]}" for path, line in sorted(BAD.items())]


def test_build_and_command_report_the_template_and_leave_the_page_out(project_copy, tmp_path):
    """The strict build fails on one line per bad page, with no traceback; the command prints the same
    lines and exits 1; a build without --strict completes without the bad pages and with the good one."""
    for path, line in {**BAD, **GOOD}.items():
        (project_copy / path).write_text(article(line), encoding="utf-8")
    strict = build(project_copy, tmp_path / "strict")
    assert strict.returncode == 1
    assert "Traceback" not in strict.output and "TemplateNotFound" not in strict.output
    warnings = [line.split("-  ", 1)[1] for line in strict.output.splitlines() if line.startswith("WARNING")]
    assert warnings == expected_lines(), strict.output

    command = subprocess.run([sys.executable, "-m", "hooks", "check"], cwd=project_copy,
                             capture_output=True, text=True, check=False)
    assert (command.returncode, command.stdout.splitlines(), command.stderr) == (1, expected_lines(), "")

    preview = build(project_copy, tmp_path / "plain", strict=False)
    assert preview.returncode == 0, preview.output
    assert "Traceback" not in preview.output
    assert (tmp_path / "plain/domains/mail3/index.html").is_file()
    assert not (tmp_path / "plain/domains/mail").exists() and not (tmp_path / "plain/domains/mail2").exists()


def test_the_good_template_alone_builds_and_passes_the_command(project_copy, tmp_path):
    """category.html on a new page: the strict build and the command are clean."""
    for path, line in GOOD.items():
        (project_copy / path).write_text(article(line), encoding="utf-8")
    built = build(project_copy, tmp_path / "site")
    assert built.returncode == 0, built.output
    assert "KB415" not in built.output
    command = subprocess.run([sys.executable, "-m", "hooks", "check"], cwd=project_copy,
                             capture_output=True, text=True, check=False)
    assert (command.returncode, command.stdout, command.stderr) == (0, "", "")
