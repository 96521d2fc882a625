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
- Python-Markdown alone on the same pages in one process (a new `Markdown` per page, as MkDocs
  does), run after each build, and the ratio of the build to it (the median of the runs' ratios);
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

Timings are medians of `--runs` runs (the stock build and the preview: one run). The machine
is shared: compare within one run.

Chromium is the one KB_CHROMIUM names, as in the browser tests (`make bench` sets Debian's).

    python bench/scale.py                      # 100, 1,000 and 3,000 articles (under load 13-21: over 50 minutes)
    python bench/scale.py --sizes 1000 3000 --runs 2 --details-for --out bench/results/scale-shapes.md
    python bench/scale.py --sizes 1000 --runs 1
    python bench/scale.py --stock-up-to 3000   # also the stock build at 3,000 (about 10 more minutes)
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import quote


ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import Corpus  # noqa: E402
from tests.corpussite import corpus_project  # noqa: E402
from bench.machine import machine  # noqa: E402
from bench.shape_table import shape_table, site_extremes  # noqa: E402
from bench.corpus import SHAPES  # noqa: E402

SEARCH_RESULT = ".md-search-result__item, .kb-search-result"
PHONE_CPU_SLOWDOWN = 4
STOCK_CONFIG = """site_name: Stock
site_url: https://help.example.com/
theme:
  name: material
  custom_dir: stock-overrides
markdown_extensions:
{extensions}
"""
# The home page and the corpus's category pages name our templates; the stock theme gets bare ones.
STOCK_TEMPLATES = ("home.html", "category.html")


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


@dataclass
class Row:
    """Everything measured at one size of one shape: as shown, and as numbers for bench/shape_table.py."""

    articles: int
    shape: str = "flat"
    figures: dict[str, str] = field(default_factory=dict)
    numbers: dict[str, float] = field(default_factory=dict)


# The one hook the templates cannot do without: it gives Jinja the `{% once %}` tag.
TEMPLATE_HOOK = "hooks/on_templates.py"


def without_hooks(config: str) -> str:
    """mkdocs.yml with every hook of the `hooks:` list removed (comments too), but TEMPLATE_HOOK.

    Raises ValueError if the list is not found, so that a "hooks off" build never has them on.
    """
    hooks = re.compile(r"(?m)^hooks:\n(?:  .*\n)+")
    if not hooks.search(config):
        raise ValueError("mkdocs.yml has no `hooks:` list that bench/scale.py can remove")
    return hooks.sub(f"hooks:\n  - {TEMPLATE_HOOK}\n", config)


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


def median_of(builds: list[Build]) -> Build:
    """The median of each figure of these builds (the highest peak memory of them)."""
    hooks = {name: statistics.median(b.hook_seconds.get(name, 0.0) for b in builds) for name in builds[0].hook_seconds}
    return Build(statistics.median(b.seconds for b in builds), statistics.median(b.cpu_seconds for b in builds),
                 max(b.peak_mb for b in builds), hooks)


def build_and_markdown(project: Path, config: Path, runs: int) -> tuple[Build, float, float]:
    """(median build on every core, median Python-Markdown alone, median of their ratios run by run).

    Each build is followed by Markdown alone, so that a slow minute of the machine falls on both.
    """
    builds, alone = [], []
    for _ in range(runs):
        builds.append(fresh_build(project, config))
        alone.append(markdown_alone(project))
    ratio = statistics.median(build.seconds / seconds for build, seconds in zip(builds, alone))
    return median_of(builds), statistics.median(alone), ratio


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


def markdown_alone(project: Path) -> float:
    """The time Python-Markdown takes to render every page of docs/, as MkDocs calls it (one process)."""
    code = """
import sys, time, markdown
from pathlib import Path
from mkdocs.config import load_config
from mkdocs.utils.meta import get_data
config = load_config(sys.argv[1])
texts = [get_data(p.read_text(encoding="utf-8"))[0] for p in sorted(Path(sys.argv[2]).rglob("*.md"))]
start = time.perf_counter()
for text in texts:
    markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs).convert(text)
print(time.perf_counter() - start)
"""
    result = subprocess.run([sys.executable, "-c", code, str(project / "mkdocs.yml"), str(project / "docs")],
                            cwd=project, capture_output=True, text=True, check=True)
    return float(result.stdout.strip().splitlines()[-1])


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


def first_search(site: Path, query: str, runs: int) -> dict[str, tuple[float, int]]:
    """Cold `/?q=QUERY` on the home page: median seconds to the first result and bytes of search files."""
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, SCREENS
    from tests.siteserver import serve_site

    record = """new MutationObserver((_, observer) => {
        if (document.querySelector(%r)) { window.__kbFirstResult = performance.now(); observer.disconnect(); }
    }).observe(document, {childList: true, subtree: true});""" % SEARCH_RESULT
    figures = {}
    with serve_site(site, host_like=True) as base, sync_playwright() as playwright:
        for screen in ("desktop", "phone"):
            times, downloads = [], []
            for _ in range(runs):
                browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
                context = browser.new_context(**SCREENS[screen])
                finished = []
                context.on("requestfinished", lambda request: finished.append(request))
                page = context.new_page()
                page.add_init_script(record)
                if screen == "phone":
                    page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate",
                                                            {"rate": PHONE_CPU_SLOWDOWN})
                page.goto(f"{base}?q={quote(query)}")
                page.wait_for_function("() => window.__kbFirstResult !== undefined", timeout=120_000)
                times.append(page.evaluate("window.__kbFirstResult") / 1000)
                downloads.append(sum(request.sizes()["responseBodySize"] for request in finished
                                     if re.search(r"search|pagefind", request.url.removeprefix(base))))
                browser.close()
            figures[screen] = (statistics.median(times), int(statistics.median(downloads)))
    return figures


def preview_rebuild(project: Path, corpus: Corpus) -> float:
    """Seconds from saving one changed article to `mkdocs serve` serving the changed page."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITE_URL", None)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}",
                               *serve_flags()],
                              cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    serving = threading.Event()
    threading.Thread(target=watch_log, args=(server, serving), daemon=True).start()
    try:
        if not serving.wait(timeout=900):
            raise SystemExit("mkdocs serve did not start")
        article = corpus.articles[len(corpus.articles) // 2]
        source = project / "docs" / article.path
        marker = f"kb-bench-{time.time_ns()}"
        text = source.read_text(encoding="utf-8")
        start = time.perf_counter()
        source.write_text(text + f"\nChanged for the benchmark: {marker}.\n", encoding="utf-8")
        url = f"http://127.0.0.1:{port}/{article.url}"
        while marker not in fetch(url):
            if time.perf_counter() - start > 600:
                raise SystemExit("the preview did not show the change within 10 minutes")
            time.sleep(0.05)
        seconds = time.perf_counter() - start
        source.write_text(text, encoding="utf-8")
        return seconds
    finally:
        server.terminate()
        server.wait(timeout=30)


def serve_flags() -> list[str]:
    """The extra flags `make serve` passes to `mkdocs serve` (read from the Makefile)."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    line = re.search(r"(?m)^\t.*-m mkdocs serve (.*)$", makefile)
    flags = line.group(1).split() if line else []
    return [flag for flag in flags if flag not in ("--dev-addr",) and not re.fullmatch(r"[\d.]+:\d+", flag)]


def watch_log(server: subprocess.Popen, serving: threading.Event) -> None:
    """Drain the server's log; set `serving` once it serves."""
    for line in server.stderr:
        if "Serving on" in line:
            serving.set()


def free_port() -> int:
    """A TCP port of 127.0.0.1 that is free now."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    """The body at `url`, or "" while the server cannot answer it."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return ""


def kb(size: float) -> str:
    """Bytes as KB."""
    return f"{size / 1024:,.1f} KB"


def mb(size: float) -> str:
    """Bytes as MB, or as KB below one MB."""
    return f"{size / 2**20:,.1f} MB" if size >= 2**20 else kb(size)


def measure(articles: int, runs: int, stock: bool, browser_runs: int, shape: str = "flat",
            details: bool = True) -> Row:
    """Every figure at one size of one shape; without `details`, the build, pages and Markdown alone."""
    row = Row(articles, shape)
    f = row.figures
    with tempfile.TemporaryDirectory() as tmp:
        project, corpus = corpus_project(Path(tmp) / "project", articles, shape)
        config = project / "mkdocs.yml"
        print(f"[{shape} {articles}] building, and Python-Markdown alone ({runs} runs)", file=sys.stderr, flush=True)
        ours, alone, ratio = build_and_markdown(project, config, runs)
        site = project / "site"
        sizes = page_sizes(site, corpus)
        extremes = site_extremes(site)
        row.numbers = {"median_page": statistics.median(sizes), "build": ours.seconds,
                       "build_over_markdown": ratio, "largest_page": extremes.largest_bytes,
                       "most_links": extremes.most_links, "markdown": alone}
        f["build (strict, hooks on)"] = f"{ours.seconds:.1f} s"
        f["peak memory of the build"] = f"{ours.peak_mb:,.0f} MB"
        f["size of site/"] = mb(folder_bytes(site))
        f["median article HTML"] = kb(statistics.median(sizes))
        f["largest article HTML"] = kb(max(sizes))
        f["largest page (any page)"] = f"{kb(extremes.largest_bytes)} ({extremes.largest_page})"
        f["most links on one page"] = f"{extremes.most_links:,} ({extremes.most_links_page})"
        f["Python-Markdown alone (one process)"] = f"{alone:.1f} s"
        f["build / Markdown alone (median of the runs' ratios)"] = f"{ratio:.2f}x"
        f["CPU time of the build (all its processes)"] = f"{ours.cpu_seconds:.1f} s"
        if details:
            measure_details(project, corpus, row, runs, stock, browser_runs)
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
    parts = [f"Site at scale: the generated corpus, real mkdocs.yml; medians of {args.runs} runs "
             f"(browser: {args.browser_runs} cold runs per screen)",
             f"{machine()}; {started:%Y-%m-%d %H:%M} to {datetime.now(timezone.utc):%H:%M} UTC; load average "
             f"at the end {os.getloadavg()[0]:.1f} (above the core count, every time is inflated)"]
    numbers: dict[str, dict[int, dict[str, float]]] = {}
    for shape in args.shapes:
        shaped = [row for row in rows if row.shape == shape]
        numbers[shape] = {row.articles: row.numbers for row in shaped}
        parts.append(f"Shape: {shape}\n\n{table(shaped)}")
        for small, large in zip(shaped, shaped[1:]):
            parts[-1] += (f"\n\nbuild at {large.articles:,} / build at {small.articles:,}: "
                          f"{large.numbers['build'] / small.numbers['build']:.2f}x "
                          f"({large.articles / small.articles:.1f}x the articles)")
    targets = shape_table(numbers)
    if targets:
        parts.append(f"Targets per shape (issue 18)\n\n{targets}")
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
    parser.add_argument("--out", type=Path, help="also write the output to this file")
    args = parser.parse_args()
    started = datetime.now(timezone.utc)
    rows = []
    for shape in args.shapes:
        for n in args.sizes:
            rows.append(measure(n, args.runs, n <= args.stock_up_to, args.browser_runs, shape,
                                shape in args.details_for))
            print(table([row for row in rows if row.shape == shape]), file=sys.stderr, flush=True)
    output = report(rows, args, started)
    print(output)
    if args.out:
        args.out.write_text(output + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
