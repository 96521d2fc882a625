"""Serve a built site on 127.0.0.1 from inside the test process or a benchmark.

Like a static host (GitHub Pages, Netlify, S3), a missing path is answered with the
site's own `404.html` and status 404, not Python's built-in error page.
`python -m http.server` sends neither gzip nor cache headers. `host_like=True`
makes the server answer like the production host (GitHub Pages): gzip for text
when the browser accepts it, and `Cache-Control: max-age=600`. `api` forwards POST and
OPTIONS under /api/ to a collector, as the reverse proxy of guides/operators.md does.
"""

from __future__ import annotations

import gzip
import http.client
import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

# GitHub Pages' cache lifetime for every file.
HOST_MAX_AGE = 600
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml")
# What the proxy passes on, in each direction.
FORWARDED_REQUEST = ("content-type", "origin", "access-control-request-method", "access-control-request-headers")
DROPPED_REPLY = ("content-length", "transfer-encoding", "connection", "date", "server")


class SiteHandler(SimpleHTTPRequestHandler):
    """Static files from one folder, quietly; optionally with the host's gzip and caching."""

    host_like = False
    # {"upstream": a collector's base URL} once it runs; empty: no collector, as on a static host.
    api: dict = {}

    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        """Keep test output clean."""

    def send_error(self, code, message=None, explain=None):
        """A missing page gets the site's 404.html, as static hosts serve it."""
        not_found_page = Path(self.directory) / "404.html"
        if code != 404 or not not_found_page.is_file():
            return super().send_error(code, message, explain)
        body = not_found_page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_POST(self):  # noqa: N802 - the base class's naming
        self.forward_api()

    def do_OPTIONS(self):  # noqa: N802
        self.forward_api()

    def forward_api(self):
        """Pass a request under /api/ to the collector and its answer back; without one, refuse as before."""
        upstream = self.api.get("upstream")
        if not upstream or not self.path.startswith("/api/"):
            return self.send_error(501, f"Unsupported method ({self.command!r})")
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        headers = {name: value for name, value in self.headers.items() if name.lower() in FORWARDED_REQUEST}
        headers["X-Forwarded-For"] = self.client_address[0]
        parts = urlsplit(upstream)
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        try:
            connection.request(self.command, self.path, body, headers)
            reply = connection.getresponse()
            data = reply.read()
        finally:
            connection.close()
        self.send_response(reply.status)
        for name, value in reply.getheaders():
            if name.lower() not in DROPPED_REPLY:
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def end_headers(self):
        if self.host_like:
            self.send_header("Cache-Control", f"max-age={HOST_MAX_AGE}")
        super().end_headers()

    def send_head(self):
        """Send a text file gzipped when the host would; anything else the standard way."""
        if not self.host_like or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        content_type = self.guess_type(str(path))
        if not path.is_file() or not content_type.startswith(COMPRESSED_TYPES):
            return super().send_head()  # folders without a slash are redirected there
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def serve_handler(handler) -> Iterator[str]:
    """Run `handler` on a free port of 127.0.0.1 in a thread; yield the base URL, then stop."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@contextmanager
def serve_site(site: Path, *, host_like: bool = False, api: dict | None = None) -> Iterator[str]:
    """Serve the built `site` folder; yield its base URL. `api` may name a collector later (SiteHandler.api)."""
    handler = type("Handler", (SiteHandler,), {"host_like": host_like, "api": api if api is not None else {}})
    with serve_handler(partial(handler, directory=str(site))) as url:
        yield url
