"""Search at scale: Pagefind (ours) against Material's built-in search, on a generated corpus.

For each size, the same corpus (bench/corpus.py) is built twice: as configured (Pagefind,
hooks/on_search.py) and with Material's search plugin and search dialog put back. Our build
also gets the bare page (bench/bare_page.py): Pagefind alone, the same bundle and query, the
limit our page is held to. The site is served like the production host (gzip, cache headers)
and driven in Debian's Chromium:

- index size: the files the engine writes, raw and gzipped;
- first query: gzipped bytes of every search file a first search downloads (script, worker,
  index chunks, results); the worker's script is counted by its Content-Length, since the
  browser reports no body size for it;
- cold first result: from navigation start to the first result on the page (an article; for
  the bare page, itself), opened with `?q=`, in a fresh browser context, on a 1280x800 desktop and a 390x844 phone with the
  CPU slowed down 4 times (CDP Emulation.setCPUThrottlingRate); median of `--runs`; a load with
  no result within LOAD_TIMEOUT_MS counts as timed out: the table says how many, and the median is
  that of the others;
- pasted errors (Pagefind only): share of sampled articles whose quoted error message, given
  as the query, brings the article into the first three results; and the first sampled
  message as a cold `?q=` link: bytes and first result, as above;
- ratios, per size and screen: ours / bare page and ours / Material, against the targets
  (at most TARGETS' factors), each marked met or NOT met.

    python bench/search_speed.py [--articles 1000 3000] [--runs 3] [--errors 30] [--engines pagefind]
"""

from __future__ import annotations

import argparse
import gzip
import random
import re
import shutil
import statistics
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import quote

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.bare_page import write_bare_page  # noqa: E402
from bench.machine import machine  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, SCREENS  # noqa: E402
from tests.corpussite import corpus_project  # noqa: E402
from tests.sitebuild import build  # noqa: E402
from tests.siteserver import serve_site  # noqa: E402

QUERY = "nameservers"
# Each engine: the files of its index, the files a search downloads, its result element.
ENGINES = {
    "pagefind": {"index": ("pagefind/index/*", "pagefind/fragment/*", "pagefind/*.pf_meta"),
                 "requests": re.compile(r"/pagefind/"), "result": ".kb-search-result"},
    "material": {"index": ("search/search_index.json",),
                 "requests": re.compile(r"/search/search_index\.json|/workers/search\."),
                 "result": ".md-search-result__item"},
}
SCREEN_NAMES = {"desktop": "desktop", "phone": "phone (4x CPU)"}
# Cold first result: ours at most this many times the other's, on each screen.
TARGETS = {"bare": 1.3, "material": 0.6}
# A load with no first result by then is counted as timed out (seen under heavy load), not waited for.
LOAD_TIMEOUT_MS = 60_000
# Records, in the page, when the first result appears (performance.now() counts from navigation start).
FIRST_RESULT_PROBE = """selector => new MutationObserver((_, observer) => {
  if (document.querySelector(selector)) { window.__firstResult = performance.now(); observer.disconnect(); }
}).observe(document, {childList: true, subtree: true})"""


def with_material_search(project: Path) -> None:
    """Put Material's search back in a copy of the project: its plugin, its dialog, no Pagefind."""
    config = project / "mkdocs.yml"
    text = config.read_text()
    assert "\nplugins:\n" in text, "mkdocs.yml has no plugins: list to add Material's search to"
    text = text.replace("\nplugins:\n", "\nplugins:\n  - search\n", 1)
    text = text.replace("  - hooks/on_search.py\n", "")
    config.write_text(text)
    for partial in ("header.html", "search.html"):
        (project / "overrides" / "partials" / partial).unlink()
    (project / "overrides" / "partials" / "kb-search-script.html").write_text("")  # no search.js


def index_size(site: Path, patterns: tuple[str, ...]) -> tuple[int, int]:
    """Raw and gzipped bytes of the index files."""
    files = [path for pattern in patterns for path in site.glob(pattern) if path.is_file()]
    raw = sum(path.stat().st_size for path in files)
    packed = sum(len(gzip.compress(path.read_bytes())) for path in files)
    return raw, packed


def body_size(request) -> int:
    """Bytes of a response body as sent (gzipped); a worker's script has only its Content-Length."""
    return request.sizes()["responseBodySize"] or int(request.response().headers.get("content-length", 0))


def first_search(browser, url: str, engine: dict, screen: str, query: str = QUERY,
                 timeout: int = LOAD_TIMEOUT_MS) -> tuple[float, int] | None:
    """Seconds from navigation start to the first result, and gzipped bytes of search files
    fetched; None, said on stderr, when the load is not done within `timeout` ms."""
    context = browser.new_context(**SCREENS[screen])
    context.set_default_timeout(timeout)
    try:
        page = context.new_page()
        fetched: list[int] = []
        page.on("requestfinished", lambda request: engine["requests"].search(request.url)
                and fetched.append(body_size(request)))
        if screen == "phone":
            context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 4})
        page.add_init_script(f"({FIRST_RESULT_PROBE})({engine['result']!r})")
        page.goto(f"{url}?q={quote(query)}")
        page.wait_for_function("() => window.__firstResult !== undefined")
        seconds = page.evaluate("window.__firstResult") / 1000
        page.wait_for_load_state("networkidle")
        return seconds, sum(fetched)
    except PlaywrightTimeout:
        print(f"search_speed: {url}?q={quote(query)} on {screen}: not done within {timeout / 1000:.0f} s, "
              "counted as timed out", file=sys.stderr, flush=True)
        return None
    finally:
        context.close()


def sampled(articles: list, count: int) -> list:
    """The same `count` articles on every run."""
    return random.Random(1).sample(articles, count)


def pasted_errors_found(browser, url: str, articles: list, sample: int) -> tuple[int, int, int]:
    """How many of `sample` articles come in the top three for their own quoted error, how many
    were tried, and how many searches timed out (left out of the count)."""
    page = browser.new_page(**SCREENS["desktop"])
    page.set_default_timeout(LOAD_TIMEOUT_MS)
    found = late = 0
    for article in sampled(articles, sample):
        try:
            page.goto(url)
            page.fill("input.md-search__input", article.error)
            page.locator(".kb-search-result").first.wait_for()
        except PlaywrightTimeout:
            late += 1
            continue
        page.wait_for_timeout(300)  # let the last query's results replace the earlier ones
        hrefs = page.eval_on_selector_all(".kb-search-result > a", "links => links.map(link => link.href)")
        found += any(f"/{article.url}" in href for href in hrefs[:3])
    page.close()
    return found, sample, late


def cold_loads(browser, url: str, engine: dict, runs: int, query: str, timeout: int = LOAD_TIMEOUT_MS) -> dict:
    """`runs` cold loads of the page at `url` with `?q=query` on each screen, summed up."""
    return summary({screen: [first_search(browser, url, engine, screen, query, timeout) for _ in range(runs)]
                    for screen in SCREEN_NAMES})


def summary(trials: dict[str, list]) -> dict:
    """Per screen, the median first result of the loads that did not time out (None if all did)
    and how many timed out; the median bytes (the phone's loads, else the desktop's; None if
    every load timed out)."""
    row: dict = {"runs": max(len(loads) for loads in trials.values()), "timed_out": {}}
    sizes: list[int] = []
    for screen, loads in trials.items():
        done = [load for load in loads if load is not None]
        row[screen] = statistics.median(seconds for seconds, _ in done) if done else None
        row["timed_out"][screen] = len(loads) - len(done)
        sizes = [size for _, size in done] or sizes
    row["kb"] = statistics.median(sizes) / 1024 if sizes else None
    return row


def seconds_cell(row: dict, screen: str) -> str:
    """A median first result in seconds, with the loads that timed out, if any."""
    late = row["timed_out"][screen]
    if row[screen] is None:
        return f"all {late} timed out"
    return f"{row[screen]:.2f}" + (f" ({late} of {row['runs']} timed out)" if late else "")


def kb_cell(row: dict) -> str:
    """Median gzipped KB of a first query, or why there is none."""
    return "timed out" if row["kb"] is None else f"{row['kb']:.0f}"


def measure(browser, articles: int, runs: int, errors: int, engines: list[str]) -> list[dict]:
    """Build the variants of one corpus (ours, Material's) and measure each."""
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        project, corpus = corpus_project(Path(tmp) / "pagefind", articles)
        material = Path(tmp) / "material"
        if "material" in engines:  # a copy of the corpus with Material's search put back
            shutil.copytree(project, material)
            with_material_search(material)
        for name, source in (("pagefind", project), ("material", material)):
            if name not in engines:
                continue
            # Material's search plugin indexes only the pages its own process renders: one process.
            result = build(source, source / "site", processes=1 if name == "material" else None)
            if result.returncode:
                raise SystemExit(f"{name} build failed:\n{result.output[-2000:]}")
            engine = ENGINES[name]
            raw, packed = index_size(result.site, engine["index"])
            row = {"engine": name, "articles": articles, "index_mb": raw / 2**20, "index_gz_mb": packed / 2**20}
            # The same article on both builds: the first of the corpus.
            article = corpus.articles[0].url
            bare = write_bare_page(project, result.site) if name == "pagefind" else None
            with serve_site(result.site, host_like=True) as url:
                row.update(cold_loads(browser, url + article, engine, runs, QUERY))
                if bare:  # right after ours, on the same server
                    bare = {**row, "engine": "bare", **cold_loads(browser, url + bare, engine, runs, QUERY)}
                if name == "pagefind" and errors:
                    row["errors"] = pasted_errors_found(browser, url, corpus.articles, errors)
                    pasted = sampled(corpus.articles, errors)[0].error
                    row["pasted"] = cold_loads(browser, url + article, engine, runs, pasted)
            rows += [row, bare] if bare else [row]
    return rows


def main() -> None:
    """Measure each size and print one table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[1000, 3000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--errors", type=int, default=30, help="pasted errors to try per size (0: none)")
    parser.add_argument("--engines", nargs="+", choices=list(ENGINES), default=list(ENGINES))
    args = parser.parse_args()
    print(f"Search at scale, `?q={QUERY}`, median of {args.runs} cold loads; {machine()}; "
          f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC")
    print("| engine | articles | index MB | index MB gzipped | first query KB gzipped "
          "| first result desktop s | first result phone s (4x CPU) | pasted errors in top 3 "
          "| pasted error `?q=`: KB gzipped, desktop s, phone s |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |", flush=True)
    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        for articles in args.articles:
            for row in measure(browser, articles, args.runs, args.errors, args.engines):
                print(table_row(row), flush=True)
                rows.append(row)
        browser.close()
    print_ratios(rows)


def ratios(rows: list[dict]) -> list[dict]:
    """Per size and screen: our row, the bare page's and Material's (each row's first results)."""
    by_size: dict[int, dict[str, dict]] = {}
    for row in rows:
        by_size.setdefault(row["articles"], {})[row["engine"]] = row
    found = []
    for articles, engines in by_size.items():
        ours = engines.get("pagefind")
        for screen in SCREEN_NAMES if ours else ():
            found.append({"articles": articles, "screen": screen, "ours": ours,
                          **{other: engines[other] for other in TARGETS if other in engines}})
    return found


def share(line: dict, other: str) -> float | None:
    """Our first result over the other's on the line's screen; None if either timed out on every load."""
    ours, theirs = line["ours"][line["screen"]], line[other][line["screen"]]
    return None if ours is None or theirs is None else ours / theirs


def print_ratios(rows: list[dict]) -> None:
    """The ratio table, then each target met or not."""
    lines = ratios(rows)
    print("\n| articles | screen | ours s | bare page s | Material s | ours / bare | ours / Material |")
    print("| ---: | --- | ---: | ---: | ---: | ---: | ---: |")
    for line in lines:
        screen = line["screen"]
        cells = [seconds_cell(line[other], screen) if other in line else "not run" for other in TARGETS]
        shares = [share_cell(line, other) if other in line else "not run" for other in TARGETS]
        print(f"| {line['articles']:,} | {SCREEN_NAMES[screen]} | {seconds_cell(line['ours'], screen)} | "
              + " | ".join(cells + shares) + " |")
    print("\n| target | articles | screen | measured | met |")
    print("| --- | ---: | --- | ---: | --- |")
    for other, most in TARGETS.items():
        label = "bare page" if other == "bare" else "Material's search"
        for line in lines:
            if other in line:
                ratio = share(line, other)
                met = "not measured" if ratio is None else "met" if ratio <= most else "NOT met"
                print(f"| first result at most {most}x {label} | {line['articles']:,} | "
                      f"{SCREEN_NAMES[line['screen']]} | {share_cell(line, other)} | {met} |")


def share_cell(line: dict, other: str) -> str:
    """Ours over the other's, or why there is no ratio."""
    ratio = share(line, other)
    return "timed out" if ratio is None else f"{ratio:.2f}x"


def table_row(row: dict) -> str:
    """One line of the Markdown table."""
    errors = errors_cell(*row["errors"]) if "errors" in row else "not measured"
    pasted = row.get("pasted")
    pasted = (f"{kb_cell(pasted)}, {seconds_cell(pasted, 'desktop')}, {seconds_cell(pasted, 'phone')}"
              if pasted else "not measured")
    return (f"| {row['engine']} | {row['articles']:,} | {row['index_mb']:.2f} | {row['index_gz_mb']:.2f} "
            f"| {kb_cell(row)} | {seconds_cell(row, 'desktop')} | {seconds_cell(row, 'phone')} | {errors} | {pasted} |")


def errors_cell(found: int, sample: int, late: int) -> str:
    """Pasted errors found out of those whose search did not time out."""
    return f"{found}/{sample - late}" + (f" ({late} of {sample} timed out)" if late else "")


if __name__ == "__main__":
    main()
