"""`mkdocs build` on several processes (hooks/publish/parallel.py) makes the same site, and says
the same things, as a build in one process."""

from __future__ import annotations

import re
from pathlib import Path

from tests.sitebuild import ROOT, build

ANNOUNCED = "building the pages in 3 processes"
# Lines of the build's output that depend on where and when it ran, not on what it built.
RUN_DETAILS_RE = re.compile(r"Documentation built in|Building documentation to directory|building the pages in|"
                            r"search: indexed \d+ pages into")


def site_files(site: Path) -> dict[Path, bytes]:
    """Every file of a built site, by its path in the site."""
    return {path.relative_to(site): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def messages(output: str) -> list[str]:
    """The build's log lines that are about the site, in order (banners and timings left out)."""
    return [line for line in output.splitlines()
            if re.match(r"(INFO|WARNING|ERROR)\s+-", line) and not RUN_DETAILS_RE.search(line)]


def test_three_processes_make_the_same_bytes_as_one(tmp_path):
    """Every page, the sitemap, the search index and the assets are byte for byte those of a one-process build."""
    one = build(ROOT, tmp_path / "one", processes=1)
    three = build(ROOT, tmp_path / "three", processes=3)
    assert one.returncode == 0 and three.returncode == 0, one.output + three.output
    assert ANNOUNCED in three.output and "building the pages in" not in one.output
    first, second = site_files(one.site), site_files(three.site)
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
    """A page whose template is missing stops a three-process build, whichever process renders it, as in one."""
    for path in sorted((project_copy / "docs").glob("*/*.md"))[:3]:
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("---\n", "---\ntemplate: no-such.html\n", 1), encoding="utf-8")
    three = build(project_copy, project_copy / "site", processes=3)
    assert three.returncode == 1
    assert "no-such.html" in three.output and "Error building page" in three.output


def test_a_bad_process_count_is_one_clear_line(project_copy):
    """KB_BUILD_PROCESSES must be a whole number: the build says so and stops, with no traceback."""
    result = build(project_copy, project_copy / "site", processes=0)
    assert result.returncode == 1
    assert "KB_BUILD_PROCESSES='0': write a whole number of processes, 1 or more" in result.output
    assert "Traceback" not in result.output
