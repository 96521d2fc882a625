"""Benchmark: how long `make serve` takes from a writer's save to the page showing it.

The real `mkdocs serve` runs on a copy of the project. Each run saves the reference
article with a new sentence, alternately with a finding (a misnumbered step, so the
page carries the findings list) and without, and times until the served page holds
the sentence. For scale, the same run times a plain `mkdocs build` of the same copy:
a save costs one rebuild. Figures are medians; the machine is shared, so compare
within one run.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.machine import machine  # noqa: E402
from tests.previewserver import fetch, serve_preview  # noqa: E402
from tests.sitebuild import build, copy_project  # noqa: E402

ARTICLE = "docs/accounts/reset-mailbox-password.md"
URL = "accounts/reset-mailbox-password/"
RUNS = 5  # of each kind
LIMIT = 120  # seconds: a save not shown by then is a frozen preview


def time_save(article: Path, text: str, page: str, sentence: str) -> float:
    """Seconds from writing `text` (which holds `sentence`) to the served page holding it."""
    start = time.perf_counter()
    article.write_text(text, encoding="utf-8")
    while time.perf_counter() - start < LIMIT:
        html = fetch(page)
        if html is not None and sentence in html:
            return time.perf_counter() - start
        time.sleep(0.05)
    sys.exit(f"the preview did not show the save within {LIMIT} s: it is frozen")


def main() -> None:
    """Print the median save-to-page time with and without a finding, beside a plain build's time."""
    with tempfile.TemporaryDirectory() as folder:
        project = copy_project(Path(folder) / "project")
        article = project / ARTICLE
        original = article.read_text(encoding="utf-8")
        times: dict[bool, list[float]] = {True: [], False: []}
        with serve_preview(project, Path(folder) / "serve.log") as url:
            for run in range(2 * RUNS):
                with_finding = run % 2 == 0
                sentence = f"Benchmark sentence {run}."
                text = original.replace("3. Find the mailbox", "4. Find the mailbox", 1) if with_finding else original
                times[with_finding].append(time_save(article, f"{text}\n{sentence}\n", url + URL, sentence))
        builds = []
        for run in range(3):
            start = time.perf_counter()
            build(project, Path(folder) / f"site-{run}", strict=False)
            builds.append(time.perf_counter() - start)
    with_finding, without = statistics.median(times[True]), statistics.median(times[False])
    plain = statistics.median(builds)
    print(f"make serve, save to page shown (median of {RUNS} saves each):")
    print(f"  with a finding (list and mark on the page): {with_finding:.2f} s ({with_finding / plain:.2f}x a build)")
    print(f"  without a finding: {without:.2f} s ({without / plain:.2f}x a build)")
    print(f"  plain `mkdocs build` of the same copy, new process (median of 3): {plain:.2f} s")
    print(f"  {machine()}; load average {os.getloadavg()[0]:.1f}; {datetime.now(timezone.utc):%Y-%m-%d}")


if __name__ == "__main__":
    main()
