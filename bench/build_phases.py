"""CPU time of each phase of one build, in one process: what grows faster than the pages?

    python bench/build_phases.py [--articles 1000 3000] [--shape flat]

Builds a copy of the project with each number of corpus articles (as bench/scale.py does) in this
process (KB_BUILD_PROCESSES=1), and gives the CPU time (not wall time, which a shared machine's
load moves) of MkDocs' page steps (Markdown, then template), of the post-build events, and of
Python's garbage collector wherever it ran. What runs in other processes is left out: Pagefind and
the writers' checks beside the build.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import SHAPES  # noqa: E402
from bench.machine import machine  # noqa: E402
from tests.corpussite import corpus_project  # noqa: E402

PHASES = ("Markdown (_populate_page)", "templates (_build_page)", "post-build events", "collector (gc)")


def timed(spent: dict, phase: str, function):
    """`function`, adding its CPU time to `spent[phase]` on each call."""
    def run(*args, **kwargs):
        start = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent[phase] += time.process_time() - start
    return run


def build_phases(project: Path) -> dict[str, float]:
    """CPU seconds of each phase of one strict build of `project`, and of the whole build."""
    from mkdocs.commands import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.plugins import PluginCollection

    spent: dict[str, float] = defaultdict(float)
    started = [0.0]

    def collector(phase, _info):
        if phase == "start":
            started[0] = time.process_time()
        else:
            spent[PHASES[3]] += time.process_time() - started[0]

    os.environ.update(NO_MKDOCS_2_WARNING="1", KB_BUILD_PROCESSES="1")
    os.chdir(project)
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    originals = (mkdocs_build._populate_page, mkdocs_build._build_page, PluginCollection.on_post_build)
    mkdocs_build._populate_page = timed(spent, PHASES[0], originals[0])
    mkdocs_build._build_page = timed(spent, PHASES[1], originals[1])
    PluginCollection.on_post_build = timed(spent, PHASES[2], originals[2])
    gc.callbacks.append(collector)
    start = time.process_time()
    try:
        mkdocs_build.build(config)
    finally:
        spent["whole build"] = time.process_time() - start
        gc.callbacks.remove(collector)
        mkdocs_build._populate_page, mkdocs_build._build_page, PluginCollection.on_post_build = originals
    return dict(spent)


def main() -> None:
    """Each size's phases, then each phase's growth from the first size to the last."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[1000, 3000], metavar="N")
    parser.add_argument("--shape", choices=SHAPES, default="flat")
    parser.add_argument("--project", type=Path, help=argparse.SUPPRESS)  # one build, in a process of its own
    args = parser.parse_args()
    if args.project:
        print(json.dumps(build_phases(args.project)))
        return
    started, load, results = datetime.now(timezone.utc), os.getloadavg()[0], {}
    with tempfile.TemporaryDirectory() as tmp:
        for articles in args.articles:
            project, _ = corpus_project(Path(tmp) / f"project-{articles}", articles, args.shape)
            run = subprocess.run([sys.executable, __file__, "--project", str(project)], capture_output=True,
                                 text=True, check=False)
            if run.returncode:
                raise SystemExit(f"the build of {articles:,} articles failed:\n{run.stderr[-3000:]}")
            results[articles] = json.loads(run.stdout.splitlines()[-1])
    sizes = list(results)
    print(f"CPU seconds by phase, one process, {args.shape} corpus; {machine()}; "
          f"{started:%Y-%m-%d %H:%M} to {datetime.now(timezone.utc):%H:%M} UTC; load average {load:.1f} at the start\n")
    print("| phase | " + " | ".join(f"{n:,} articles" for n in sizes) + f" | {sizes[-1]:,} / {sizes[0]:,} |")
    print("| --- |" + " ---: |" * (len(sizes) + 1))
    for phase in (*PHASES, "whole build"):
        first, last = results[sizes[0]].get(phase, 0.0), results[sizes[-1]].get(phase, 0.0)
        growth = f"{last / first:.2f}x" if first else "-"
        print(f"| {phase} | " + " | ".join(f"{results[n].get(phase, 0.0):.2f}" for n in sizes) + f" | {growth} |")


if __name__ == "__main__":
    main()
