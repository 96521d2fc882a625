"""Which pages exist: the paths listed in the built site's sitemap.xml.

The sitemap is a file (`site/sitemap.xml` after `make build`) or a URL (the live preview
serves one at http://127.0.0.1:8000/sitemap.xml). It is read again when a page is not in
it, at most once per `refresh_seconds`, so an article added during `make serve` is known
a moment after the preview has rebuilt. A read that fails forgets the pages: until a read
succeeds again, every answer gets 503 and the health check says "not_ready" (the health
check reads it again whenever the pages are `refresh_seconds` old, so it notices first).
"""

from __future__ import annotations

import threading
import time
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

NAMESPACE = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


class SitemapUnavailable(Exception):
    """The sitemap could not be read or parsed."""


def parse_sitemap(xml: bytes) -> frozenset[str]:
    """The URL paths (`/email-setup/outlook/`) of every <loc> in a sitemap."""
    try:
        root = ET.fromstring(xml)
    except ET.ParseError as error:
        raise SitemapUnavailable(f"not a sitemap: {error}") from None
    return frozenset(urlsplit(loc.text.strip()).path for loc in root.iter(f"{NAMESPACE}loc") if loc.text)


def read_source(source: str) -> bytes:
    """The bytes of a sitemap file or URL."""
    try:
        if source.startswith(("http://", "https://")):
            with urllib.request.urlopen(source, timeout=5) as response:  # noqa: S310 - our own config
                return response.read()
        return Path(source).read_bytes()
    except OSError as error:
        raise SitemapUnavailable(f"cannot read {source}: {error}") from None


class Sitemap:
    """The site's pages, read from `source` on first use and again when a page is missing."""

    def __init__(self, source: str, refresh_seconds: float = 2.0):
        self.source = source
        self.refresh_seconds = refresh_seconds
        self._paths: frozenset[str] | None = None
        self._read_at = float("-inf")
        self._lock = threading.Lock()

    def __contains__(self, path: str) -> bool:
        return self.knows(path) or path in self.paths()

    def knows(self, path: str) -> bool:
        """Whether `path` is among the pages already read; never reads, so never blocks."""
        known = self._paths
        return known is not None and path in known

    def paths(self) -> frozenset[str]:
        """The pages, read again if the last read failed or is `refresh_seconds` old; or SitemapUnavailable."""
        with self._lock:
            if self._paths is None or time.monotonic() - self._read_at >= self.refresh_seconds:
                self._read_at = time.monotonic()
                self._paths = None
                self._paths = parse_sitemap(read_source(self.source))
            return self._paths
