"""bench/scale.py's served site: the first search in Chromium, cold, on a desktop and a phone, and the
preview (`mkdocs serve`) from a saved change to the served page."""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

from bench.corpus import Corpus
from tests.ports import free_port

ROOT = Path(__file__).resolve().parent.parent
SEARCH_RESULT = ".md-search-result__item, .kb-search-result"
PHONE_CPU_SLOWDOWN = 4


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


def fetch(url: str) -> str:
    """The body at `url`, or "" while the server cannot answer it."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return ""
