"""What the search script reads besides Pagefind's index, written beside it at build time.

- `kb-search/synonyms.json`: the writers' synonyms (hooks/search/synonyms.yml, checked by
  hooks/checks/rules/search_synonyms.py), fetched with Pagefind on the first search; another
  language's pages fetch `kb-search/synonyms.CODE.json` (from synonyms.CODE.yml; `{}` without it);
- `kb-search/words.json`: every word of four letters or more in the index, the most common
  first, fetched only when a query has a word that no page contains, to correct its spelling.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from hooks.checks.findings import Finding
from hooks.checks.rules.search_synonyms import KB421, language_synonyms, words
from hooks.search.pagefind_index import indexed_text

AIDS_DIR = "kb-search"
# Shorter words are seldom misspelt into another word, and one letter off is most of them.
SHORTEST_CORRECTED = 4


def page_words(bundle: Path) -> list[set[str]]:
    """Each indexed page's words (title and text), short ones included: the fragments are read once per build."""
    return [set(words(f"{page['meta'].get('title', '')} {page['content']}")) for page in indexed_text(bundle)]


def vocabulary(pages: list[set[str]]) -> list[str]:
    """The index's words worth correcting to, the ones on most pages first (ties in order)."""
    counts = Counter(word for found in pages for word in found if len(word) >= SHORTEST_CORRECTED and word.isalpha())
    return [word for word, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


def write_aids(site_dir: Path, bundle: Path, languages: list[str], default: str) -> list[tuple[Path, Finding]]:
    """Write the files into `site_dir`; each synonyms file's findings. A fault of a file itself
    (KB420, KB422, KB423) keeps its synonyms out; a word this site's index lacks (KB421) leaves out
    only that replacement: a site built from other articles (the generated corpora of the
    benchmarks) lacks many, and the tests hold the real files to the real articles."""
    pages = page_words(bundle)
    known = vocabulary(pages)
    out = site_dir / AIDS_DIR
    out.mkdir(exist_ok=True)
    (out / "words.json").write_text(json.dumps(known, separators=(",", ":")), encoding="utf-8")
    found = []
    # Checked against every word of the index, short ones included (a synonym may be `mx`).
    for language, (path, checked) in language_synonyms(languages, default, set().union(*pages)).items():
        found.extend((path, finding) for finding in checked.findings)
        if not [finding for finding in checked.findings if finding.rule_id != KB421]:
            (out / path.with_suffix(".json").name).write_text(json.dumps(checked.table, separators=(",", ":")), encoding="utf-8")
    return found

