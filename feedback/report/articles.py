"""The dashboard's articles: every page of the site with its views, its yes/no counts (those since
its last edit apart), the reasons given for "No" and its comments, worst first."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import get_files
from mkdocs.utils.meta import get_data

from feedback.report.languages import path_language, site_languages
from feedback.storage import PageTally
from feedback.validation import REASONS
from hooks.publish.dates import page_days


@dataclass
class Article:
    """A published page: its path on the site, title, public URL, source file, and whether it is an article."""

    path: str
    title: str
    url: str
    source: str
    source_link: str
    is_article: bool = True
    revision: str | None = None  # the last-updated day the page shows (hooks/publish/dates.py)
    language: str = ""  # its code in extra.languages


@dataclass
class Split:
    """The answers about one side of an article's last edit: counts, the reasons for "No" (label -> count),
    and the latest comments, newest first."""

    yes: int = 0
    no: int = 0
    reasons: dict[str, int] = field(default_factory=dict)
    comments: list[tuple[str, str]] = field(default_factory=list)  # (created, comment)


def split_answers(tally: PageTally, revision: str | None) -> tuple[Split, Split]:
    """`tally`'s answers and comments about the page's current `revision`, and those about an older one
    (or none sent)."""
    since, before = Split(), Split()
    for created, comment, about in tally.comments:
        (since if revision is not None and about == revision else before).comments.append((created, comment))
    for group in tally.groups:
        side = since if revision is not None and group.revision == revision else before
        if group.answer == "yes":
            side.yes += group.count
        else:
            side.no += group.count
        if group.reason is not None:
            label = REASONS.get(group.reason, group.reason)
            side.reasons[label] = side.reasons.get(label, 0) + group.count
    return since, before


@dataclass
class Row:
    """One line of the report."""

    title: str
    url: str
    source: str
    source_link: str
    yes: int = 0
    no: int = 0
    views: int = 0
    revision: str | None = None
    since: Split = field(default_factory=Split)  # answers about the page as it is now
    before: Split = field(default_factory=Split)  # answers about an older revision, or none sent
    language: str = ""  # the page's code in extra.languages, from its URL

    @property
    def total(self) -> int:
        return self.yes + self.no

    @property
    def impact(self) -> int:
        """Views times the "No" answers since the last edit: how many readers an unhelpful article reaches."""
        return self.views * self.since.no

    @property
    def share_no(self) -> float | None:
        """The share of "No" among the answers, None when there are none."""
        return self.no / self.total if self.total else None


def page_title(text: str, fallback: str) -> str:
    """The front matter's title, else the first level-1 heading, else `fallback`."""
    body, meta = get_data(text)
    if meta.get("title"):
        return str(meta["title"])
    heading = next((line[2:].strip() for line in body.splitlines() if line.startswith("# ")), "")
    return heading or fallback


def site_pages(config_file: Path, out_dir: Path) -> list[Article]:
    """Every page of the site that `config_file` describes (see pages_of)."""
    return pages_of(load_config(str(config_file)), config_file, out_dir)


def pages_of(config: MkDocsConfig, config_file: Path, out_dir: Path) -> list[Article]:
    """Every page of the site: the Markdown pages MkDocs builds, which are the pages its sitemap.xml
    lists and so the pages the collector accepts answers for. Articles are the pages inside a
    category folder; the home page, category index pages and the pages mkdocs.yml keeps out of the
    navigation (`not_in_nav`: the writers' guide) are not."""
    site_url = config.site_url or "/"
    base = site_base(config)
    languages = site_languages(config)
    documents = get_files(config).documentation_pages()
    days, _ = page_days([file.abs_src_path for file in documents], Path(config.docs_dir))
    pages = []
    for file in documents:
        url = "" if file.url == "./" else file.url
        source = Path(config.docs_dir) / file.src_uri
        if config.repo_url and config.edit_uri:
            link = config.repo_url.rstrip("/") + "/" + config.edit_uri.strip("/") + "/" + quote(file.src_uri)
        else:
            link = quote(Path(os.path.relpath(source, out_dir)).as_posix())
        title = page_title(source.read_text(encoding="utf-8-sig"), file.src_uri)
        # A language's home and category pages are in its folder too, but they are not articles.
        is_article = ("/" in languages.base(file.src_uri) and file.name != "index"
                      and not file.inclusion.is_not_in_nav())
        pages.append(Article(base + url, title, site_url.rstrip("/") + "/" + url,
                             os.path.relpath(source, config_file.parent), link, is_article,
                             days[file.abs_src_path].isoformat(), languages.of(file.src_uri)))
    return pages


def site_base(config: MkDocsConfig) -> str:
    """The path the site is published under (`/`, or `/help/` for https://example.com/help/)."""
    return urlsplit(config.site_url or "/").path or "/"


def report_rows(pages: list[Article], tallies: dict[str, PageTally], config: MkDocsConfig) -> list[Row]:
    """A row per article, per other page with answers, and per answered page no longer on the site; worst first."""
    rows = []
    for page in pages:
        if not page.is_article and page.path not in tallies:
            continue
        counted = tallies.get(page.path, PageTally(page.path))
        rows.append(Row(page.title, page.url, page.source, page.source_link, counted.yes, counted.no,
                        counted.views, page.revision, *split_answers(counted, page.revision), page.language))
    known = {page.path for page in pages}
    base, languages = site_base(config), site_languages(config)
    for path, counted in tallies.items():
        if path not in known:
            rows.append(Row(f"{path} (no longer on the site)", path, "", "", counted.yes, counted.no,
                            counted.views, None, *split_answers(counted, None), path_language(path, base, languages)))
    # Most views times "No" since the last edit first; then the highest share of "No", and among
    # equals more "No" answers; unanswered last.
    return sorted(rows, key=lambda row: (-row.impact, row.share_no is None, -(row.share_no or 0), -row.no, row.title))
