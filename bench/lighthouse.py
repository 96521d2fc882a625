"""Lighthouse on the home page and the reference article: median of 3 runs, mobile and desktop.

Run with `make audit`. It builds the site, serves it on 127.0.0.1 the way the production
host (GitHub Pages) does -- gzip for text, `Cache-Control: max-age=600` -- so the
compression and cache audits judge the site, not a bare test server, and runs Lighthouse
12.8.2 (bench/node_modules, from `npm ci`) in Debian's Chromium. Prints a table of medians
and exits 1 if a budget is missed. The JSON reports are kept in bench/out/lighthouse/.

Page weight is judged against the same article built with a stock Material setup (no
overrides, CSS, hooks or theme options of ours), measured in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

import yaml
from mkdocs.utils.yaml import get_yaml_loader

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.sitebuild import build, copy_project  # noqa: E402 - needs the project root on the path
from tests.siteserver import serve_site  # noqa: E402
from bench.machine import machine  # noqa: E402

LIGHTHOUSE = ROOT / "bench" / "node_modules" / ".bin" / "lighthouse"
OUT = ROOT / "bench" / "out" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PAGES = {"home": "", "article": "email-troubleshooting/password-issues-mac-mail-ios/"}
FORM_FACTORS = {"mobile": [], "desktop": ["--preset=desktop"]}
CATEGORIES = {"performance": "perf", "accessibility": "a11y", "best-practices": "best", "seo": "seo"}
# The stock Material article, uncompressed, as the issue measured it; the run measures its own.
STOCK_ARTICLE_KB = 276
MOBILE_PERFORMANCE_BUDGET = 95


def run_lighthouse(url: str, flags: list[str], report: Path) -> dict:
    """One Lighthouse run in a fresh Chromium profile; returns the parsed report."""
    with tempfile.TemporaryDirectory() as profile:
        chrome_flags = " ".join([*CHROME_FLAGS, f"--user-data-dir={profile}"])
        subprocess.run(
            [str(LIGHTHOUSE), url, f"--chrome-flags={chrome_flags}", "--output=json",
             f"--output-path={report}", "--quiet", *flags],
            env={**os.environ, "CHROME_PATH": CHROMIUM}, check=True,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
    return json.loads(report.read_text())


def measures(report: dict) -> dict[str, float]:
    """Category scores (0-100), LCP and TBT (ms), CLS, and the page weight (KB) sent and unpacked."""
    audits = report["audits"]
    requests = audits["network-requests"]["details"]["items"]
    row = {short: report["categories"][name]["score"] * 100 for name, short in CATEGORIES.items()}
    row["lcp_ms"] = audits["largest-contentful-paint"]["numericValue"]
    row["tbt_ms"] = audits["total-blocking-time"]["numericValue"]
    row["cls"] = audits["cumulative-layout-shift"]["numericValue"]
    row["sent_kb"] = audits["total-byte-weight"]["numericValue"] / 1024
    row["unpacked_kb"] = sum(item.get("resourceSize", 0) for item in requests) / 1024
    row["search_kb"] = sum(item.get("resourceSize", 0) for item in requests if is_search_file(item["url"])) / 1024
    row["failed_audits"] = sorted(
        ref["id"] for name in CATEGORIES if name != "performance"
        for ref in report["categories"][name]["auditRefs"]
        if ref["weight"] > 0 and audits[ref["id"]]["score"] is not None and audits[ref["id"]]["score"] < 1)
    return row


def is_search_file(url: str) -> bool:
    """The search engine's index and worker, which a page fetches only when search starts."""
    return any(folder in url for folder in ("/search/", "/pagefind/"))


def median_row(runs: list[dict]) -> dict:
    """The median of each measure over the runs (failed audits: those of any run)."""
    row = {key: statistics.median(run[key] for run in runs) for key in runs[0] if key != "failed_audits"}
    row["failed_audits"] = sorted({audit for run in runs for audit in run["failed_audits"]})
    return row


def table(results: dict[tuple[str, str], dict], runs: int) -> str:
    """A Markdown table of the medians."""
    lines = [f"| page | device | performance | accessibility | best practices | SEO | LCP | TBT | CLS "
             f"| weight sent | weight unpacked | of which search files |",
             "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for (page, device), r in results.items():
        lines.append(f"| {page} | {device} | {r['perf']:.0f} | {r['a11y']:.0f} | {r['best']:.0f} | {r['seo']:.0f} "
                     f"| {r['lcp_ms'] / 1000:.2f} s | {r['tbt_ms']:.0f} ms | {r['cls']:.3f} "
                     f"| {r['sent_kb']:.1f} KB | {r['unpacked_kb']:.1f} KB | {r['search_kb']:.1f} KB |")
    return "\n".join(lines) + (f"\n\nMedian of {runs} runs each. Weight unpacked: every response "
                                f"uncompressed, search index included (the issue's stock figure: {STOCK_ARTICLE_KB} KB).")


def stock_project(dest: Path) -> Path:
    """A copy of the project with Material's stock theme: only the Markdown settings stay ours."""
    project = copy_project(dest)
    config_path = project / "mkdocs.yml"
    config = yaml.load(config_path.read_text(), Loader=get_yaml_loader())
    config["theme"] = {"name": "material"}
    config["plugins"] = ["search"]
    for ours in ("extra_css", "extra", "hooks"):
        config.pop(ours, None)
    config_path.write_text(yaml.safe_dump(config, sort_keys=False))
    for page in (project / "docs").rglob("*.md"):  # our home and category templates are gone too
        page.write_text(re.sub(r"(?m)^template: .*\n", "", page.read_text()))
    return project


def budget_misses(results: dict[tuple[str, str], dict]) -> list[str]:
    """Every budget the medians miss, as readable lines."""
    misses = []
    stock_kb = results["article (stock Material)", "mobile"]["unpacked_kb"]
    for (page, device), r in results.items():
        if page not in PAGES:
            continue
        for short in ("a11y", "best", "seo"):
            if r[short] < 100:
                misses.append(f"{page} {device}: {short} {r[short]:.0f} < 100 ({', '.join(r['failed_audits'])})")
        if device == "mobile" and r["perf"] < MOBILE_PERFORMANCE_BUDGET:
            misses.append(f"{page} mobile: performance {r['perf']:.0f} < {MOBILE_PERFORMANCE_BUDGET}")
        if page == "article" and r["unpacked_kb"] > stock_kb:
            misses.append(f"article {device}: {r['unpacked_kb']:.1f} KB unpacked > stock {stock_kb:.1f} KB")
    return misses


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per page and device (default 3)")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        print(f"{LIGHTHOUSE.relative_to(ROOT)} is missing: run `cd bench && npm ci` (or `make audit`)")
        return 2
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        ours = build(ROOT, Path(tmp) / "site")
        stock = build(stock_project(Path(tmp) / "stock"), Path(tmp) / "stock-site")
        for built in (ours, stock):
            if built.returncode != 0:
                print(built.output)
                return 2
        plan = [(ours.site, page, path, device) for page, path in PAGES.items() for device in FORM_FACTORS]
        plan.append((stock.site, "article (stock Material)", PAGES["article"], "mobile"))
        results = {}
        for site, page, path, device in plan:
            with serve_site(site, host_like=True) as base:
                name = page.split()[0] + ("-stock" if site == stock.site else "")
                runs = [measures(run_lighthouse(base + path, FORM_FACTORS[device], OUT / f"{name}-{device}-{n}.json"))
                        for n in range(1, args.runs + 1)]
            results[page, device] = median_row(runs)
    print(f"Lighthouse 12.8.2, {date.today().isoformat()}, {machine()}\n")
    print(table(results, args.runs))
    misses = budget_misses(results)
    print("\nBudget: " + ("met" if not misses else "MISSED\n  " + "\n  ".join(misses)))
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
