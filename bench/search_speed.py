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
  CPU slowed down 4 times (CDP Emulation.setCPUThrottlingRate); median of `--runs`;
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


def first_search(browser, url: str, engine: dict, screen: str, query: str = QUERY) -> tuple[float, int]:
    """Seconds from navigation start to the first result, and gzipped bytes of search files fetched."""
    context = browser.new_context(**SCREENS[screen])
    page = context.new_page()
    fetched: list[int] = []
    page.on("requestfinished", lambda request: engine["requests"].search(request.url)
            and fetched.append(body_size(request)))
    if screen == "phone":
        context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 4})
    page.add_init_script(f"({FIRST_RESULT_PROBE})({engine['result']!r})")
    page.goto(f"{url}?q={quote(query)}")
    page.wait_for_function("() => window.__firstResult !== undefined", timeout=60_000)
    seconds = page.evaluate("window.__firstResult") / 1000
    page.wait_for_load_state("networkidle")
    context.close()
    return seconds, sum(fetched)


def sampled(articles: list, count: int) -> list:
    """The same `count` articles on every run."""
    return random.Random(1).sample(articles, count)


def pasted_errors_found(browser, url: str, articles: list, sample: int) -> tuple[int, int]:
    """How many of `sample` articles come in the top three for their own quoted error."""
    page = browser.new_page(**SCREENS["desktop"])
    found = 0
    for article in sampled(articles, sample):
        page.goto(url)
        page.fill("input.md-search__input", article.error)
        page.locator(".kb-search-result").first.wait_for()
        page.wait_for_timeout(300)  # let the last query's results replace the earlier ones
        hrefs = page.eval_on_selector_all(".kb-search-result > a", "links => links.map(link => link.href)")
        found += any(f"/{article.url}" in href for href in hrefs[:3])
    page.close()
    return found, sample


def cold_loads(browser, url: str, engine: dict, runs: int, query: str) -> dict:
    """Median first result on each screen, and median bytes, over `runs` cold loads of the page at
    `url` with `?q=query`."""
    row = {}
    for screen in ("desktop", "phone"):
        trials = [first_search(browser, url, engine, screen, query) for _ in range(runs)]
        row[screen] = statistics.median(seconds for seconds, _ in trials)
        row["kb"] = statistics.median(size for _, size in trials) / 1024
    return row


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
    """Per size and screen: our first result, the bare page's and Material's, and ours over each."""
    by_size: dict[int, dict[str, dict]] = {}
    for row in rows:
        by_size.setdefault(row["articles"], {})[row["engine"]] = row
    found = []
    for articles, engines in by_size.items():
        ours = engines.get("pagefind")
        for screen in SCREEN_NAMES if ours else ():
            found.append({"articles": articles, "screen": screen, "ours": ours[screen],
                          **{other: engines[other][screen] for other in TARGETS if other in engines}})
    return found


def print_ratios(rows: list[dict]) -> None:
    """The ratio table, then each target met or not."""
    lines = ratios(rows)
    print("\n| articles | screen | ours s | bare page s | Material s | ours / bare | ours / Material |")
    print("| ---: | --- | ---: | ---: | ---: | ---: | ---: |")
    for line in lines:
        cells = [f"{line[other]:.2f}" if other in line else "not run" for other in TARGETS]
        shares = [f"{line['ours'] / line[other]:.2f}x" if other in line else "not run" for other in TARGETS]
        print(f"| {line['articles']:,} | {SCREEN_NAMES[line['screen']]} | {line['ours']:.2f} | "
              + " | ".join(cells + shares) + " |")
    print("\n| target | articles | screen | measured | met |")
    print("| --- | ---: | --- | ---: | --- |")
    for other, most in TARGETS.items():
        label = "bare page" if other == "bare" else "Material's search"
        for line in lines:
            if other in line:
                share = line["ours"] / line[other]
                print(f"| first result at most {most}x {label} | {line['articles']:,} | "
                      f"{SCREEN_NAMES[line['screen']]} | {share:.2f}x | {'met' if share <= most else 'NOT met'} |")


def table_row(row: dict) -> str:
    """One line of the Markdown table."""
    errors = "{}/{}".format(*row["errors"]) if "errors" in row else "not measured"
    pasted = row.get("pasted")
    pasted = f"{pasted['kb']:.0f}, {pasted['desktop']:.2f}, {pasted['phone']:.2f}" if pasted else "not measured"
    return (f"| {row['engine']} | {row['articles']:,} | {row['index_mb']:.2f} | {row['index_gz_mb']:.2f} "
            f"| {row['kb']:.0f} | {row['desktop']:.2f} | {row['phone']:.2f} | {errors} | {pasted} |")


if __name__ == "__main__":
    main()
