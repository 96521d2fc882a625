"""bench/scale.py's languages measure (issue 21, item 8): 1,000 articles in each of the site's
languages against the same 1,000 in one language, in the same turns.

The one-language site is bench/scale.py's own flat 1,000-article project: English alone, the other
languages cut from mkdocs.yml (tests/corpussite.py), so it has no fallback pages; it is the site a
help center of one language publishes. The three-language site is the same corpus with every page
translated (bench/corpus.py's `languages`, invented words as many bytes long as the English ones),
the real `extra.languages`, and each language's real home and contact pages. Each turn builds
both, back to back; the ratio is the median of the turns' ratios.

A page is compared with the English page of the same site (same header, switcher and
navigation shape), in bytes: a translation may be at most PAGE_TOLERANCE heavier. Its words weigh
what the English words weigh, so what is left is the interface: our strings and Material's in the
page's language, where an Arabic letter takes two bytes in UTF-8 and an English one one.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from pathlib import Path

from bench.corpus import Corpus
from bench.scale_builds import Build, ratios_text
from bench.shape_table import mark
from tests.corpussite import corpus_project, other_languages

ARTICLES = 1000
BUILD_OVER_ONE_LANGUAGE = 3.3
PAGE_TOLERANCE = 0.10
# On a fallback page (hooks/i18n/fallbacks.py), the article in the default language inside the other language's site.
FALLBACK_MARK = b'class="kb-fallback__article"'


@dataclass
class Multilingual:
    """The three-language project, its corpus, its languages but the default, and its builds (one per turn)."""

    project: Path
    corpus: Corpus
    codes: tuple[str, ...]
    builds: list[Build] = field(default_factory=list)


def multilingual_project(tmp: Path, shape: str) -> Multilingual:
    """The project of ARTICLES articles in `shape`, every page translated into each other language."""
    project, corpus = corpus_project(tmp / f"project-{ARTICLES}-languages", ARTICLES, shape, translated=True)
    return Multilingual(project, corpus, other_languages((project / "mkdocs.yml").read_text(encoding="utf-8")))


def language_pages(site: Path, corpus: Corpus, code: str) -> tuple[list[int], int]:
    """(each article page's bytes, how many of them are fallback pages) in the language `code`
    (a folder of `site`; "" for the default language)."""
    pages = [(site / code / article.url / "index.html").read_bytes() for article in corpus.articles]
    return [len(page) for page in pages], sum(FALLBACK_MARK in page for page in pages)


def languages_table(multi: Multilingual, one_language: list[Build], alone_sizes: list[int]) -> str:
    """The Markdown table: both builds, their ratio per turn, each language's median article page."""
    codes = ", ".join(("en", *multi.codes))
    ratios = [many.seconds / one.seconds for many, one in zip(multi.builds, one_language)]
    ratio = statistics.median(ratios)
    cpu = [many.cpu_seconds / one.cpu_seconds for many, one in zip(multi.builds, one_language)]
    english, _ = language_pages(multi.project / "site", multi.corpus, "")
    base = statistics.median(english)
    rows = [
        (f"build, {ARTICLES:,} articles in English alone (no other language configured: no fallback pages)",
         f"{statistics.median(b.seconds for b in one_language):.1f} s", "", ""),
        (f"build, the same {ARTICLES:,} articles in each of {codes} (each page with its translations)",
         f"{statistics.median(b.seconds for b in multi.builds):.1f} s", "", ""),
        ("three languages / one language (wall times, same turn; median of the turns' ratios)", ratios_text(ratios),
         f"at most {BUILD_OVER_ONE_LANGUAGE}x", mark(ratio <= BUILD_OVER_ONE_LANGUAGE)),
        ("the same, CPU times of all the builds' processes (what the load of other processes moves least)",
         ratios_text(cpu), f"at most {BUILD_OVER_ONE_LANGUAGE}x", mark(statistics.median(cpu) <= BUILD_OVER_ONE_LANGUAGE)),
        ("median article page, English alone", f"{statistics.median(alone_sizes) / 1024:.1f} KB", "", ""),
        (f"median article page, English among {codes}",
         f"{base / 1024:.1f} KB ({base / statistics.median(alone_sizes):.2f}x English alone)", "", ""),
    ]
    for code in multi.codes:
        sizes, fallbacks = language_pages(multi.project / "site", multi.corpus, code)
        weight = statistics.median(sizes) / base
        rows.append((f"median article page, {code} ({fallbacks} of {len(sizes):,} are fallback pages)",
                     f"{statistics.median(sizes) / 1024:.1f} KB ({weight:.2f}x English)",
                     f"at most {1 + PAGE_TOLERANCE:.2f}x English", mark(weight <= 1 + PAGE_TOLERANCE and not fallbacks)))
    lines = ["| measure | figure | target | |", "| --- | ---: | --- | --- |"]
    return "\n".join(lines + [f"| {name} | {value} | {target} | {met} |" for name, value, target, met in rows])
