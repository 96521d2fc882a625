"""The catalogue of bad inputs: each one, in a copy of the real project, through both the strict
build and the writers' command. Both must exit non-zero with one located line and no traceback,
and the writers' guide must show the very line the command prints."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from tests.conftest import ROOT
from tests.sitebuild import build, copy_project

ARTICLE = "---\ntitle: Mail\ndescription: Read your mail.\n---\n\n# Mail\n\n"


def write(relative: str, content: str | bytes) -> Callable[[Path], None]:
    """A change that writes one file into the project."""
    def change(project: Path) -> None:
        target = project / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return change


def edit_config(old: str, new: str) -> Callable[[Path], None]:
    """A change that replaces text in the project's mkdocs.yml (it must be there)."""
    def change(project: Path) -> None:
        config = project / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        assert old in text, old
        config.write_text(text.replace(old, new, 1), encoding="utf-8")
    return change


def edit_file(relative: str, old: str, new: str) -> Callable[[Path], None]:
    """A change that replaces text in one of the project's files (it must be there)."""
    def change(project: Path) -> None:
        target = project / relative
        text = target.read_text(encoding="utf-8")
        assert old in text, old
        target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return change


def symlink_out(project: Path) -> None:
    """docs/domains/secret.md is a link to a file beside docs/, not in it."""
    (project / "private").mkdir()
    (project / "private/secret.md").write_text(ARTICLE, encoding="utf-8")
    (project / "docs/domains/secret.md").symlink_to(project / "private/secret.md")


def both(*changes: Callable[[Path], None]) -> Callable[[Path], None]:
    """Several changes in one case."""
    def change(project: Path) -> None:
        for each in changes:
            each(project)
    return change


def deep_list(depth: int) -> str:
    """An article whose bullet list is nested `depth` levels deep."""
    return ARTICLE + "".join("    " * level + "- level\n" for level in range(depth))


@dataclass(frozen=True)
class Case:
    """One bad input: its name in the writers' guide, how to make it, and what the build says."""

    name: str
    make: Callable[[Path], None]
    # For links, MkDocs' own validation speaks in the build; its line names the file and the target.
    build_says: tuple[str, ...] = ()
    # For mkdocs.yml, the guide writes LINE: the line that starts with this text in the changed file.
    config_line: str | None = None

    def expected(self, project: Path) -> str:
        """The guide's line for this case, with LINE resolved in the project's mkdocs.yml."""
        line = guide_catalogue()[self.name]
        if self.config_line is None:
            return line
        lines = (project / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
        number = next(n for n, text in enumerate(lines, 1) if text.lstrip().startswith(self.config_line))
        return line.replace("mkdocs.yml:LINE:", f"mkdocs.yml:{number}:", 1)


SUPPORT = "  support:\n    organization: Example Hosting\n"
CASES = [
    Case("Front matter that is not valid YAML",
         write("docs/domains/mail.md", "---\ntitle: [unclosed\ndescription: d\n---\n\n# Mail\n")),
    Case("A title that is not text", write("docs/domains/mail.md", ARTICLE.replace("title: Mail", "title:\n  - Mail"))),
    Case("A description that is not text",
         write("docs/domains/mail.md", ARTICLE.replace("description: Read your mail.", "description: 2024"))),
    Case("An unknown front-matter setting", write("docs/domains/mail.md", ARTICLE.replace("---\n\n", "tag: DNS\n---\n\n"))),
    Case("A page template that does not exist",
         write("docs/domains/mail.md", ARTICLE.replace("---\n\n", "template: no-such.html\n---\n\n"))),
    Case("A file that is not UTF-8", write("docs/domains/mail.md", ARTICLE.encode() + b"Caf\xe9\n")),
    Case("An empty file", write("docs/domains/mail.md", b"")),
    Case("5 MB of text", write("docs/domains/mail.md", ARTICLE + "Text of a log file pasted in. " * 170_000)),
    Case("A file name with spaces", write("docs/domains/mail setup.md", ARTICLE)),
    Case("A file name with letters outside ASCII", write("docs/domains/réglages.md", ARTICLE)),
    Case("A symbolic link to a file outside docs/", symlink_out),
    Case("Lists nested 100 deep", write("docs/domains/mail.md", deep_list(100))),
    Case("An unknown phone placeholder", write("docs/domains/mail.md", ARTICLE + "Call {{ phone.fax }}.\n")),
    Case("A malformed phone placeholder", write("docs/domains/mail.md", ARTICLE + "Call {{ phone us }}.\n")),
    Case("An invalid phone number in mkdocs.yml", edit_config('number: "+1 888-401-4678"', 'number: "+1 555-0100"'),
         config_line='number: "+1 555-0100"'),
    Case("A support language that is not a language of the site",
         edit_config("    languages:\n      es:\n        region:", "    languages:\n      fr:\n        region: FR\n      es:\n        region:"),
         config_line="fr:"),
    Case("A promotion bar for a language that is not a language of the site",
         edit_config('      es:\n        text: "Hasta', '      fr:\n        text: "Hasta'), config_line="fr:"),
    Case("No extra.support in mkdocs.yml", edit_config("  support:\n    organization:", "  unused:\n    organization:"),
         config_line="extra:"),
    Case("An unknown setting in mkdocs.yml", edit_config("copyright:", "site_descripton: Help\ncopyright:"),
         config_line="site_descripton:"),
    Case("A link to a page that does not exist",
         write("docs/domains/mail.md", ARTICLE + "See [the guide](mx-record.md).\n"),
         build_says=("domains/mail.md", "mx-record.md")),
    Case("A link to a heading that does not exist",
         write("docs/domains/mail.md", ARTICLE + "See [timing](dns-propagation.md#how-long-it-takes).\n"),
         build_says=("domains/mail.md", "#how-long-it-takes")),
    Case("An image that does not exist",
         write("docs/domains/mail.md", ARTICLE + "![The settings](settings.png)\n"),
         build_says=("domains/mail.md", "settings.png")),
    Case("Two articles with one URL",
         both(write("docs/domains/mail.md", ARTICLE), write("docs/domains/mail/index.md", ARTICLE))),
    Case("Markup in a navigation title",
         write("docs/domains/.nav.yml", 'nav:\n  - index.md\n  - "MX <b>records</b>": mx-records.md\n')),
    Case("A .nav.yml that is not valid YAML",
         write("docs/domains/.nav.yml", "nav:\n  - index.md\n  - MX records: the basics: mx-records.md\n")),
    Case("A .nav.yml that is not UTF-8", write("docs/domains/.nav.yml", b"nav:\n  - index.md\n  - Caf\xe9: mx-records.md\n")),
    Case("A folder of articles without an index.md", write("docs/domains/transfers/transfer-in.md", ARTICLE)),
    Case("A placeholder the English string lacks", edit_file("hooks/i18n/strings/es.yml", "{count} caracteres.",
                                                             "{cuenta} caracteres.")),
    Case("A string with no translation", edit_file("hooks/i18n/strings/es.yml", "feedback.send: Enviar comentario\n", "")),
]
# Articles added by a case are published through folder navigation, whether or not mkdocs.yml
# lists its pages today: the case's line must be the only one.
EXPLICIT_NAV_RE = re.compile(r"(?ms)^nav:\n.*?(?=^\S|\Z)")


@pytest.fixture(scope="module")
def base_project(tmp_path_factory) -> Path:
    """A copy of the project without an explicit `nav:`, which must build cleanly as it is."""
    project = copy_project(tmp_path_factory.mktemp("catalogue") / "project")
    config = project / "mkdocs.yml"
    config.write_text(EXPLICIT_NAV_RE.sub("", config.read_text(encoding="utf-8")), encoding="utf-8")
    result = build(project, project.parent / "site")
    assert result.returncode == 0, result.output
    assert command(project).returncode == 0
    return project


@pytest.fixture
def case_project(base_project, tmp_path) -> Path:
    """A fresh copy of the base project for one case."""
    project = tmp_path / "project"
    subprocess.run(["cp", "-a", str(base_project), str(project)], check=True)
    return project


def command(project: Path) -> subprocess.CompletedProcess:
    """`python -m hooks check` as a writer runs it in the project folder."""
    environment = {key: value for key, value in os.environ.items() if key != "GITHUB_ACTIONS"}
    environment["PYTHONPATH"] = str(project)
    return subprocess.run([sys.executable, "-m", "hooks", "check"], cwd=project, env=environment,
                          capture_output=True, text=True, check=False)


def problem_lines(output: str) -> list[str]:
    """The build's lines about a problem: all but progress, blank lines and MkDocs' closing count."""
    return [line for line in output.splitlines() if line.strip() and not line.startswith("INFO")
            and not re.fullmatch(r"Aborted with (?:\d+ (?:configuration )?warnings in '?strict'? mode|a BuildError)!",
                                 line)]


def guide_catalogue() -> dict[str, str]:
    """The writers' guide's catalogue: each case's name and the line it shows for it."""
    guide = (ROOT / "docs/writers-guide/writing.md").read_text(encoding="utf-8")
    section = guide.split("## When something is wrong\n", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| (?P<name>[^|]+?) \| (?P<ticks>`+) ?(?P<line>.+?) ?(?P=ticks) \|$", section, re.MULTILINE)
    return {name: line for name, _, line in rows}


def test_the_guide_lists_every_case_of_the_catalogue():
    """The guide's table and the tested cases are the same list, in the same order."""
    assert list(guide_catalogue()) == [case.name for case in CASES]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_bad_input_gives_one_located_line_from_the_command_and_the_build(case, case_project, tmp_path):
    """The command prints exactly the guide's line and exits non-zero; the build fails on one line
    that says the same (or, for links, MkDocs' line naming the file and the target). No traceback."""
    case.make(case_project)
    expected = case.expected(case_project)
    checked = command(case_project)
    assert checked.returncode != 0
    assert (checked.stdout + checked.stderr).splitlines() == [expected]
    built = build(case_project, tmp_path / "site")
    assert built.returncode != 0
    assert "Traceback" not in built.output + checked.stdout + checked.stderr
    lines = problem_lines(built.output)
    assert len(lines) == 1, built.output
    if case.build_says:
        assert all(part in lines[0] for part in case.build_says), lines[0]
    else:
        assert lines[0].endswith(f"-  {expected}"), lines[0]


def test_a_page_whose_front_matter_fails_is_not_published(case_project, tmp_path):
    """Without --strict the build goes on, but the page with broken front matter is left out."""
    CASES[0].make(case_project)
    built = build(case_project, tmp_path / "site", "--no-strict")
    assert built.returncode == 0, built.output
    assert (tmp_path / "site/domains/dns-propagation/index.html").is_file()
    assert not (tmp_path / "site/domains/mail").exists()


def test_lists_at_the_depth_limit_pass(case_project):
    """Six levels are allowed; the seventh is the finding (the limit, not any nesting, is the rule)."""
    from hooks.checks.rules.nesting import MAX_LIST_DEPTH
    write("docs/domains/mail.md", deep_list(MAX_LIST_DEPTH))(case_project)
    assert command(case_project).returncode == 0
    write("docs/domains/mail.md", deep_list(MAX_LIST_DEPTH + 1))(case_project)
    assert "KB409" in command(case_project).stdout


def test_the_known_settings_are_mkdocs_own():
    """KB410's list of settings is MkDocs' schema, so a new MkDocs setting is never called unknown."""
    from mkdocs.config.defaults import MkDocsConfig

    from hooks.checks.rules.settings import MKDOCS_SETTINGS
    assert MKDOCS_SETTINGS == tuple(key for key, _ in MkDocsConfig._schema)


# ---- the pure functions behind the catalogue: what must pass beside what must fail ----------


def rule_ids(text: str) -> list[tuple[int, int, str]]:
    """(line, column, rule ID) of each finding in an article, with the site's settings."""
    from hooks.checks.config import load_settings
    from hooks.checks.engine import check_text
    return [(f.line, f.col, f.rule_id) for f in check_text(text, load_settings(ROOT / "mkdocs.yml"))]


@pytest.mark.parametrize("front, expected", [
    ('title: "Mail: the basics"', []),
    ("title: Mail: the basics", [(2, 12, "KB401")]),
    ('title: "[Draft] Mail"', []),
    ("title: [Draft] Mail", [(2, 16, "KB401")]),
    ("title: '2024'", []),
    ("title: 2024", [(2, 1, "KB402")]),
    ("title:", [(2, 1, "KB402")]),
    ("hide:\n  - feedback", []),
    ("Title: Mail", [(2, 1, "KB403")]),
])
def test_front_matter_rules(front, expected):
    """Quoted values pass; what YAML cannot load, or loads as other than text, or does not know, fails."""
    text = f"---\n{front}\ndescription: Read mail.\n---\n\n# Mail\n"
    assert [f for f in rule_ids(text) if f[2].startswith("KB40")] == expected


def test_a_page_without_front_matter_or_with_a_bom_is_read_as_mkdocs_reads_it():
    """No `---` at the top: nothing to check. A byte-order mark before `---` still opens front matter."""
    assert rule_ids("# Mail\n\nText.\n") == []
    assert rule_ids("\ufeff---\ntitle: [x\n---\n\n# Mail\n")[0][2] == "KB401"


@pytest.mark.parametrize("path, renamed", [
    ("email-setup/outlook.md", None),
    ("email-setup/Outlook_2024.md", None),
    ("email-setup/Mail Setup.md", "mail-setup.md"),
    ("réglages/outlook.md", "reglages"),
])
def test_file_names(path, renamed):
    """ASCII letters, digits, dots, hyphens and underscores pass; a space or an accent fails with a name."""
    from hooks.checks.rules.files import name_findings
    found = name_findings(path)
    assert (found[0].message.rsplit('"', 2)[1] if found else None) == renamed


@pytest.mark.parametrize("paths, claimed_twice", [
    (["x/dup.md", "x/dup/index.md"], "x/dup/index.md"),
    (["x/index.md", "x/README.md"], "x/index.md"),
    (["x/a.md", "x/a/b.md", "x/b.md"], None),
])
def test_duplicate_urls(paths, claimed_twice):
    """Files that MkDocs would write to one URL are reported once, on the last of them; others pass."""
    from hooks.checks.rules.site import duplicate_urls, page_url
    found = duplicate_urls({path: page_url(path) for path in paths})
    assert [where for where, _ in found] == ([claimed_twice] if claimed_twice else [])


@pytest.mark.parametrize("body", [
    # A page, one of its headings (slugged as the site slugs it) and an image, all there.
    "## Set up: the basics\n\n[Top](#set-up-the-basics), [DNS](dns-propagation.md), "
    "[records](mx-records.md#check-your-mx-records), ![icon](../assets/favicon.svg)\n",
    # A link in a code span or fence is text; a web address is not a file under docs/.
    "`[a](nowhere.md)`\n\n```\n![b](nowhere.png)\n```\n\n[c](https://example.com/x.md), "
    "[d](mailto:help@example.com), [e](#mail)\n{: #custom }\n\n[f](#custom)\n",
], ids=["links-that-resolve", "links-in-code-and-to-other-sites"])
def test_links_that_must_pass_the_command(case_project, body):
    """Links the site can follow, and text that only looks like a link, give no finding."""
    write("docs/domains/mail.md", ARTICLE + body)(case_project)
    result = command(case_project)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
