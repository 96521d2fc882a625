"""bench/scale.py's builds: `mkdocs build` in a new process (timed, with its CPU time and peak memory),
the hooks-off and stock Material configurations, Python-Markdown alone and the writers' check."""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from hooks import usable_cores

ROOT = Path(__file__).resolve().parent.parent

STOCK_CONFIG = """site_name: Stock
site_url: https://help.example.com/
theme:
  name: material
  custom_dir: stock-overrides
markdown_extensions:
{extensions}
"""
# The home, contact and category pages name our page templates; the stock theme gets bare ones
# of the same names (every template at the top of overrides/ but main.html, which Material has).
STOCK_TEMPLATES = tuple(sorted(path.name for path in (ROOT / "overrides").glob("*.html") if path.name != "main.html"))


# bench/timed_hooks.py's line: "hook time: 2.61 s in all; hooks/on_csp.py 0.21, hooks/on_search.py 1.85".
HOOK_TIME_RE = re.compile(r"hook time: [\d.]+ s in all; (.*)")
SEARCH_HOOK = "hooks/on_search.py"


@dataclass
class Build:
    """One `mkdocs build`: wall time, CPU time (its processes together), peak memory."""

    seconds: float
    cpu_seconds: float
    peak_mb: float
    # Each hook's own time (bench/timed_hooks.py), by its name in mkdocs.yml; empty when not timed.
    hook_seconds: dict[str, float] = field(default_factory=dict)

    @property
    def index_seconds(self) -> float:
        """The search index's part of the build."""
        return self.hook_seconds.get(SEARCH_HOOK, 0.0)

    @property
    def other_hooks_seconds(self) -> float:
        """Our hooks' own time but the search index's."""
        return sum(self.hook_seconds.values()) - self.index_seconds


def hook_times(output: str) -> dict[str, float]:
    """Each hook's seconds from the line bench/timed_hooks.py prints; {} without that line."""
    match = HOOK_TIME_RE.search(output)
    if match is None:
        return {}
    return {name: float(seconds) for name, seconds in (item.rsplit(" ", 1) for item in match.group(1).split(", "))}


# The hooks the templates cannot draw without: the `{% once %}` tag, and the page's language
# with its strings (`kb_language`, `kb_t`, `kb_i18n`).
TEMPLATE_HOOKS = ("hooks/on_i18n.py", "hooks/on_templates.py")


def without_hooks(config: str) -> str:
    """mkdocs.yml with every hook of the `hooks:` list removed (comments too), but TEMPLATE_HOOKS.

    Raises ValueError if the list is not found, so that a "hooks off" build never has them on.
    """
    hooks = re.compile(r"(?m)^hooks:\n(?:  .*\n)+")
    if not hooks.search(config):
        raise ValueError("mkdocs.yml has no `hooks:` list that bench/scale.py can remove")
    return hooks.sub("hooks:\n" + "".join(f"  - {hook}\n" for hook in TEMPLATE_HOOKS), config)


def stock_config(project: Path) -> Path:
    """A stock Material configuration for the same tree, with the same Markdown extensions."""
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    extensions = config[config.index("\nmarkdown_extensions:\n") + len("\nmarkdown_extensions:\n"):]
    extensions = extensions[: re.search(r"(?m)^\S", extensions).start()] if re.search(r"(?m)^\S", extensions) else extensions
    (project / "stock-overrides").mkdir(exist_ok=True)
    for name in STOCK_TEMPLATES:
        (project / "stock-overrides" / name).write_text('{% extends "main.html" %}\n', encoding="utf-8")
    path = project / "mkdocs-stock.yml"
    path.write_text(STOCK_CONFIG.format(extensions=extensions.rstrip()), encoding="utf-8")
    return path


def fresh_build(project: Path, config: Path, strict: bool = True, processes: int | None = None,
                timed: bool = False) -> Build:
    """`mkdocs build` in a new process, into an empty site/ as `make build` builds
    (hooks/publish/atomic.py), so the removal of the last site is not timed; its wall time, CPU
    time and peak resident memory. Exits with the build's output if it fails.

    `processes`: KB_BUILD_PROCESSES for the build (default: one process per core).
    `timed`: through bench/timed_hooks.py, which times each hook (for one process only).
    """
    shutil.rmtree(project / "site", ignore_errors=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITE_URL", None)
    env.pop("KB_BUILD_PROCESSES", None)
    if processes is not None:
        env["KB_BUILD_PROCESSES"] = str(processes)
    command = [str(ROOT / "bench" / "timed_hooks.py")] if timed else ["-m", "mkdocs"]
    args = [sys.executable, *command, "build", "--clean", "-f", str(config), "-d", str(project / "site")]
    start = time.perf_counter()
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(args + (["--strict"] if strict else []), cwd=project, env=env,
                                   stdout=log, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        log.seek(0)
        output = log.read().decode("utf-8", "replace")
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"{config.name}: build failed:\n{output[-3000:]}")
    # The usage wait4 reports includes the build's own children (its workers, Pagefind) once reaped.
    return Build(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, hook_times(output))


def ratios_text(ratios: list[float]) -> str:
    """The median of the turns' ratios, then each turn's."""
    return f"{statistics.median(ratios):.2f}x (turns: {', '.join(f'{r:.2f}' for r in ratios)})"


def median_of(builds: list[Build]) -> Build:
    """The median of each figure of these builds (the highest peak memory of them)."""
    hooks = {name: statistics.median(b.hook_seconds.get(name, 0.0) for b in builds) for name in builds[0].hook_seconds}
    return Build(statistics.median(b.seconds for b in builds), statistics.median(b.cpu_seconds for b in builds),
                 max(b.peak_mb for b in builds), hooks)


@dataclass
class MarkdownAlone:
    """Python-Markdown alone on the build's pages: wall time in one process, its CPU time, and
    wall time with the pages split over one process per core (as the build splits them)."""

    seconds: float
    cpu_seconds: float
    every_core_seconds: float


@dataclass
class Pairs:
    """The builds of one size and Markdown alone, run in turns, and the ratio of each turn."""

    builds: list[Build]
    alone: list[MarkdownAlone]

    def ratios(self, fair: bool = False) -> list[float]:
        """Each turn's build over Markdown alone: in one process (the issue's), or on every core (`fair`)."""
        return [build.seconds / (md.every_core_seconds if fair else md.seconds)
                for build, md in zip(self.builds, self.alone)]

    def cpu_ratios(self) -> list[float]:
        """Each turn's CPU time of the build (all its processes) over Markdown alone's."""
        return [build.cpu_seconds / md.cpu_seconds for build, md in zip(self.builds, self.alone)]

    def median_alone(self) -> MarkdownAlone:
        return MarkdownAlone(*(statistics.median(getattr(md, name) for md in self.alone)
                               for name in ("seconds", "cpu_seconds", "every_core_seconds")))


def build_and_markdown(project: Path, config: Path, pairs: Pairs, turn: int) -> None:
    """One turn: the build and Markdown alone (one process, then every core), back to back, so that
    a slow minute of the machine falls on both. Odd turns run Markdown first, so neither always
    runs on the caches (and the load) the other leaves."""
    steps = [lambda: pairs.builds.append(fresh_build(project, config)),
             lambda: pairs.alone.append(markdown_alone(project))]
    for step in (steps if turn % 2 == 0 else steps[::-1]):
        step()


def hooks_on_and_off(project: Path, config: Path, bare: Path, runs: int) -> tuple[Build, Build, float]:
    """(one-process build with timed hooks, build without the hooks, median difference as a share of the first).

    Their runs alternate, so that a slow minute of the machine falls on both.
    """
    on, off = [], []
    for run in range(runs):
        for timed in ((True, False) if run % 2 == 0 else (False, True)):
            if timed:
                on.append(fresh_build(project, config, processes=1, timed=True))
            else:
                off.append(fresh_build(project, bare, strict=False))
    shares = [(a.seconds - a.index_seconds - b.seconds) / a.seconds for a, b in zip(on, off)]
    return median_of(on), median_of(off), statistics.median(shares)


# Run in a new process: the pages the build publishes (drafts left out by its own hooks) with the
# Markdown extensions it renders them with (the hooks add one, for phone links), each page by a new
# `Markdown` as MkDocs makes one. argv: config, number of processes; prints wall and CPU seconds
# and the number of pages.
MARKDOWN_ALONE = """
import os, sys, time, markdown
from mkdocs.config import load_config
from mkdocs.structure.files import InclusionLevel, get_files
from mkdocs.utils.meta import get_data
config = load_config(sys.argv[1])
config = config.plugins.on_config(config)
files = config.plugins.on_files(get_files(config), config=config)
texts = [get_data(f.content_string)[0] for f in files.documentation_pages(inclusion=InclusionLevel.is_included)]
processes = int(sys.argv[2])
start, cpu = time.perf_counter(), time.process_time()
rank, children = 0, []
for worker in range(1, processes):
    pid = os.fork()
    if pid == 0:
        rank = worker
        break
    children.append(pid)
for text in texts[rank::processes]:
    markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs).convert(text)
if rank:
    os._exit(0)
cpu = time.process_time() - cpu
for pid in children:
    _, _, usage = os.wait4(pid, 0)
    cpu += usage.ru_utime + usage.ru_stime
print(time.perf_counter() - start, cpu, len(texts))
"""


def markdown_run(project: Path, processes: int) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds, pages) of Python-Markdown on every page the build publishes, split
    over `processes`."""
    result = subprocess.run([sys.executable, "-c", MARKDOWN_ALONE, str(project / "mkdocs.yml"), str(processes)],
                            cwd=project, capture_output=True, text=True, check=False,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    if result.returncode:
        raise SystemExit(f"Python-Markdown alone failed:\n{result.stderr[-3000:]}")
    wall, cpu, pages = result.stdout.split()[-3:]
    return float(wall), float(cpu), int(pages)


def markdown_alone(project: Path) -> MarkdownAlone:
    """Python-Markdown alone in one process (the issue's yardstick), then on every core the build uses."""
    seconds, cpu, _ = markdown_run(project, 1)
    every_core, _, _ = markdown_run(project, usable_cores())
    return MarkdownAlone(seconds, cpu, every_core)


def writers_check(project: Path, runs: int) -> float:
    """Median wall time of `python -m hooks check docs` on the whole tree."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "hooks", "check", "docs"], cwd=project,
                                capture_output=True, text=True, check=False)
        times.append(time.perf_counter() - start)
        if result.returncode:
            raise SystemExit(f"the writers' check failed on the corpus:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    return statistics.median(times)
