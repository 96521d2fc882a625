"""Benchmark: the writers' command on a 1,000-article tree, and the pure check per file.

Run with `make bench`. The tree is made in a temporary folder from the real articles
(copied round-robin into their own categories, beside a copy of docs/ so that their links
resolve), so its lists, notes, fences and links have the real docs' shapes. Figures are medians; the machine is shared, so compare within one run.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hooks.checks.config import load_settings  # noqa: E402
from hooks.checks.engine import check_text  # noqa: E402
from bench.machine import machine  # noqa: E402

ARTICLES = 1000
RUNS = 7


def make_tree(dest: Path) -> list[str]:
    """Copy the real docs/ to dest/docs and add ARTICLES copies of its articles, each in its
    own category folder (so its relative links still resolve); return the copies' texts."""
    shutil.copytree(ROOT / "docs", dest / "docs")
    # Customers' articles only: the writers' guide (one long rules page of 186 examples) is in the
    # tree once already, and copying it 40 times would measure the guide, not a help center.
    sources = sorted(p for p in (ROOT / "docs").glob("*/*.md") if p.name != "index.md" and p.parent.name != "writers-guide")
    texts = []
    for number in range(ARTICLES):
        source = sources[number % len(sources)]
        text = source.read_text(encoding="utf-8")
        (dest / "docs" / source.parent.name / f"article-{number:04}.md").write_text(text, encoding="utf-8")
        texts.append(text)
    return texts


def time_command(cwd: Path, *paths: str) -> float:
    """Median wall time of `python -m hooks check PATHS` (a new process each run, as a writer runs it)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("GITHUB_ACTIONS", None)
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "hooks", "check", "--config", str(ROOT / "mkdocs.yml"), *paths],
                                cwd=cwd, env=env, capture_output=True, text=True, check=False)
        times.append(time.perf_counter() - start)
        if result.returncode != 0:
            sys.exit(f"the check did not pass on the generated tree:\n{result.stdout}{result.stderr}")
    return statistics.median(times)


def time_pure(texts: list[str]) -> float:
    """Median time of `check_text` over every article, in one process (no start-up, no disk)."""
    settings = load_settings(ROOT / "mkdocs.yml")
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        for text in texts:
            check_text(text, settings)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    """Build the tree, time the command and the pure function, print the figures."""
    with tempfile.TemporaryDirectory() as folder:
        tree = Path(folder)
        texts = make_tree(tree)
        (tree / "empty").mkdir()
        lines = sum(text.count("\n") for text in texts)
        whole = time_command(tree, "docs")
        startup = time_command(tree, "empty")
        pure = time_pure(texts)
    print(f"check_speed: {ARTICLES} articles ({lines} lines), median of {RUNS} runs")
    print(f"  machine: {machine()}")
    print(f"  date:    {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC")
    print(f"  python -m hooks check docs/ (whole command): {whole * 1000:.0f} ms")
    print(f"    of which start-up on an empty folder:      {startup * 1000:.0f} ms")
    print(f"  check_text per article (pure function):      {pure / ARTICLES * 1e6:.0f} us "
          f"({pure * 1000:.0f} ms for all {ARTICLES})")


if __name__ == "__main__":
    main()
