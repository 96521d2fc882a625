"""Build the real site with the real `mkdocs.yml`, for tests and benchmarks.

Nothing here mocks MkDocs: every build runs the `mkdocs` command line in a
subprocess, exactly as `make build` does.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The engine the tests build with: `mkdocs`, or `properdocs` (the maintained fork, run from its
# own environment: `make test ENGINE=properdocs`).
ENGINE = os.environ.get("KB_ENGINE") or "mkdocs"
# Runs a module with the clock moved (time-machine), for the reproducibility tests.
TIMESHIFT = Path(__file__).resolve().parent / "timeshift.py"
# What a copy of the project needs in order to build.
PROJECT_PARTS = ("mkdocs.yml", "docs", "overrides", "hooks")


@dataclass
class Build:
    """The outcome of one `mkdocs build`."""

    returncode: int
    output: str
    site: Path

    def html(self, url_path: str) -> str:
        """The HTML of the page at `url_path` (for example `email-setup/`)."""
        page = self.site / url_path
        if url_path.endswith("/") or url_path == "":
            page = page / "index.html"
        return page.read_text(encoding="utf-8")


def build(project: Path, site: Path, *extra_args: str, clock: str | None = None, strict: bool = True,
          processes: int | None = None, env: dict[str, str] | None = None) -> Build:
    """Run `mkdocs build --strict` on `project` into `site`; with `clock` (ISO), as if it were then.

    `strict=False` runs a plain build, as `mkdocs serve` builds the writer's preview.
    `processes` sets how many processes make the pages (default: one per core).
    `env` adds environment variables; SITE_URL and KB_COLLECTOR_URL are otherwise unset (mkdocs.yml's defaults).
    """
    extra_env, env = env or {}, {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    if processes is not None:
        env["KB_BUILD_PROCESSES"] = str(processes)
    env.pop("SITE_URL", None)
    env.pop("KB_COLLECTOR_URL", None)
    env.update(extra_env)
    engine = [str(TIMESHIFT), clock, ENGINE] if clock else ["-m", ENGINE]
    result = subprocess.run(
        [sys.executable, *engine, "build", *(["--strict"] if strict else []), "--clean",
         "-f", str(project / "mkdocs.yml"), "-d", str(site), *extra_args],
        cwd=project, env=env, capture_output=True, text=True, check=False,
    )
    return Build(result.returncode, result.stdout + result.stderr, site)


def outside_navigation(project: Path, page: str) -> bool:
    """`page` (a path under docs/) is built but kept out of the navigation by the project's mkdocs.yml
    (`not_in_nav`: the writers' guide)."""
    from mkdocs.utils.yaml import yaml_load  # here: under ProperDocs, after tests/conftest.py's redirect
    from pathspec.gitignore import GitIgnoreSpec

    patterns = yaml_load((project / "mkdocs.yml").read_text(encoding="utf-8")).get("not_in_nav") or ""
    return GitIgnoreSpec.from_lines(patterns.splitlines()).match_file(page)


def copy_project(dest: Path) -> Path:
    """Copy the parts of the project a build reads into `dest`, and return it."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, dest / part)
    return dest
