"""The search index: Pagefind, run from its wheel over the built site.

Pagefind splits the index into small chunks, so a customer's first query downloads only the
chunks for the words typed, whatever the number of articles. It indexes only what the theme
marks `data-pagefind-body` (the article itself; overrides/main.html), stems words, and matches
quoted phrases exactly. The files it writes (site/pagefind/) are served from our own host.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from pagefind_bin import get_executable

BUNDLE_DIR = "pagefind"
# The bundle's table of contents: Pagefind's version and one index per language.
ENTRY_FILE = "pagefind-entry.json"
# Left out of the indexed article: the "¶" permalink after each heading (it would show in
# excerpts), the support block, the feedback question and the "Last updated" line (its
# "updated" matched every article for "dns not updating"), and a category page's list of its
# articles (their titles made it outrank the very articles it lists).
EXCLUDED = ".headerlink, .kb-support, .kb-feedback, .kb-updated, .kb-article-list"
# A query fetches one chunk of the word index per word. Chunks smaller than Pagefind's own make
# a first query download less, for a slightly larger metadata file (which every first query
# fetches too); bench/search_speed.py measures what a first query downloads. Pagefind 1.5 reads
# the size only from this variable, which it calls unstable; a test pins its effect.
CHUNK_SIZE_VARIABLE = "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE"
CHUNK_SIZE = 5000


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site; the message says why."""


@dataclass(frozen=True)
class IndexReport:
    """What one run of Pagefind did."""

    pages: int
    bundle: Path
    seconds: float


def pagefind_command(site_dir: Path) -> list[str]:
    """The Pagefind command line that indexes `site_dir` into `site_dir/pagefind/`."""
    return [str(get_executable()), "--site", str(site_dir), "--output-subdir", BUNDLE_DIR,
            "--exclude-selectors", EXCLUDED]


def sort_languages(entry: Path) -> None:
    """Rewrite Pagefind's entry file with its languages in code order: Pagefind lists them in a
    different order from one run to the next, and a site of several languages must build the same
    bytes twice."""
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["languages"] = dict(sorted(data["languages"].items()))
    entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def indexed_pages(output: str) -> int:
    """The number of pages Pagefind reports having indexed (0 when it reports none)."""
    match = re.search(r"Indexed (\d+) pages?", output)
    return int(match.group(1)) if match else 0


def build_index(site_dir: Path, chunk_size: int | None = CHUNK_SIZE) -> IndexReport:
    """Index the built site at `site_dir`, in chunks of `chunk_size` (None: Pagefind's default);
    raise SearchIndexError with Pagefind's words on failure."""
    env = {key: value for key, value in os.environ.items() if key != CHUNK_SIZE_VARIABLE}
    if chunk_size is not None:
        env[CHUNK_SIZE_VARIABLE] = str(chunk_size)
    start = time.perf_counter()
    result = subprocess.run(pagefind_command(site_dir), capture_output=True, text=True, check=False, env=env)
    output = result.stdout + result.stderr
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind failed (exit {result.returncode}): {output.strip()[-500:]}")
    sort_languages(site_dir / BUNDLE_DIR / ENTRY_FILE)
    return IndexReport(indexed_pages(output), site_dir / BUNDLE_DIR, time.perf_counter() - start)


def indexed_text(bundle: Path) -> list[dict]:
    """Every page Pagefind stored: its fragment (url, content, meta), as the browser receives it."""
    fragments = []
    for fragment in sorted((bundle / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        fragments.append(json.loads(data.removeprefix(b"pagefind_dcd")))
    return fragments
