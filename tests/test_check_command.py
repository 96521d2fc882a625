"""The writers' command, `python -m hooks check`, and the strict build, as writers and CI run them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from hooks.publish.textfile import write_atomically
from tests.conftest import ROOT
from tests.sitebuild import build
from tests.test_unmodelled import as_mapping

MISNUMBERED = "---\ntitle: T\n---\n\n# T\n\n1. Open Mail.\n2. Click Accounts.\n4. Click Save.\n"


def run(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the writers' command with the project's mkdocs.yml and this checkout's `hooks` package."""
    environment = {key: value for key, value in os.environ.items() if key != "GITHUB_ACTIONS"}
    environment.update(env or {}, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "hooks", "check", "--config", str(ROOT / "mkdocs.yml"), *args],
                          cwd=cwd, env=environment, capture_output=True, text=True, check=False)


@pytest.fixture
def docs(tmp_path) -> Path:
    """A folder of Markdown files for the command to check."""
    folder = tmp_path / "docs"
    folder.mkdir()
    return folder


def test_clean_tree_exits_0_and_prints_nothing(docs):
    """A correct article gives no output and exit status 0."""
    (docs / "ok.md").write_text("# T\n\n1. a\n2. b\n", encoding="utf-8")
    result = run(str(docs), cwd=docs.parent)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_finding_exits_1_with_a_compiler_style_line_counting_front_matter(docs):
    """`path:line:col: ID message`, the line counted from the top of the file, front matter included."""
    (docs / "bad.md").write_text(MISNUMBERED, encoding="utf-8")
    result = run("docs", cwd=docs.parent)
    assert result.returncode == 1
    assert result.stdout == "docs/bad.md:9:1: KB101 step 4 follows step 2 (expected 3); renumber with --fix\n"


def test_large_tree_checked_in_parallel_reports_in_file_order(docs):
    """Past PARALLEL_FROM files the check runs in worker processes; output and status are unchanged."""
    from hooks.checks.runner import PARALLEL_FROM
    for number in range(PARALLEL_FROM + 10):
        text = MISNUMBERED if number % 50 == 7 else "# T\n\n1. a\n2. b\n"
        (docs / f"a{number:04d}.md").write_text(text, encoding="utf-8")
    (docs / "broken.md").write_bytes(b"# T\n\xff\n")
    result = run("docs", cwd=docs.parent)
    flagged = [f"a{n:04d}" for n in range(PARALLEL_FROM + 10) if n % 50 == 7]
    assert result.returncode == 2
    assert result.stdout.splitlines() == [
        f"docs/{name}.md:9:1: KB101 step 4 follows step 2 (expected 3); renumber with --fix" for name in flagged]
    assert result.stderr.strip() == "docs/broken.md:2:1: KB404 byte 0xff is not UTF-8; save the file as UTF-8"


# One file of each kind the command reports differently: clean, a finding, a broken link, a typed
# phone number, unreadable (stderr, exit 2), empty.
KINDS = (
    ("ok", "# T\n\n1. a\n2. b\n".encode()),
    ("steps", MISNUMBERED.encode()),
    ("link", b"# T\n\nSee [the guide](missing.md).\n"),
    ("phone", b"# T\n\nCall +1 415 555 0100 today.\n"),
    ("latin", "# T\n\ncaf\xe9\n".encode("latin-1")),
    ("empty", b""),
)


def mixed_tree(docs: Path, files: int) -> list[Path]:
    """`files` articles cycling through KINDS, in the order the command checks them."""
    paths = []
    for number in range(files):
        name, data = KINDS[number % len(KINDS)]
        path = docs / f"{number:04d}-{name}.md"
        path.write_bytes(data)
        paths.append(path)
    return paths


def test_many_files_print_what_each_file_prints_alone(docs, capsys, monkeypatch):
    """A tree large enough for worker processes gives, line for line and stream for stream, the output
    of the command run on each file alone, bad files included, and the worst file's exit status."""
    from hooks.__main__ import main
    from hooks.checks.runner import PARALLEL_FROM
    paths = mixed_tree(docs, PARALLEL_FROM + len(KINDS))
    monkeypatch.chdir(docs.parent)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    alone_out, alone_err, statuses = [], [], []
    for path in paths:
        statuses.append(main(["check", "--config", str(ROOT / "mkdocs.yml"), f"docs/{path.name}"]))
        captured = capsys.readouterr()
        alone_out.append(captured.out)
        alone_err.append(captured.err)
    together = run("docs", cwd=docs.parent)
    assert set(statuses) == {0, 1, 2}
    assert together.stdout == "".join(alone_out)
    assert together.stderr == "".join(alone_err)
    assert together.returncode == max(statuses) == 2
    assert "Traceback" not in together.stderr


def test_worker_processes_give_each_file_its_result_in_order(docs):
    """Checked on two worker processes (whatever the machine's cores), every file's status and lines
    come back in the files' order, equal to checking them in this process."""
    from functools import partial

    from hooks.checks.runner import SiteContext, check_file, checked_in_order, markdown_files, site_files
    from hooks.checks.config import load_settings
    mixed_tree(docs, 4 * len(KINDS))
    items = markdown_files([docs], docs)
    work = partial(check_file, settings=load_settings(ROOT / "mkdocs.yml"), site=SiteContext([], site_files([docs])),
                   fix=False, on_github=False)
    alone = list(checked_in_order(work, items, workers=1))
    assert {status for status, _ in alone} == {0, 1, 2}
    assert list(checked_in_order(work, items, workers=2)) == alone


def test_pool_only_for_a_large_tree_and_one_process_per_usable_core():
    """One file, or a small tree, stays in this process; a large tree gets one worker per core that
    the process may use: one, when it is pinned to one core of a larger machine."""
    from hooks.checks.runner import PARALLEL_FROM, worker_count
    assert worker_count(1, cores=8) == 1
    assert worker_count(PARALLEL_FROM - 1, cores=8) == 1
    assert worker_count(PARALLEL_FROM, cores=8) == 8
    assert worker_count(10_000, cores=1) == 1
    pinned = subprocess.run([sys.executable, "-c", "import os; os.sched_setaffinity(0, {min(os.sched_getaffinity(0))}); "
                             "from hooks import usable_cores; print(usable_cores())"],
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, check=True)
    assert pinned.stdout == "1\n"


def test_github_actions_gets_an_error_annotation(docs):
    """Under GitHub Actions each finding is also a `::error file=…,line=…::` annotation."""
    (docs / "bad.md").write_text(MISNUMBERED, encoding="utf-8")
    result = run("docs", cwd=docs.parent, env={"GITHUB_ACTIONS": "true"})
    assert "::error file=docs/bad.md,line=9,col=1,title=KB101::step 4 follows step 2" in result.stdout
    assert result.returncode == 1


def test_missing_path_is_a_usage_error(docs):
    """A path that does not exist: one line on stderr, exit 2."""
    result = run("nowhere", cwd=docs.parent)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "nowhere" in result.stderr


def test_non_utf8_file_gives_one_line_and_exit_2_without_traceback(docs):
    """A file that is not UTF-8 is named with the fix, and the command does not crash."""
    (docs / "latin.md").write_bytes("1. a\n2. caf\xe9\n".encode("latin-1"))
    result = run("docs", cwd=docs.parent)
    assert result.returncode == 2
    assert result.stderr == "docs/latin.md:2:7: KB404 byte 0xe9 is not UTF-8; save the file as UTF-8\n"
    assert "Traceback" not in result.stdout + result.stderr


def test_fix_renumbers_keeps_crlf_and_other_bytes_and_is_idempotent(docs):
    """--fix changes only the wrong digits, keeps CRLF endings, and a second run is a no-op."""
    original = b"---\r\ntitle: T\r\n---\r\n\r\n1. a  \r\n3. b\t*x*\r\n\r\n```\r\n3. code\r\n```\r\n"
    target = docs / "crlf.md"
    target.write_bytes(original)
    first = run("--fix", "docs", cwd=docs.parent)
    assert first.returncode == 0 and first.stdout == "docs/crlf.md: fixed\n"
    assert target.read_bytes() == original.replace(b"3. b", b"2. b")
    second = run("--fix", "docs", cwd=docs.parent)
    assert (second.returncode, second.stdout) == (0, "")
    assert target.read_bytes() == original.replace(b"3. b", b"2. b")


def test_fix_leaves_findings_it_cannot_fix_and_exits_1(docs):
    """A list that starts wrong is reported, not renumbered."""
    text = "# T\n\n3. a\n4. b\n"
    (docs / "start.md").write_text(text, encoding="utf-8")
    result = run("--fix", "docs", cwd=docs.parent)
    assert result.returncode == 1 and "KB102" in result.stdout
    assert (docs / "start.md").read_text(encoding="utf-8") == text


def test_a_failing_write_leaves_the_old_file_and_no_temporary_file(tmp_path):
    """If writing fails half-way, the old file is still there, whole, and nothing is left behind."""
    target = tmp_path / "a.md"
    target.write_text("1. a\n3. b\n", encoding="utf-8")
    with pytest.raises(UnicodeEncodeError):
        write_atomically(target, "1. a\n2. b \udc80\n")
    assert target.read_text(encoding="utf-8") == "1. a\n3. b\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]


def test_strict_build_fails_on_a_misnumbered_list_and_names_file_and_line(project_copy, tmp_path):
    """The unchanged copy builds; with a misnumbered step, `mkdocs build --strict` fails with file:line."""
    assert build(project_copy, tmp_path / "clean").returncode == 0
    article = project_copy / "docs" / "accounts" / "reset-mailbox-password.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("3. Find the mailbox", "4. Find the mailbox", 1), encoding="utf-8")
    line = text.splitlines().index("3. Find the mailbox you want to change.") + 1
    result = build(project_copy, tmp_path / "broken")
    assert result.returncode == 1
    assert f"docs/accounts/reset-mailbox-password.md:{line}:1: KB101 step 4 follows step 2" in result.output


def site_config_with(tmp_path: Path, old: str, new: str) -> Path:
    """A copy of the site's mkdocs.yml with one change, beside a docs folder."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert old in text
    config = tmp_path / "mkdocs.yml"
    config.write_text(text.replace(old, new, 1), encoding="utf-8")
    return config


# `{#go}` needs attr_list, which only the site's own markdown_extensions loads.
ANCHORED = "# T\n\n## Steps {#go}\n\nSee [the steps](#go) and [more](#nowhere).\n"


@pytest.mark.parametrize("new, located, line", [
    ("  - admonition\n  - not_installed_ext\n", "  - not_installed_ext", "markdown extension `not_installed_ext` "
     "is not installed; install it or remove it from markdown_extensions"),
    ("  - admonition:\n      - not a mapping\n", "  - admonition:", "markdown_extensions entry `admonition` is "
     "not an extension name with a mapping of options"),
])
def test_a_broken_extension_setup_is_one_located_line_and_exit_2(docs, new, located, line):
    """Before any article is read (the first `#anchor` renders a page): one line on stderr, exit 2, no traceback."""
    config = site_config_with(docs.parent, "  - admonition\n", new)
    number = config.read_text(encoding="utf-8").split("\n").index(located) + 1
    (docs / "a.md").write_text(ANCHORED, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "hooks", "check", "--config", str(config), "docs"],
                            cwd=docs.parent, env={**os.environ, "PYTHONPATH": str(ROOT)},
                            capture_output=True, text=True, check=False)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith(f"{config}:{number}:5: {line}") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_the_mapping_form_of_markdown_extensions_checks_links_and_lists_like_the_list_form(docs):
    """The site's extensions written as a mapping: the anchors come from the same renderer (toc's
    permalinks on), superfences is seen, and a run-on list is still found; exit 1, no setup error."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = docs.parent / "mkdocs.yml"
    config.write_text(as_mapping(text), encoding="utf-8")
    (docs / "a.md").write_text(ANCHORED + "\nDo this:\n1. Open Mail.\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "hooks", "check", "--config", str(config), "docs"],
                            cwd=docs.parent, env={**os.environ, "PYTHONPATH": str(ROOT)},
                            capture_output=True, text=True, check=False)
    assert (result.returncode, result.stderr) == (1, "")
    assert [line.split(" ", 2)[:2] for line in result.stdout.splitlines()] == [
        ["docs/a.md:5:26:", "KB413"], ["docs/a.md:8:1:", "KB106"]]


# ---------------------------------------------------------------- KB407 file-name

@pytest.mark.parametrize("name, cause", [
    ("_draft.md", 'starts with "_" instead of a letter or a digit'),
    ("-old.md", 'starts with "-" instead of a letter or a digit'),
    ("mail setup.md", "has spaces, which the page's URL would carry"),
    ("réglages.md", "has letters outside ASCII, which the page's URL would carry"),
    ("R&D.md", "has the character \"&\", which the page's URL would carry"),
    ("_é x.md", "has spaces and letters outside ASCII, which the page's URL would carry, and starts with \"_\""),
])
def test_kb407_names_the_real_cause_and_a_name_that_passes(docs, name, cause):
    """The message says why the name is refused, and the name it suggests passes the check itself."""
    (docs / name).write_text("# T\n", encoding="utf-8")
    result = run("docs", cwd=docs.parent)
    [line] = result.stdout.splitlines()
    assert result.returncode == 1 and line.startswith(f'docs/{name}:1:1: KB407 the name "{name}" {cause}')
    suggested = line.rsplit('"', 2)[1]
    assert suggested != name
    (docs / name).rename(docs / suggested)
    assert run("docs", cwd=docs.parent).returncode == 0, suggested


def test_kb407_names_a_folder_that_starts_with_an_underscore(docs):
    """A folder is named for what is wrong with it, not for its files; its missing index page is a
    second problem, reported apart (KB424), since renaming the folder does not add one."""
    (docs / "_drafts").mkdir()
    (docs / "_drafts" / "mail.md").write_text("# T\n", encoding="utf-8")
    result = run("docs", cwd=docs.parent)
    assert result.stdout.splitlines() == [
        'docs/_drafts/mail.md:1:1: KB407 the name "_drafts" starts with "_" instead of a letter or a digit; '
        'rename it "drafts"',
        "docs/_drafts/mail.md:1:1: KB424 the folder docs/_drafts/ holds articles but no index.md, so no page "
        "lists them and the breadcrumbs lead nowhere; add docs/_drafts/index.md with a title, a description "
        "and template: category.html"]
