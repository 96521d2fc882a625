"""KB424 section-index: every folder of articles has an index.md, the page that lists its articles
and the breadcrumbs' way up; in the writers' command, in the strict build, in docs/ and in the
generated corpus of both shapes."""

from __future__ import annotations

import pytest

from bench.corpus import SHAPES, write_corpus
from hooks.checks.rules.sections import missing_index_findings
from tests.conftest import ROOT
from tests.sitebuild import build
from tests.test_check_command import run

ARTICLE = "---\ntitle: Forward mail\ndescription: Send a copy of each message to another address.\n---\n\n# Forward mail\n"
INDEX = "---\ntitle: Mail\ndescription: Mail settings.\ntemplate: category.html\n---\n\nMail settings.\n"


@pytest.mark.parametrize("pages, reported", [
    (["index.md", "mail/forward.md"], {"mail/forward.md": "docs/mail/"}),
    (["mail/index.md", "mail/outlook/setup.md", "mail/outlook/sync.md"], {"mail/outlook/setup.md": "docs/mail/outlook/"}),
    # A category of sections only: still the way up from each section.
    (["mail/outlook/index.md", "mail/outlook/setup.md"], {"mail/outlook/index.md": "docs/mail/"}),
    (["mail/b.md", "mail/a.md", "dns/mx.md"], {"dns/mx.md": "docs/dns/", "mail/a.md": "docs/mail/"}),
])
def test_a_folder_of_articles_without_an_index_is_one_finding_on_its_first_page(pages, reported):
    """Must fail: one located line per folder, naming the folder, what is missing and the fix."""
    found = missing_index_findings(pages)
    assert {page: finding.rule_id for page, finding in found} == dict.fromkeys(reported, "KB424")
    for page, finding in found:
        folder = reported[page]
        assert (finding.line, finding.col) == (1, 1)
        assert finding.message == (f"the folder {folder} holds articles but no index.md, so no page lists them and "
                                   f"the breadcrumbs lead nowhere; add {folder}index.md with a title, a "
                                   "description and template: category.html")


@pytest.mark.parametrize("pages", [
    [], ["index.md", "writers-guide.md"], ["mail/index.md", "mail/forward.md"],
    ["mail/README.md", "mail/forward.md"], ["mail/index.md", "mail/outlook/index.md", "mail/outlook/setup.md"],
])
def test_folders_with_an_index_page_pass(pages):
    """Must pass: the top of docs/ (the home page's), index.md or README.md in every folder."""
    assert missing_index_findings(pages) == []


def test_the_writers_command_reports_the_folder_once_and_passes_once_it_has_an_index(tmp_path):
    """`python -m hooks check docs` on a new folder of two articles: one KB424 line, exit 1; with
    an index.md, nothing and exit 0."""
    docs = tmp_path / "docs"
    (docs / "mail").mkdir(parents=True)
    for name in ("forward.md", "auto-reply.md"):
        (docs / "mail" / name).write_text(ARTICLE.replace("forward", name[:-3]), encoding="utf-8")
    line = ("docs/mail/auto-reply.md:1:1: KB424 the folder docs/mail/ holds articles but no index.md, so no page "
            "lists them and the breadcrumbs lead nowhere; add docs/mail/index.md with a title, a description and "
            "template: category.html\n")
    result = run("docs", cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (1, line, "")
    (docs / "mail" / "index.md").write_text(INDEX, encoding="utf-8")
    result = run("docs", cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_one_file_checked_and_the_strict_build_both_stop_on_a_section_without_an_index(project_copy, tmp_path):
    """A section folder inside a real category, without index.md: the command run on one of its
    files, with the copy's own settings, and the strict build each name the folder in one line."""
    section = project_copy / "docs/domains/transfers"
    section.mkdir()
    (section / "transfer-in.md").write_text(ARTICLE, encoding="utf-8")
    says = ("docs/domains/transfers/transfer-in.md:1:1: KB424 the folder docs/domains/transfers/ holds articles "
            "but no index.md")
    # The last --config wins: the copy's mkdocs.yml, so that its docs/ is the site's.
    checked = run("docs/domains/transfers/transfer-in.md", "--config", "mkdocs.yml", cwd=project_copy)
    assert checked.returncode == 1 and checked.stdout.startswith(says), checked.stdout + checked.stderr
    assert len(checked.stdout.splitlines()) == 1, checked.stdout
    built = build(project_copy, tmp_path / "site")
    assert built.returncode != 0
    assert "Traceback" not in built.output
    assert says in built.output, built.output


def test_the_site_and_both_corpus_shapes_give_every_folder_an_index(tmp_path):
    """docs/ and bench/corpus.py's trees, flat and nested, pass the rule (and hold folders to check)."""
    trees = {"docs": ROOT / "docs"}
    for shape in SHAPES:
        write_corpus(tmp_path / shape, 300, shape=shape)
        trees[shape] = tmp_path / shape
    for name, tree in trees.items():
        pages = [path.relative_to(tree).as_posix() for path in tree.rglob("*.md")]
        assert any(page.count("/") >= (2 if name == "nested" else 1) for page in pages), name
        assert missing_index_findings(pages) == [], name
