"""`python -m hooks urls [--update]` (`make urls`): the built site against the published-URL list.

Exit status: 0 when every listed URL is built, 1 when some are not, 2 when there is no built site
or the list cannot be read.
"""

from __future__ import annotations

import sys
from pathlib import Path

from hooks.publish.textfile import read_text, write_atomically
from hooks.publish.urls import built_urls, parse_list, render_list, updated_list, url_problems

CLEAN, FINDINGS, TROUBLE = 0, 1, 2


def run_urls(site: Path, url_list: Path, update: bool) -> int:
    """Compare the built `site` with the published-URL list (with `update`, first add its new URLs)."""
    if not (site / "index.html").is_file():
        print(f"{site}/: no built site here; run `make build` first", file=sys.stderr)
        return TROUBLE
    try:
        listed = parse_list(read_text(url_list)) if url_list.exists() else []
    except (OSError, UnicodeDecodeError) as error:
        print(f"{url_list}:1:1: cannot read the list of published URLs ({error}); restore it from Git", file=sys.stderr)
        return TROUBLE
    built = built_urls(site)
    if update:
        urls = updated_list(listed, built)
        if urls != set(listed):
            write_atomically(url_list, render_list(urls))
            print(f"{url_list}: {len(urls - set(listed))} new URL(s) added; commit it")
        listed = sorted(urls)
    problems = url_problems(listed, built, str(url_list))
    for line in problems:
        print(line)
    return FINDINGS if problems else CLEAN
