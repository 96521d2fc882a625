"""`make bench`: every benchmark in turn, and what they print in bench/results/latest.md.

Each script's output is shown as it runs and kept; the results file is replaced only when every
script has succeeded, so it always holds one whole run, with its machine, dates and commit.
Earlier runs are in Git's history of that file.

    python bench/all.py [--out bench/results/latest.md]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.machine import machine  # noqa: E402

BENCH = Path(__file__).resolve().parent
SCRIPTS = ("check_speed.py", "scale.py", "search_speed.py", "relevance.py", "relevance.py --language es",
           "preview_latency.py", "feedback_load.py")


def run(script: str) -> str:
    """Run one benchmark script (its name and arguments); its stdout (shown as it comes), or
    SystemExit when it fails."""
    name, *arguments = script.split()
    process = subprocess.Popen([sys.executable, str(BENCH / name), *arguments], stdout=subprocess.PIPE, text=True)
    lines = []
    for line in process.stdout:
        print(line, end="", flush=True)
        lines.append(line)
    if process.wait() != 0:
        raise SystemExit(f"bench/{script} exited {process.returncode}; bench/results/latest.md left as it was")
    return "".join(lines).rstrip()


def commit() -> str:
    """The commit measured, with "+ changes" when the tree differs from it; bench/results/ is left
    out, since the run's own scripts write there before it ends."""
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=BENCH)
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no", "--", ":/",
                            ":(top,exclude)bench/results"], capture_output=True, text=True, cwd=BENCH)
    return (head.stdout.strip() or "unknown") + (" + changes" if dirty.stdout.strip() else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=BENCH / "results" / "latest.md")
    args = parser.parse_args()
    started = datetime.now(timezone.utc)
    sections = [f"## bench/{script}\n\n```text\n{run(script)}\n```" for script in SCRIPTS]
    header = (f"# Benchmark results (`make bench`)\n\n"
              f"- machine: {machine()}\n"
              f"- run: {started:%Y-%m-%d %H:%M} to {datetime.now(timezone.utc):%H:%M} UTC, "
              f"load average at the end {os.getloadavg()[0]:.1f}\n"
              f"- commit: {commit()}\n\n"
              "Each script compares within its own run and quotes medians; what each measures is in "
              "guides/design.md (Benchmarks).")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    partial = args.out.with_suffix(".new")
    partial.write_text("\n\n".join([header, *sections]) + "\n", encoding="utf-8")
    partial.replace(args.out)
    print(f"\nwritten: {args.out}")


if __name__ == "__main__":
    main()
