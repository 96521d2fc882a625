"""`mkdocs build` on several processes (hooks/publish/parallel.py) makes the same site, and says
the same things, as a build in one process."""

from __future__ import annotations

import gc
import re
from pathlib import Path

from hooks.publish.parallel import COLLECT_EVERY, quiet_collector, restore_collector
from tests.filetree import snapshot
from tests.sitebuild import ROOT, build, copy_project

ANNOUNCED = "building the pages in 3 processes"
# Lines of the build's output that depend on where and when it ran, not on what it built.
RUN_DETAILS_RE = re.compile(r"Documentation built in|Building documentation to directory|building the pages in|"
                            r"search: indexed \d+ pages into")


def messages(output: str) -> list[str]:
    """The build's log lines that are about the site, in order (banners and timings left out)."""
    return [line for line in output.splitlines()
            if re.match(r"(INFO|WARNING|ERROR)\s+-", line) and not RUN_DETAILS_RE.search(line)]


# A test-only hook, added last to a project copy's mkdocs.yml: it notes which process renders each
# page (Markdown to HTML, in MkDocs' _populate_page) and which draws it (template, in _build_page),
# and, with WARN on, has each worker log one warning, as a check on a worker's page would.
PROBE_HOOK = """
import logging, os
from pathlib import Path

WARN = {warn}
NOTES = Path(__file__).with_name("rendered-by.txt")
log = logging.getLogger("mkdocs.plugins.kb_probe")
main = []  # the main process's pid, set before the workers are forked from it
warned = []

def note(step, page):
    with NOTES.open("a", encoding="utf-8") as notes:  # one short append: lines from processes never mix
        notes.write(f"{{step}} {{page.file.src_uri}} {{os.getpid()}}\\n")

def on_config(config):
    main[:] = [os.getpid()]
    NOTES.write_text(f"main - {{os.getpid()}}\\n", encoding="utf-8")

def on_page_content(html, *, page, config, files):
    note("rendered", page)
    if WARN and not warned and os.getpid() != main[0]:
        warned.append(page)
        log.warning("probe: a worker rendered %s", page.file.src_uri)
    return html

def on_post_page(output, *, page, config):
    note("drawn", page)
    return output
"""


def probed_project(dest: Path, warn: bool = False) -> Path:
    """A copy of the project with the probe hook last in its hooks."""
    project = copy_project(dest)
    (project / "kb_probe.py").write_text(PROBE_HOOK.format(warn=warn), encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert text.count("  - hooks/on_csp.py\n") == 1
    config.write_text(text.replace("  - hooks/on_csp.py\n", "  - hooks/on_csp.py\n  - kb_probe.py\n"), encoding="utf-8")
    return project


def probe_notes(project: Path) -> tuple[int, dict[str, dict[str, list[int]]]]:
    """The main process's pid, and for each step the pids that took each page, in order."""
    main, steps = 0, {"rendered": {}, "drawn": {}}
    for line in (project / "rendered-by.txt").read_text(encoding="utf-8").splitlines():
        step, page, pid = line.split(" ")
        if step == "main":
            main = int(pid)
        else:
            steps[step].setdefault(page, []).append(int(pid))
    return main, steps


def test_each_page_is_rendered_and_drawn_by_exactly_one_of_three_processes(tmp_path):
    """The pages are split: every page the one-process build makes is made once, by one of three processes,
    and every one of the three makes some."""
    one = probed_project(tmp_path / "one")
    three = probed_project(tmp_path / "three")
    one_build = build(one, one / "site", processes=1)
    three_build = build(three, three / "site", processes=3)
    assert one_build.returncode == three_build.returncode == 0, one_build.output + three_build.output
    _, single = probe_notes(one)
    main, split = probe_notes(three)
    assert len(single["rendered"]) > 20 and single["drawn"].keys() == single["rendered"].keys()
    for step in ("rendered", "drawn"):
        assert split[step].keys() == single[step].keys(), step
        assert {page: len(pids) for page, pids in split[step].items() if len(pids) != 1} == {}, step
        by_process = {pid for [pid] in split[step].values()}
        assert len(by_process) == 3 and main in by_process, (step, main, by_process)
    assert {page: pids for page, pids in split["rendered"].items() if pids != split["drawn"][page]} == {}


def test_a_warning_logged_in_a_worker_reaches_the_build_output_and_fails_strict(tmp_path):
    """Each of the two workers logs one warning: both are printed by the main process and counted by --strict."""
    project = probed_project(tmp_path / "project", warn=True)
    result = build(project, project / "site", processes=3)
    assert result.returncode == 1, result.output
    warnings = [line for line in messages(result.output) if line.startswith("WARNING")]
    assert len(warnings) == 2 and all("probe: a worker rendered " in line for line in warnings), result.output
    assert "Aborted with 2 warnings in strict mode!" in result.output
    _, steps = probe_notes(project)
    worker_pages = {line.rpartition("rendered ")[2] for line in warnings}
    assert worker_pages <= steps["rendered"].keys()


def test_three_processes_make_the_same_bytes_as_one(tmp_path):
    """Every page, the sitemap, the search index and the assets are byte for byte those of a one-process build."""
    one = build(ROOT, tmp_path / "one", processes=1)
    three = build(ROOT, tmp_path / "three", processes=3)
    assert one.returncode == 0 and three.returncode == 0, one.output + three.output
    assert ANNOUNCED in three.output and "building the pages in" not in one.output
    first, second = snapshot(one.site), snapshot(three.site)
    assert len(first) > 50 and first.keys() == second.keys()
    assert [path for path in first if first[path] != second[path]] == []
    assert messages(one.output) == messages(three.output)


def test_findings_on_every_process_fail_the_build_as_in_one_process(project_copy):
    """Hand-typed numbers on pages that different processes render: the same warnings, the same count, exit 1."""
    articles = sorted((project_copy / "docs").glob("*/*.md"))
    articles = [path for path in articles if path.name != "index.md"][:5]
    for path in articles:
        path.write_text(path.read_text(encoding="utf-8") + "\nCall us on 1 888 401 4678 today.\n", encoding="utf-8")
    one = build(project_copy, project_copy / "one", processes=1)
    three = build(project_copy, project_copy / "three", processes=3)
    assert one.returncode == three.returncode == 1
    warnings = [line for line in messages(three.output) if line.startswith("WARNING")]
    assert len(warnings) == len(articles) and all("KB203" in line for line in warnings), three.output
    assert sorted(messages(one.output)) == sorted(messages(three.output))
    assert f"Aborted with {len(articles)} warnings in strict mode!" in three.output
    assert "Traceback" not in three.output


def test_a_clean_project_copy_builds_in_three_processes(project_copy):
    """Companion: the same copy without the numbers passes, so the failure above is the numbers'."""
    result = build(project_copy, project_copy / "site", processes=3)
    assert result.returncode == 0, result.output
    assert ANNOUNCED in result.output


def test_a_crash_in_any_process_stops_the_build(project_copy):
    """A page whose template fails as it is drawn stops a three-process build, whichever process renders
    it, as in one. (A template that does not exist at all is KB415's, before any page is drawn.)"""
    (project_copy / "overrides/broken.html").write_text(
        '{% extends "main.html" %}{% block content %}{% include "no-such-part.html" %}{% endblock %}', encoding="utf-8")
    for path in sorted((project_copy / "docs").glob("*/*.md"))[:3]:
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("---\n", "---\ntemplate: broken.html\n", 1), encoding="utf-8")
    three = build(project_copy, project_copy / "site", processes=3)
    assert three.returncode == 1
    assert "no-such-part.html" in three.output and "Error building page" in three.output


def test_a_bad_process_count_is_one_clear_line(project_copy):
    """KB_BUILD_PROCESSES must be a whole number: the build says so and stops, with no traceback."""
    result = build(project_copy, project_copy / "site", processes=0)
    assert result.returncode == 1
    assert "KB_BUILD_PROCESSES='0': write a whole number of processes, 1 or more" in result.output
    assert "Traceback" not in result.output


def test_the_collector_is_quieted_for_the_pages_and_put_back_after():
    """While the pages are made, what existed before is frozen out of the collector's passes, which
    run less often; afterwards the collector is as it was (for `mkdocs serve`'s next build)."""
    before = gc.get_threshold()
    saved = quiet_collector()
    try:
        assert saved == before
        assert gc.get_threshold() == (COLLECT_EVERY, *before[1:])
        assert gc.get_freeze_count() > 0
    finally:
        restore_collector(saved)
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
