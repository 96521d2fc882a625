"""Where the build's time goes: cProfile over one strict build of the generated corpus.

Builds a copy of the project with N corpus articles (as bench/scale.py does) in this process
under cProfile, then gives the time of each part (the cumulative time of its entry points):
the search index (Pagefind, hooks/on_search.py), our other hooks, the templates (Jinja),
Python-Markdown with its extensions, and the rest of MkDocs; then the costliest functions.
By default it is built in one process (KB_BUILD_PROCESSES=1); `--processes 2` builds it as
`mkdocs build` does on two cores, and a worker's profile (its share of the pages) follows the
main process's (the main process also makes the navigation and the site-wide files alone). The
writers' checks run beside the build in a process of their own, which cProfile does not see.

    python bench/profile_build.py [--articles 1000] [--shape nested] [--top 25] [--processes 2] [--save PREFIX]
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import tempfile
from collections import defaultdict
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import SHAPES  # noqa: E402
from bench.machine import machine  # noqa: E402
from tests.corpussite import corpus_project  # noqa: E402

# Each part is the cumulative time of its entry points (file fragment, function names); they
# do not nest in one another, so the parts add up to at most the whole build.
PARTS = (
    ("search index (Pagefind)", ("/hooks/on_search.py", None)),
    ("our other hooks", ("/hooks/on_", None)),
    ("templates (Jinja)", ("jinja2/environment.py", ("render",))),
    ("Python-Markdown", ("markdown/core.py", ("convert", "__init__"))),
)


def part_of(filename: str, function: str) -> str | None:
    """The part whose entry point this function is, if any."""
    for name, (fragment, functions) in PARTS:
        if fragment in filename and (functions is None and function.startswith("on_") or function in (functions or ())):
            return name
    return None


def profile(project: Path, processes: int, worker_stats: Path) -> pstats.Stats:
    """Profile `mkdocs build --strict` on `project` in this process, built in `processes`
    processes; with more than one, the first worker's profile is written to `worker_stats`."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from hooks.publish.parallel import PageBuild

    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    os.environ.pop("SITE_URL", None)
    os.environ["KB_BUILD_PROCESSES"] = str(processes)
    os.chdir(project)
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"), strict=True)
    config.plugins.on_startup(command="build", dirty=False)  # as the command line does: checks beside
    profiler = cProfile.Profile()
    finish = PageBuild.finish

    def finish_and_save(run: PageBuild) -> None:
        # A forked worker carries the profiler on; it ends in finish(), so it writes its profile first.
        if run.rank == 1:
            profiler.disable()
            profiler.dump_stats(worker_stats)
        finish(run)

    PageBuild.finish = finish_and_save
    profiler.enable()
    try:
        build(config)
    finally:
        profiler.disable()
        PageBuild.finish = finish
    return pstats.Stats(profiler)


def print_profile(title: str, stats: pstats.Stats, top: int) -> None:
    """The time of each part of one process's profile, then its costliest functions."""
    totals: dict[str, float] = defaultdict(float)
    whole = 0.0
    for (filename, _, function), (_, _, _, cumulative, _) in stats.stats.items():
        if filename.endswith("mkdocs/commands/build.py") and function == "build":
            whole = cumulative
        part = part_of(filename, function)
        if part:
            totals[part] += cumulative
    totals["the rest of MkDocs"] = whole - sum(totals.values())
    print(title)
    print(f"{'part':<26}{'time':>9}{'share':>8}")
    for name, seconds in sorted(totals.items(), key=lambda item: -item[1]):
        print(f"{name:<26}{seconds:>8.1f}s{seconds / whole:>8.0%}")
    print(f"{'whole build':<26}{whole:>8.1f}s")
    print()
    stats.sort_stats("cumulative").print_stats(top)


def main() -> None:
    """Profile one build and print the time by part, then the slowest functions (per process)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--shape", choices=SHAPES, default="flat", help="the corpus's shape (bench/corpus.py)")
    parser.add_argument("--top", type=int, default=25, help="how many functions to list")
    parser.add_argument("--processes", type=int, default=1,
                        help="KB_BUILD_PROCESSES: with 2 or more, a worker's profile follows the main process's")
    parser.add_argument("--save", type=Path, metavar="PREFIX",
                        help="also write the profiles to PREFIX.main.prof (and PREFIX.worker.prof), for pstats")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        project, _ = corpus_project(Path(tmp) / "project", args.articles, args.shape)
        worker_file = Path(tmp) / "worker.prof"
        stats = profile(project, args.processes, worker_file)
        worker = pstats.Stats(str(worker_file)) if worker_file.is_file() else None
        if args.save:
            stats.dump_stats(f"{args.save}.main.prof")
            if worker:
                worker.dump_stats(f"{args.save}.worker.prof")
    heading = (f"{args.articles} {args.shape} corpus articles, {args.processes} process(es); {machine()}; "
               f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC (times include cProfile's overhead)")
    print_profile(f"Profile of one strict build, main process: {heading}", stats, args.top)
    if worker:
        print_profile(f"Profile of the same build, first worker (its pages only): {heading}", worker, args.top)


if __name__ == "__main__":
    main()
