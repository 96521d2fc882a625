"""How the site scales: build time and page weight at N articles, pruned vs stock navigation.

Generates N articles (copies of the real ones under new names, in the real
categories) in a temporary copy of the project, then builds it twice with the real
mkdocs.yml: once as configured (`navigation.prune`) and once with pruning removed,
the stock Material behaviour. Prints medians and the ratios between the two.

    python bench/site_scale.py [--articles 1000] [--runs 3]
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.machine import machine  # noqa: E402
from tests.sitebuild import build, copy_project  # noqa: E402


def generate(project: Path, articles: int, prune: bool) -> None:
    """Add generated articles to the real categories and write a nav that lists them all.

    Each generated article is a real article under a new name in the same folder, so
    its relative links still resolve and the strict build still passes.
    """
    docs = project / "docs"
    samples = sorted(p for p in docs.glob("*/*.md") if p.name != "index.md")
    by_category: dict[str, list[str]] = {}
    for sample in samples:
        by_category.setdefault(sample.parent.name, []).append(sample.relative_to(docs).as_posix())
    for number in range(articles - len(samples)):
        sample = samples[number % len(samples)]
        text = sample.read_text().replace("\ntitle: ", f"\ntitle: [{number}] ", 1)
        target = sample.with_name(f"{sample.stem}-{number:05d}.md")
        target.write_text(text.replace("\n# ", f"\n# [{number}] ", 1))
        by_category[sample.parent.name].append(target.relative_to(docs).as_posix())
    nav = ["nav:", "  - Home: index.md"]
    for category, pages in by_category.items():
        nav += [f"  - {category}:", f"      - {category}/index.md"] + [f"      - {page}" for page in pages]
    config = project / "mkdocs.yml"
    head, found, _ = config.read_text().partition("\nnav:\n")
    assert found, "mkdocs.yml has no nav: section at the end"
    if not prune:
        head = head.replace("    - navigation.prune\n", "")
    config.write_text(head + "\n" + "\n".join(nav) + "\n")


def measure(articles: int, prune: bool, runs: int) -> dict:
    """Median build time and article page weight for one variant."""
    with tempfile.TemporaryDirectory() as tmp:
        project = copy_project(Path(tmp) / "project")
        generate(project, articles, prune)
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            result = build(project, project / "site")
            times.append(time.perf_counter() - start)
            if result.returncode:
                raise SystemExit(f"build failed:\n{result.output[-2000:]}")
        pages = sorted((project / "site").glob("*/*-[0-9][0-9][0-9][0-9][0-9]/index.html"))
        sizes = [p.stat().st_size for p in pages]
        gzipped = [len(gzip.compress(p.read_bytes())) for p in pages]
        return {"seconds": statistics.median(times), "page_kb": statistics.median(sizes) / 1024,
                "page_gz_kb": statistics.median(gzipped) / 1024,
                "site_mb": sum(p.stat().st_size for p in (project / "site").rglob("*.html")) / 2**20}


def main() -> None:
    """Run both variants and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"Site scale, {args.articles} articles, median of {args.runs} builds; {machine()}; "
          f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC")
    pruned = measure(args.articles, True, args.runs)
    stock = measure(args.articles, False, args.runs)
    columns = (("seconds", "build s"), ("page_kb", "article KB"), ("page_gz_kb", "gzipped KB"), ("site_mb", "all HTML MB"))
    print(f"{'navigation':<20}" + "".join(f"{title:>13}" for _, title in columns))
    for name, row in (("pruned (ours)", pruned), ("stock (no prune)", stock)):
        print(f"{name:<20}" + "".join(f"{row[key]:>13.1f}" for key, _ in columns))
    print(f"{'stock / pruned':<20}" + "".join(f"{stock[key] / pruned[key]:>12.1f}x" for key, _ in columns))


if __name__ == "__main__":
    main()
