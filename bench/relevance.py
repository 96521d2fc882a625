"""Search relevance: our search, stock Pagefind and Material's search on one competing corpus.

The corpus (bench/relevance/corpus.py: our real articles among 1,000 generated ones written
to compete with them) is built twice: as configured (Pagefind, hooks/on_search.py) and with
Material's search put back (bench/search_speed.py's `with_material_search`). Each is served and
driven in Debian's Chromium, and every judged query (bench/relevance/queries.yml) is run
through three engines:

- ours: pasted into the header search of the Pagefind build, as a customer does; the results
  search.js draws (filler words dropped, narrowing, pages with most of the words);
- stock Pagefind: `pagefind.search(query)` of Pagefind's own JavaScript API on the same index,
  with its default ranking, as its default UI asks it. The index is ours: our only options
  (chunk size, the parts of a page left out) change where words are stored, not how pages rank;
- Material's search: typed into its own search box (its lunr index, in its worker).

For each: the share of queries with an answer in the first three results (top-3), and the mean
reciprocal rank of the first answer within ten (MRR@10), per kind and overall. For our search,
also the share of the queries that name the heading answering them (`headings:`) where one of
the first three results offers a link to that heading (search.js's sub-result link), beside
the same share counting only the results' own links, which open each article at its top: what
the customer had before sub-results. The table goes
to stdout and, with the machine, the time, the load and each query's ranks, to its language's
section of bench/results/relevance.md (a run replaces its own section and keeps the others).
The judged set must keep its rules in the built index (bench/relevance/judged.py), or nothing runs.

`--language es` runs the Spanish set (queries-es.yml) from the Spanish home page, so both our
search and stock Pagefind read the Spanish index (Pagefind picks it by <html lang>). Material's
search is left out there: its plugin builds one lunr index for the whole site, with no split by
language, so it has no Spanish search to compare.

`--engines ours` (or any of ours, stock, material) runs only those, for a probe: write it with
`--out` elsewhere, since a run replaces its language's section.

    python bench/relevance.py [--language en|es] [--engines ours,stock,material] [--out bench/results/relevance.md]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.machine import machine  # noqa: E402
from bench.relevance.corpus import GENERATED, competing_project  # noqa: E402
from bench.relevance.engines import ENGINES, chosen_engines  # noqa: E402
from bench.relevance.judged import (KINDS, SETS, Query, QuerySet, in_language, indexed_articles,  # noqa: E402
                                    indexed_languages, load_queries, problems, url_to_path)
from bench.relevance.targets import MRR_TARGET, OVERALL_TOP3_TARGET, TOP3_TARGET  # noqa: E402
from bench.search_speed import with_material_search  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, SCREENS, open_search  # noqa: E402
from tests.browser.test_search import search, top_articles  # noqa: E402
from tests.sitebuild import build  # noqa: E402
from tests.siteserver import serve_site  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results" / "relevance.md"
DEPTH = 10  # results read per query: MRR@10
TITLES = {"en": "Search relevance", "es": "Search relevance in Spanish"}
# Pagefind's own API on the page, loaded once; the URLs of the first DEPTH results.
STOCK_PAGEFIND = """async ([query, depth, bundle]) => {
  window.__stock = window.__stock || import(bundle)
    .then(async pagefind => { await pagefind.options({ baseUrl: "/" }); pagefind.init(); return pagefind; });
  const found = await (await window.__stock).search(query);
  const pages = await Promise.all(found.results.slice(0, depth).map(result => result.data()));
  return pages.map(page => page.url);
}"""
MATERIAL_META = "() => document.querySelector('.md-search-result__meta').textContent.trim()"
MATERIAL_WAITING = ("Type to start searching", "Initializing search", "")
MATERIAL_INDEX_S, MATERIAL_QUERY_S = 300, 60
MATERIAL_LINKS = ".md-search-result__list > .md-search-result__item > .md-search-result__link"
# Our results' links, each result's article link (its top) and its section link or null.
OUR_LINKS = """items => items.map(item => [item.querySelector('a.md-search-result__link').href,
  (item.querySelector('a.kb-search-section') || {}).href || null])"""


def source_paths(urls: list[str]) -> list[str]:
    """Result URLs (absolute or site paths, with ?h= or #anchors) as article paths, first of each page."""
    paths = []
    for url in urls:
        path = url_to_path(urlsplit(url).path)
        if path not in paths:
            paths.append(path)
    return paths[:DEPTH]


def ours(page, url: str, start: str, queries: list[Query]) -> tuple[list[list[str]], list[list[str]]]:
    """Each query pasted into our header search on the page `start`: the pages of its first DEPTH
    results, and the places the first three open at (landing() of each of their links)."""
    page.goto(url + start)
    field = open_search(page, "desktop")
    ranked, opened = [], []
    for query in queries:
        search(page, field, url, query.text, paste=True)
        ranked.append(source_paths(top_articles(page, url, DEPTH)))
        items = page.eval_on_selector_all(".md-search-result__list > .kb-search-result", OUR_LINKS)[:3]
        opened.append([[landing(link) for link in links if link] for links in items])
    return ranked, opened


def landing(url: str) -> str:
    """Where a result link opens: the article's source path, and #id when it opens at a heading."""
    parts = urlsplit(url)
    return url_to_path(parts.path) + (f"#{parts.fragment}" if parts.fragment else "")


def opens_at_heading(query: Query, opened: list[list[str]], sections: bool) -> bool:
    """Whether a link of the first three results opens at one of `query`'s judged headings; with
    `sections` False, only each result's own link (the first), as before sub-results."""
    return any(place in query.headings for links in opened for place in (links if sections else links[:1]))


def heading_table(queries: list[Query], opened: list[list[list[str]]]) -> list[str]:
    """Per kind and overall, among the queries that name their headings: how many of our search's
    answers open at the judged heading, with the section links and with the result links alone."""
    lines = ["| kind | queries with a judged heading | opens at it, with sub-results | without (result links only) |",
             "| --- | ---: | ---: | ---: |"]
    for kind in [*KINDS, None]:
        chosen = [i for i, query in enumerate(queries) if query.headings and kind in (None, query.kind)]
        if not chosen:
            continue
        cells = [sum(opens_at_heading(queries[i], opened[i], sections) for i in chosen) / len(chosen)
                 for sections in (True, False)]
        label = kind or "**overall**"
        lines.append(f"| {label} | {len(chosen)} | {cells[0]:.0%} | {cells[1]:.0%} |")
    return lines


def stock(page, url: str, start: str, queries: list[Query]) -> list[list[str]]:
    """Each query through Pagefind's own `search()` on the page `start`, default ranking."""
    page.goto(url + start)
    bundle = url + "pagefind/pagefind.js"
    return [source_paths(page.evaluate(STOCK_PAGEFIND, [query.text, DEPTH, bundle])) for query in queries]


def material(page, url: str, start: str, queries: list[Query]) -> list[list[str] | None]:
    """Each query typed into Material's search box; the pages of its first DEPTH results, or None
    for a query with no answer in MATERIAL_QUERY_S (a busy machine: recorded, not a crash)."""
    page.goto(url + start)
    page.click("input.md-search__input")
    field = page.locator("input.md-search__input")
    ranked = []
    for number, query in enumerate(queries):
        field.fill("")
        field.press("End")  # Material reads the box on key events
        # The first wait covers the worker building its index of every page, once.
        page.wait_for_function(f"() => ({MATERIAL_META})() === {MATERIAL_WAITING[0]!r}",
                               timeout=(MATERIAL_INDEX_S if number == 0 else MATERIAL_QUERY_S) * 1000)
        field.fill(query.text)
        field.press("End")
        try:
            page.wait_for_function(f"() => !{list(MATERIAL_WAITING)!r}.includes(({MATERIAL_META})())",
                                   timeout=MATERIAL_QUERY_S * 1000)
        except PlaywrightTimeout:
            print(f"Material: no answer to {query.text!r} in {MATERIAL_QUERY_S} s, recorded as timed out", file=sys.stderr)
            ranked.append(None)
            continue
        hrefs = page.eval_on_selector_all(MATERIAL_LINKS, "links => links.map(link => link.href)")
        ranked.append(source_paths(hrefs))
    return ranked


def first_answer(query: Query, ranked: list[str] | None) -> int | None:
    """The 1-based rank of the first result that answers `query`, within DEPTH; None if none does
    or the engine timed out (None)."""
    return next((rank for rank, path in enumerate((ranked or [])[:DEPTH], 1) if path in query.answers), None)


def scores(queries: list[Query], ranks: list[int | None]) -> tuple[float, float]:
    """Top-3 rate and MRR@10 of one engine over `queries`."""
    if not queries:
        return 0.0, 0.0
    top3 = sum(1 for rank in ranks if rank is not None and rank <= 3) / len(queries)
    return top3, statistics.fmean(1 / rank if rank else 0.0 for rank in ranks)


def table(queries: list[Query], ranks: dict[str, list[int | None]]) -> list[str]:
    """The Markdown table: one row per kind and one overall, top-3 and MRR@10 of each engine run."""
    head = "| kind | queries | " + " | ".join(f"{ENGINES[name]} top-3 | {ENGINES[name]} MRR@10" for name in ranks) + " |"
    lines = [head, "| --- | ---: |" + " ---: | ---: |" * len(ranks)]
    for kind in [*KINDS, None]:
        chosen = [i for i, query in enumerate(queries) if kind in (None, query.kind)]
        cells = []
        for engine in ranks:
            top3, mrr = scores([queries[i] for i in chosen], [ranks[engine][i] for i in chosen])
            cells.append(f"{top3:.0%} | {mrr:.2f}")
        label = f"{kind} ({KINDS[kind]})" if kind else "**overall**"
        lines.append(f"| {label} | {len(chosen)} | " + " | ".join(cells) + " |")
    return lines


def per_query(queries: list[Query], ranks: dict[str, list[int | None]]) -> list[str]:
    """Each query's rank of its first answer in each engine (- : not in the first ten)."""
    lines = ["| query | kind | " + " | ".join(ENGINES[name] for name in ranks) + " |", "| --- | --- |" + " ---: |" * len(ranks)]
    for i, query in enumerate(queries):
        cells = " | ".join(str(ranks[engine][i] or "-") for engine in ranks)
        lines.append(f"| `{query.text}` | {query.kind} | {cells} |")
    return lines


def verdicts(queries: list[Query], ranks: dict[str, list[int | None]]) -> list[str]:
    """Issue 18's relevance targets for our search, each marked met or not met."""
    def ours(kind: str | None) -> tuple[float, float]:
        chosen = [i for i, query in enumerate(queries) if kind in (None, query.kind)]
        return scores([queries[i] for i in chosen], [ranks["ours"][i] for i in chosen])

    def rivals(kind: str | None) -> tuple[tuple[float, float], ...]:
        chosen = [i for i, query in enumerate(queries) if kind in (None, query.kind)]
        return tuple(scores([queries[i] for i in chosen], [ranks[engine][i] for i in chosen])
                     for engine in ranks if engine != "ours")

    def mark(ok: bool) -> str:
        return "met" if ok else "**not met**"

    top3, mrr = ours(None)
    lines = ["| target | ours | verdict |", "| --- | ---: | --- |",
             f"| overall top-3 >= {OVERALL_TOP3_TARGET:.0%} | {top3:.0%} | {mark(top3 >= OVERALL_TOP3_TARGET)} |",
             f"| overall MRR@10 >= {MRR_TARGET} | {mrr:.2f} | {mark(mrr >= MRR_TARGET)} |"]
    if len(ranks) > 1:
        lines.append(f"| above {' and '.join(ENGINES[name] for name in ranks if name != 'ours')} overall (top-3 and MRR@10) "
                     f"| {top3:.0%}, {mrr:.2f} | "
                     f"{mark(all(top3 > rival[0] and mrr > rival[1] for rival in rivals(None)))} |")
    for kind in KINDS:
        kind_top3, _ = ours(kind)
        lines.append(f"| {kind} top-3 >= {TOP3_TARGET:.0%} | {kind_top3:.0%} | {mark(kind_top3 >= TOP3_TARGET)} |")
    return lines


def built(project: Path, name: str, processes: int | None = None) -> Path:
    """Build `project` strictly; its site folder. A failed build stops the benchmark."""
    result = build(project, project / "site", processes=processes)
    if result.returncode:
        raise SystemExit(f"the {name} build failed:\n{result.output[-2000:]}")
    return result.site


def material_pages(site: Path) -> set[str]:
    """The source paths of the pages in Material's search index (its sections left out)."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return {url_to_path(doc["location"]) for doc in index["docs"] if "#" not in doc["location"]}


def material_site(project: Path, articles: dict[str, str]) -> Path:
    """The Material build, in one process: Material's search plugin indexes only the pages its own
    process renders, so a parallel build (hooks/on_parallel.py) would leave half of them out."""
    site = built(project, "Material", processes=1)
    missing = sorted(set(articles) - material_pages(site))
    if missing:
        raise SystemExit(f"Material's search index lacks {len(missing)} pages Pagefind has, e.g. {missing[0]}")
    return site


def judged_set(query_set: QuerySet, articles: dict[str, str]) -> list[Query]:
    """The judged queries, once they keep their rules among the pages of their language in the
    built index (`articles`: every page); else print why and stop."""
    queries, found = load_queries(query_set.path)
    found += problems(queries, articles, query_set)
    if found:
        print("\n".join(found), file=sys.stderr)
        raise SystemExit(1)
    return queries


def run(browser, queries: list[Query], sites: dict[str, Path], start: str) -> tuple[dict[str, list[int | None]], list, list[str]]:
    """Every query through each engine of `sites`, searched on the page `start`; the rank of
    the first answer of each, where our first three results open (ours()), and a line per
    engine that timed out on some queries (scored as not found)."""
    ranks, opened, timeouts = {}, [], []
    drivers = {"ours": ours, "stock": stock, "material": material}
    for engine in sites:
        began = time.perf_counter()
        with serve_site(sites[engine]) as url:
            context = browser.new_context(**SCREENS["desktop"])
            ranked = drivers[engine](context.new_page(), url, start, queries)
            context.close()
        if engine == "ours":
            ranked, opened = ranked
        ranks[engine] = [first_answer(query, pages) for query, pages in zip(queries, ranked)]
        if None in ranked:
            timeouts.append(f"{ENGINES[engine]}: {ranked.count(None)} of {len(queries)} queries had no answer "
                            f"in {MATERIAL_QUERY_S} s and are scored as not found; rerun on a quieter machine.")
        print(f"{ENGINES[engine]}: {len(queries)} queries in {time.perf_counter() - began:.0f} s", file=sys.stderr)
    return ranks, opened, timeouts


def with_section(existing: str, title: str, lines: list[str]) -> str:
    """The results file with its section headed `# {title} (...)` replaced by `lines`, or with
    `lines` added at the end: each language's run keeps the other's figures."""
    sections = [part.strip("\n") for part in ("\n" + existing).split("\n# ") if part.strip()]
    mine = "\n".join(lines).removeprefix("# ")
    at = next((i for i, part in enumerate(sections) if part.startswith(title + " (")), len(sections))
    sections[at:at + 1] = [mine]
    return "\n\n".join("# " + part for part in sections) + "\n"


def sites_for(engines: list[str], tmp: Path) -> tuple[dict[str, Path], dict[str, str]]:
    """The built sites `engines` search, and every page Pagefind indexed."""
    project = competing_project(tmp / "pagefind")
    if "material" in engines:
        copy = tmp / "material"
        shutil.copytree(project, copy)
        with_material_search(copy)
    pagefind_site = built(project, "Pagefind")
    articles = indexed_articles(pagefind_site / "pagefind")
    sites = {name: pagefind_site for name in engines if name != "material"}
    if "material" in engines:
        sites["material"] = material_site(copy, in_language(articles, "en", indexed_languages(pagefind_site / "pagefind")))
    return sites, articles


def main() -> None:
    """Build the sites, run every query of the language's set through its engines, print and write the results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--language", choices=sorted(SETS), default="en")
    parser.add_argument("--engines", help="comma-separated, from " + ", ".join(ENGINES) + " (default: all the language's)")
    args = parser.parse_args()
    try:
        engines = chosen_engines(args.language, args.engines)
    except ValueError as error:
        parser.error(str(error))
    query_set = SETS[args.language]
    started, load_before = datetime.now(timezone.utc), os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        sites, articles = sites_for(engines, Path(tmp))
        languages = indexed_languages(sites["ours"] / "pagefind")
        mine = in_language(articles, args.language, languages)
        queries = judged_set(query_set, mine)
        start = "" if args.language == "en" else f"{args.language}/"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            ranks, opened, timeouts = run(browser, queries, sites, start)
            browser.close()
    where = (f"on our articles among {GENERATED:,} generated ones" if args.language == "en" else
             f"on the /{start} page, against its {len(mine)} indexed pages (our articles and their competitors)")
    summary = [f"{TITLES[args.language]}, {len(queries)} judged queries {where}; {machine()}; "
               f"{started:%Y-%m-%d %H:%M} UTC; load average {load_before:.1f} at the start, "
               f"{os.getloadavg()[0]:.1f} at the end", "", *(timeouts + [""] if timeouts else []), *table(queries, ranks), "", *verdicts(queries, ranks)]
    if any(query.headings for query in queries):
        summary += ["", "Our search: the first three results open at the judged heading (`headings:` in the set)", "",
                    *heading_table(queries, opened)]
    print("\n".join(summary))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    existing = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
    section = [f"# {TITLES[args.language]} (`python bench/relevance.py --language {args.language}`)", "",
               *summary, "", "## Rank of the first answer, per query", "", *per_query(queries, ranks)]
    args.out.write_text(with_section(existing, TITLES[args.language], section), encoding="utf-8")


if __name__ == "__main__":
    main()
