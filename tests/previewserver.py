"""Run the writer's preview, the real `mkdocs serve`, on a project copy, for tests.

Nothing is mocked: the server is MkDocs' own, in a subprocess on a free port of
127.0.0.1, and it rebuilds when a file of the copy changes, as it does for a writer.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.ports import free_port
from tests.sitebuild import ENGINE

# Guards against a hung server, not timings: a test never asserts how fast a rebuild is.
STARTUP_LIMIT = 120
REQUEST_LIMIT = 15
# What `make serve` adds to `mkdocs serve` (the Makefile's serve target).
MAKE_SERVE_ARGS = ("--dirty", "--no-strict")


def fetch(url: str) -> str | None:
    """The page's HTML, or None while the server cannot answer it."""
    try:
        with urllib.request.urlopen(url, timeout=REQUEST_LIMIT) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for_page(url: str, ready: Callable[[str], bool], limit: float = STARTUP_LIMIT,
                  server: subprocess.Popen | None = None) -> str:
    """Fetch `url` until `ready(html)` holds; the last HTML. Fails after `limit` seconds, or when `server` ends."""
    deadline = time.monotonic() + limit
    html = None
    while time.monotonic() < deadline:
        if server is not None and server.poll() is not None:
            raise AssertionError(f"mkdocs serve ended with exit status {server.returncode}")
        html = fetch(url)
        if html is not None and ready(html):
            return html
        time.sleep(0.25)
    raise AssertionError(f"{url} did not show what was expected within {limit} s; last page:\n{(html or '')[:2000]}")


@contextmanager
def serve_preview(project: Path, log: Path, *extra_args: str) -> Iterator[str]:
    """`mkdocs serve` (or the engine the tests use) on `project`, output into `log`; yield the base URL, then stop it.

    `extra_args` go to `serve`: `make serve` adds `--dirty --no-strict` (MAKE_SERVE_ARGS)."""
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    env.pop("SITE_URL", None)
    with open(log, "w", encoding="utf-8") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", ENGINE, "serve", "-f", str(project / "mkdocs.yml"),
             "--dev-addr", f"127.0.0.1:{port}", *extra_args],
            cwd=project, env=env, stdout=output, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}/"
        wait_for_page(url, lambda html: True, server=server)
        yield url
    finally:
        server.send_signal(signal.SIGINT)  # MkDocs' own shutdown: it removes its temporary site
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
