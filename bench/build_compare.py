"""Two versions of the build on the same corpus, in turns: did a change make the build faster?

    git archive main | tar -x -C /tmp/base
    python bench/build_compare.py --base /tmp/base [--articles 1000 3000] [--shapes flat nested] [--runs 3]

The corpus (bench/corpus.py) is written once per size and shape; one copy builds with this tree's
code (hooks/, overrides/), the other with the base's. Each turn runs the base build, this build
and Python-Markdown alone back to back (their order turns round each turn), so a busy minute of
a shared machine falls on all three, and the ratios are taken within a turn. CPU time (every
process of the build, Pagefind included) moves less with the machine's load than wall time.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import SHAPES  # noqa: E402
from bench.machine import machine  # noqa: E402
from bench.scale_builds import fresh_build, markdown_run  # noqa: E402
from tests.corpussite import corpus_project  # noqa: E402

# The parts of a project that are code, not content: the base's replace this tree's in its copy.
CODE_PARTS = ("hooks", "overrides")


def with_base_code(project: Path, base: Path, dest: Path) -> Path:
    """A copy of the corpus project `project` at `dest`, with the code parts of `base`."""
    shutil.copytree(project, dest, ignore=shutil.ignore_patterns("site", "__pycache__"))
    for part in CODE_PARTS:
        shutil.rmtree(dest / part)
        shutil.copytree(base / part, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
    return dest


def turns(new: Path, old: Path, runs: int) -> list[dict[str, float]]:
    """Each turn's wall and CPU seconds of both builds and of Markdown alone (one process)."""
    steps = {"base": lambda: fresh_build(old, old / "mkdocs.yml"),
             "new": lambda: fresh_build(new, new / "mkdocs.yml"),
             "markdown": lambda: markdown_run(new, 1)}
    measured = []
    for turn in range(runs):
        figures = {}
        for name in (list(steps) if turn % 2 == 0 else list(steps)[::-1]):
            result = steps[name]()
            wall, cpu = (result.seconds, result.cpu_seconds) if name != "markdown" else result[:2]
            figures[f"{name} wall"], figures[f"{name} cpu"] = wall, cpu
        print(f"  turn {turn + 1}: " + ", ".join(f"{k} {v:.1f}" for k, v in figures.items()),
              file=sys.stderr, flush=True)
        measured.append(figures)
    return measured


def summary(articles: int, shape: str, measured: list[dict[str, float]]) -> str:
    """One table row: medians, and the medians of the turns' ratios."""
    median = {key: statistics.median(turn[key] for turn in measured) for key in measured[0]}

    def ratio(top: str, bottom: str) -> str:
        values = [turn[top] / turn[bottom] for turn in measured]
        return f"{statistics.median(values):.2f}x ({', '.join(f'{v:.2f}' for v in values)})"

    return (f"| {shape} | {articles:,} | {median['base wall']:.1f} s / {median['base cpu']:.1f} s "
            f"| {median['new wall']:.1f} s / {median['new cpu']:.1f} s | {ratio('new wall', 'base wall')} "
            f"| {ratio('new cpu', 'base cpu')} | {median['markdown wall']:.1f} s / {median['markdown cpu']:.1f} s "
            f"| {ratio('base wall', 'markdown wall')} | {ratio('new wall', 'markdown wall')} |")


HEADER = ("| shape | articles | base: wall / CPU | new: wall / CPU | new / base, wall (turns) "
          "| new / base, CPU (turns) | Markdown alone: wall / CPU | base / Markdown, wall | new / Markdown, wall |\n"
          "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")


def main() -> None:
    """Build every size of every shape with both versions, in turns, and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path, required=True, help="a tree of the version to compare with")
    parser.add_argument("--articles", type=int, nargs="+", default=[1000, 3000], metavar="N")
    parser.add_argument("--shapes", nargs="+", choices=SHAPES, default=list(SHAPES))
    parser.add_argument("--runs", type=int, default=3, help="turns per size and shape (medians)")
    args = parser.parse_args()
    started, load = datetime.now(timezone.utc), os.getloadavg()[0]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for shape in args.shapes:
            for articles in args.articles:
                print(f"[{shape} {articles}]", file=sys.stderr, flush=True)
                new, _ = corpus_project(Path(tmp) / f"new-{shape}-{articles}", articles, shape)
                old = with_base_code(new, args.base.resolve(), Path(tmp) / f"base-{shape}-{articles}")
                rows.append(summary(articles, shape, turns(new, old, args.runs)))
    print(f"{machine()}; {started:%Y-%m-%d %H:%M} to {datetime.now(timezone.utc):%H:%M} UTC; "
          f"load average at the start {load:.1f}, at the end {os.getloadavg()[0]:.1f}; medians of {args.runs} turns; "
          "the build on every core, Markdown alone in one process\n")
    print(HEADER)
    print("\n".join(rows))


if __name__ == "__main__":
    main()
