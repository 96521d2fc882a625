"""`make bench`: the site at 100, 1,000 and 3,000 generated articles, in both corpus shapes.

For each shape (bench/corpus.py: "flat", category -> article; "nested", category -> section ->
article and one level deeper) and size, a copy of the project has its category folders replaced
by the benchmark corpus. Every shape gets the strict build, its pages and Python-Markdown alone,
and a table per shape of the issue's page and build targets, each marked met or not
(bench/shape_table.py). The shapes of `--details-for` (default: flat) get every figure below,
with the real mkdocs.yml and our hooks on:

- the strict build (on every core, as `make build` runs it): wall time, CPU time of all its
  processes, peak memory, size of site/; median and largest article page; and the same build
  in one process (KB_BUILD_PROCESSES=1);
- the search index on disk, and in Debian's Chromium (cold: a fresh profile each time) the
  bytes a first query downloads and the time from navigation start to the first result, on a
  desktop and on a phone (390x844, CPU slowed 4x through CDP), opened as `/?q=QUERY` on the
  home page. Results are `.md-search-result__item` (Material) or `.kb-search-result` (ours);
- Python-Markdown alone on the pages the build publishes, with the extensions it renders them
  with (a new `Markdown` per page, as MkDocs does): in one process, as the issue's ratio has it,
  and split over one process per core, as the build splits its pages. The build and Markdown
  alone run in turns, and within a turn every size of a shape is built, so each ratio (build over
  Markdown, build at 3,000 over build at 1,000) is the median of ratios of figures measured
  minutes apart; each turn's ratio is shown too. Wall times are compared with wall times, CPU
  times with CPU times. The build makes its pages on every core, so its wall time over Markdown
  in one process flatters it; the ratio against Markdown on every core is the fair one;
- our hooks' own time: the one-process build runs through bench/timed_hooks.py, which times
  each hook's events as MkDocs calls them. The search index (hooks/on_search.py: Pagefind, which
  replaces Material's search plugin) is given apart from the other hooks;
- the build with our hooks removed from mkdocs.yml but the one the templates need to compile
  (`{% once %}`; one process, as without the hooks MkDocs builds in one), its runs alternating
  with those of the one-process build, and the difference between the two. That difference
  moves by about ten points between runs here, as the machine's speed does, hence the timed
  figure above;
- a stock Material build of the same tree (no overrides, hooks or theme features, MkDocs' own
  navigation from the folders);
- the writers' check on the whole tree (`python -m hooks check docs`, a new process);
- the preview: `mkdocs serve` (as `make serve` runs it), then one article is changed; the
  time from the save to the served page showing the change.

The flat shape at 1,000 articles also gets the languages measure (issue 21, item 8;
bench/scale_languages.py): the same 1,000 articles with every page translated into each other
language of mkdocs.yml, built in each turn right after the one-language build (English alone,
no fallback pages); the ratio of the two, and each language's median article page against the
English one. `--no-languages` leaves it out.

Timings are medians of `--runs` turns (the stock build and the preview: one run). The machine
is shared: compare within one run.

Chromium is the one KB_CHROMIUM names, as in the browser tests (`make bench` sets Debian's).

    python bench/scale.py                      # 100, 1,000 and 3,000 articles (under load 13-21: over 50 minutes)
    python bench/scale.py --sizes 1000 3000 --runs 2 --details-for --out bench/results/scale-shapes.md
    python bench/scale.py --sizes 1000 --runs 1
    python bench/scale.py --sizes 1000 --shapes flat --details-for --runs 3   # the languages measure alone
    python bench/scale.py --sizes 1000 3000 --shapes nested --details-for --runs 3   # the build targets alone
    python bench/scale.py --stock-up-to 3000   # also the stock build at 3,000 (about 10 more minutes)
"""

from __future__ import annotations

import argparse
import gzip
import os
import statistics
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import Corpus  # noqa: E402
from tests.corpussite import corpus_project  # noqa: E402
from bench.machine import machine  # noqa: E402
from bench.shape_table import shape_table, site_extremes  # noqa: E402
from bench.corpus import SHAPES  # noqa: E402
from bench.scale_builds import (SEARCH_HOOK, Pairs, build_and_markdown, fresh_build, hooks_on_and_off,  # noqa: E402
                                median_of, ratios_text, stock_config, without_hooks, writers_check)
from bench.scale_languages import ARTICLES as LANGUAGES_AT, languages_table, multilingual_project  # noqa: E402
from hooks import usable_cores  # noqa: E402
from bench.scale_served import first_search, preview_rebuild  # noqa: E402


@dataclass
class Row:
    """Everything measured at one size of one shape: as shown, and as numbers for bench/shape_table.py."""

    articles: int
    shape: str = "flat"
    figures: dict[str, str] = field(default_factory=dict)
    numbers: dict[str, float] = field(default_factory=dict)
    # The build at this size over the build at the size before, per turn (none at the first size).
    growth_text: str = ""
    # The languages measure's table (bench/scale_languages.py), at its size of the flat shape only.
    languages: str = ""


def page_sizes(site: Path, corpus: Corpus) -> list[int]:
    """The size of each article's page in bytes."""
    return [(site / article.url / "index.html").stat().st_size for article in corpus.articles]


def folder_bytes(folder: Path) -> int:
    """Bytes of every file below `folder`."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def search_index_bytes(site: Path) -> tuple[int, int]:
    """The search index on disk: (raw bytes, gzipped bytes) of Material's index or Pagefind's folder."""
    material = site / "search/search_index.json"
    if material.is_file():
        data = material.read_bytes()
        return len(data), len(gzip.compress(data))
    pagefind = site / "pagefind"
    if pagefind.is_dir():
        return folder_bytes(pagefind), folder_bytes(pagefind)  # Pagefind's chunks are compressed already
    return 0, 0


def kb(size: float) -> str:
    """Bytes as KB."""
    return f"{size / 1024:,.1f} KB"


def mb(size: float) -> str:
    """Bytes as MB, or as KB below one MB."""
    return f"{size / 2**20:,.1f} MB" if size >= 2**20 else kb(size)


def measure_shape(shape: str, sizes: list[int], runs: int, stock_up_to: int, browser_runs: int,
                  details: bool, languages: bool) -> list[Row]:
    """Every size of one shape. The builds of all sizes and Markdown alone run in turns (one
    round per run), so that both ratios of the issue, build over Markdown and build at 3,000
    over build at 1,000, compare figures measured minutes apart, never a whole size apart.
    `languages`: at LANGUAGES_AT, each turn also builds the same corpus in every language."""
    with tempfile.TemporaryDirectory() as tmp:
        projects = {n: corpus_project(Path(tmp) / f"project-{n}", n, shape) for n in sizes}
        multi = multilingual_project(Path(tmp), shape) if languages and LANGUAGES_AT in sizes else None
        pairs = {n: Pairs([], []) for n in sizes}
        for turn in range(runs):
            for n in sizes:
                print(f"[{shape} {n}] turn {turn + 1} of {runs}: build, Python-Markdown alone", file=sys.stderr,
                      flush=True)
                project = projects[n][0]
                build_and_markdown(project, project / "mkdocs.yml", pairs[n], turn)
                if multi and n == LANGUAGES_AT:
                    print(f"[{shape} {n} x {1 + len(multi.codes)} languages] turn {turn + 1} of {runs}: build",
                          file=sys.stderr, flush=True)
                    multi.builds.append(fresh_build(multi.project, multi.project / "mkdocs.yml"))
        rows = []
        for n in sizes:
            project, corpus = projects[n]
            rows.append(build_row(n, shape, project, corpus, pairs[n]))
            if multi and n == LANGUAGES_AT:
                rows[-1].languages = languages_table(multi, pairs[n].builds, page_sizes(project / "site", corpus))
            if details:
                measure_details(project, corpus, rows[-1], runs, n <= stock_up_to, browser_runs)
    for small, large in zip(rows, rows[1:]):
        growth = [b.seconds / a.seconds for a, b in zip(pairs[small.articles].builds, pairs[large.articles].builds)]
        large.numbers["growth"] = statistics.median(growth)
        large.growth_text = ratios_text(growth)
    return rows


def build_row(articles: int, shape: str, project: Path, corpus: Corpus, pairs: Pairs) -> Row:
    """The build, its pages (of its last turn) and Markdown alone at one size."""
    row = Row(articles, shape)
    f = row.figures
    ours, alone, ratios = median_of(pairs.builds), pairs.median_alone(), pairs.ratios()
    site = project / "site"
    sizes = page_sizes(site, corpus)
    extremes = site_extremes(site)
    row.numbers = {"median_page": statistics.median(sizes), "build": ours.seconds,
                   "build_over_markdown": statistics.median(ratios),
                   "build_over_markdown_every_core": statistics.median(pairs.ratios(fair=True)),
                   "largest_page": extremes.largest_bytes, "most_links": extremes.most_links,
                   "markdown": alone.seconds}
    cores = usable_cores()
    f["build (strict, hooks on): wall time, pages on every core"] = f"{ours.seconds:.1f} s"
    f["CPU time of the build (all its processes)"] = f"{ours.cpu_seconds:.1f} s"
    f["peak memory of the build"] = f"{ours.peak_mb:,.0f} MB"
    f["size of site/"] = mb(folder_bytes(site))
    f["median article HTML"] = kb(statistics.median(sizes))
    f["largest article HTML"] = kb(max(sizes))
    f["largest page (any page)"] = f"{kb(extremes.largest_bytes)} ({extremes.largest_page})"
    f["most links on one page"] = f"{extremes.most_links:,} ({extremes.most_links_page})"
    f["Python-Markdown alone, one process: wall time"] = f"{alone.seconds:.1f} s"
    f["Python-Markdown alone, one process: CPU time"] = f"{alone.cpu_seconds:.1f} s"
    f[f"Python-Markdown alone, pages split over {cores} processes: wall time"] = f"{alone.every_core_seconds:.1f} s"
    f["build / Markdown alone in one process (issue 18's ratio; wall times)"] = ratios_text(ratios)
    f[f"build / Markdown alone on {cores} processes (same cores; wall times)"] = ratios_text(pairs.ratios(fair=True))
    f["build / Markdown alone, CPU times"] = ratios_text(pairs.cpu_ratios())
    return row


def measure_details(project: Path, corpus: Corpus, row: Row, runs: int, stock: bool, browser_runs: int) -> None:
    """The search, one-process, hooks-off, stock, writers' check and preview figures of a built corpus."""
    articles, f, config, site = row.articles, row.figures, project / "mkdocs.yml", project / "site"
    index_raw, index_gz = search_index_bytes(site)
    f["search index on disk (gzipped)"] = f"{mb(index_raw)} ({mb(index_gz)})"
    print(f"[{articles}] search in Chromium", file=sys.stderr, flush=True)
    search = first_search(site, corpus.articles[0].error, browser_runs)
    for screen in ("desktop", "phone"):
        seconds, downloaded = search[screen]
        f[f"first query: downloaded ({screen})"] = kb(downloaded)
        f[f"first query: cold first result ({screen})"] = f"{seconds:.2f} s"
    print(f"[{articles}] one process, hooks off", file=sys.stderr, flush=True)
    bare = project / "mkdocs-no-hooks.yml"
    bare.write_text(without_hooks(config.read_text(encoding="utf-8")), encoding="utf-8")
    single, no_hooks, difference = hooks_on_and_off(project, config, bare, runs)
    f["build in one process (KB_BUILD_PROCESSES=1)"] = f"{single.seconds:.1f} s"
    f["one-process build / Markdown alone"] = f"{single.seconds / row.numbers['markdown']:.2f}x"
    # The profile counted Material's search plugin apart from the hooks; Pagefind replaces it.
    f["search index (Pagefind), within the one-process build"] = f"{single.index_seconds:.1f} s"
    f["our hooks' own time, the search index apart (timed in the one-process build)"] = (
        f"{single.other_hooks_seconds:.2f} s = {single.other_hooks_seconds / single.seconds:.1%}")
    costliest = max((name for name in single.hook_seconds if name != SEARCH_HOOK), key=single.hook_seconds.get)
    f["costliest of them"] = f"{Path(costliest).name} {single.hook_seconds[costliest]:.2f} s"
    # Without the hooks the build runs in one process, so it is compared with the one-process build.
    f["build, our hooks off (one process)"] = f"{no_hooks.seconds:.1f} s"
    f["one-process build minus index minus hooks-off build, as a share (noisy)"] = f"{difference:.0%}"
    if stock:
        print(f"[{articles}] stock Material", file=sys.stderr, flush=True)
        stock_build = fresh_build(project, stock_config(project), strict=False)
        f["stock Material build (1 run)"] = f"{stock_build.seconds:.1f} s"
        stock_sizes = page_sizes(project / "site", corpus)
        f["stock Material median article HTML"] = kb(statistics.median(stock_sizes))
    else:
        f["stock Material build (1 run)"] = "not run (--stock-up-to)"
        f["stock Material median article HTML"] = "not run"
    print(f"[{articles}] writers' check", file=sys.stderr, flush=True)
    f["writers' check, whole tree"] = f"{writers_check(project, runs):.2f} s"
    print(f"[{articles}] preview", file=sys.stderr, flush=True)
    f["preview: one article changed, until served (1 run)"] = f"{preview_rebuild(project, corpus):.1f} s"


def table(rows: list[Row]) -> str:
    """One Markdown table: a line per measure, a column per size."""
    lines = ["| measure | " + " | ".join(f"{row.articles:,} articles" for row in rows) + " |",
             "| --- |" + " ---: |" * len(rows)]
    for measure in rows[0].figures:
        lines.append(f"| {measure} | " + " | ".join(row.figures.get(measure, "") for row in rows) + " |")
    return "\n".join(lines)


def report(rows: list[Row], args, started: datetime) -> str:
    """The whole output: a table per shape, the build ratios between sizes, the targets per shape."""
    parts = [f"Site at scale: the generated corpus, real mkdocs.yml; medians of {args.runs} turns "
             f"(browser: {args.browser_runs} cold runs per screen)",
             f"{machine()}; {started:%Y-%m-%d %H:%M} to {datetime.now(timezone.utc):%H:%M} UTC; load average "
             f"at the start {args.load_at_start:.1f}, at the end {os.getloadavg()[0]:.1f} (above the core count, "
             "every time is inflated)",
             f"Times are wall times unless marked CPU. The build makes its pages in one process per core "
             f"({usable_cores()} here) and the site-wide files in one; Python-Markdown alone runs in one process "
             "(the issue's yardstick, which flatters the build) and, for the fair comparison, split over as many "
             "processes as the build. A turn builds every size of the shape and runs Markdown alone beside each "
             "build; each ratio is the median of the turns' ratios, with every turn's shown."]
    numbers: dict[str, dict[int, dict[str, float]]] = {}
    for shape in args.shapes:
        shaped = [row for row in rows if row.shape == shape]
        numbers[shape] = {row.articles: row.numbers for row in shaped}
        parts.append(f"Shape: {shape}\n\n{table(shaped)}")
        for small, large in zip(shaped, shaped[1:]):
            parts[-1] += (f"\n\nbuild at {large.articles:,} / build at {small.articles:,} (wall times, same turn): "
                          f"{large.growth_text} ({large.articles / small.articles:.1f}x the articles)")
    targets = shape_table(numbers)
    if targets:
        parts.append(f"Targets per shape (issue 18)\n\n{targets}")
    for row in rows:
        if row.languages:
            parts.append(f"Languages (issue 21, item 8), {row.shape} shape: {row.articles:,} articles in one "
                         f"language and in three, built in the same turns\n\n{row.languages}")
    return "\n\n".join(parts)


def main() -> None:
    """Measure each shape at each size and print the tables (and write them to --out)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 3000], metavar="N")
    parser.add_argument("--shapes", nargs="+", choices=SHAPES, default=list(SHAPES))
    parser.add_argument("--details-for", nargs="*", choices=SHAPES, default=["flat"], metavar="SHAPE",
                        help="shapes that get every figure (search, hooks, stock, check, preview); none if empty")
    parser.add_argument("--runs", type=int, default=3, help="runs per timing (medians)")
    parser.add_argument("--browser-runs", type=int, default=3, help="cold searches per screen (median)")
    parser.add_argument("--stock-up-to", type=int, default=1000, metavar="N",
                        help="build stock Material only up to this size (it grows with the square of N)")
    parser.add_argument("--languages", action=argparse.BooleanOptionalAction, default=True,
                        help=f"at {LANGUAGES_AT:,} articles of the flat shape, also build them in every language "
                             "in the same turns (bench/scale_languages.py; about 4 more minutes)")
    parser.add_argument("--out", type=Path, help="also write the output to this file")
    args = parser.parse_args()
    started = datetime.now(timezone.utc)
    args.load_at_start = os.getloadavg()[0]
    rows = []
    for shape in args.shapes:
        shaped = measure_shape(shape, args.sizes, args.runs, args.stock_up_to, args.browser_runs,
                               shape in args.details_for, args.languages and shape == "flat")
        print(table(shaped), file=sys.stderr, flush=True)
        rows += shaped
    output = report(rows, args, started)
    print(output)
    if args.out:
        args.out.write_text(output + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
