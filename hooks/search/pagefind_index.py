"""The search index: Pagefind, run from its wheel over the built site.

Pagefind splits the index into small chunks, so a customer's first query downloads only the
chunks for the words typed, whatever the number of articles. It indexes only what the theme
marks `data-pagefind-body` (the article itself; overrides/main.html), stems words, and matches
quoted phrases exactly. The files it writes (site/pagefind/) are served from our own host.
"""

from __future__ import annotations

import gzip
import json
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from pagefind_bin import get_executable

BUNDLE_DIR = "pagefind"
# Left out of the indexed article: the "¶" permalink after each heading (it would show in
# excerpts), the support block, the feedback question and the "Last updated" line (its
# "updated" matched every article for "dns not updating").
EXCLUDED = ".headerlink, .kb-support, .kb-feedback, .kb-updated"


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site; the message says why."""


@dataclass(frozen=True)
class IndexReport:
    """What one run of Pagefind did."""

    pages: int
    bundle: Path


def pagefind_command(site_dir: Path) -> list[str]:
    """The Pagefind command line that indexes `site_dir` into `site_dir/pagefind/`."""
    return [str(get_executable()), "--site", str(site_dir), "--output-subdir", BUNDLE_DIR,
            "--exclude-selectors", EXCLUDED]


def indexed_pages(output: str) -> int:
    """The number of pages Pagefind reports having indexed (0 when it reports none)."""
    match = re.search(r"Indexed (\d+) pages?", output)
    return int(match.group(1)) if match else 0


def build_index(site_dir: Path) -> IndexReport:
    """Index the built site at `site_dir`; raise SearchIndexError with Pagefind's words on failure."""
    result = subprocess.run(pagefind_command(site_dir), capture_output=True, text=True, check=False)
    output = result.stdout + result.stderr
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind failed (exit {result.returncode}): {output.strip()[-500:]}")
    return IndexReport(indexed_pages(output), site_dir / BUNDLE_DIR)


def indexed_text(bundle: Path) -> list[dict]:
    """Every page Pagefind stored: its fragment (url, content, meta), as the browser receives it."""
    fragments = []
    for fragment in sorted((bundle / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        fragments.append(json.loads(data.removeprefix(b"pagefind_dcd")))
    return fragments
