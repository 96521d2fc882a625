"""The writers' report: every article with its views, its yes/no counts (those since its last edit
apart), the reasons given for "No", its latest comments, and the contact page's deflection funnel.

Writes `index.html` (phone-readable, worst articles first, then the deflection funnel and the
searches that found nothing or were not followed), `feedback.csv`, `deflection.csv` and
`searches.csv` into one folder.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import quote, urlsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape
from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from mkdocs.utils.meta import get_data

from feedback.searches.summary import SearchSummary, render_searches_csv
from feedback.events import CONTACT_STEPS
from feedback.storage import PageTally
from feedback.validation import REASONS
from hooks.publish.dates import page_days

TEMPLATES = Path(__file__).parent / "templates"
# Spreadsheets run a cell that starts with one of these as a formula; readers' comments must not.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


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


@dataclass
class Split:
    """The answers about one side of an article's last edit: counts, and the reasons for "No" (label -> count)."""

    yes: int = 0
    no: int = 0
    reasons: dict[str, int] = field(default_factory=dict)


def split_answers(tally: PageTally, revision: str | None) -> tuple[Split, Split]:
    """`tally`'s answers about the page's current `revision`, and those about an older one (or none sent)."""
    since, before = Split(), Split()
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
    comments: list[tuple[str, str]] = field(default_factory=list)
    views: int = 0
    revision: str | None = None
    since: Split = field(default_factory=Split)  # answers about the page as it is now
    before: Split = field(default_factory=Split)  # answers about an older revision, or none sent

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
    """Every page of the site: the Markdown pages MkDocs builds, which are the pages its sitemap.xml
    lists and so the pages the collector accepts answers for. Articles are the pages inside a
    category folder; the home page, category index pages and the writers' guide are not."""
    config = load_config(str(config_file))
    site_url = config.site_url or "/"
    base = urlsplit(site_url).path or "/"
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
        is_article = "/" in file.src_uri and file.name != "index"
        pages.append(Article(base + url, title, site_url.rstrip("/") + "/" + url,
                             os.path.relpath(source, config_file.parent), link, is_article,
                             days[file.abs_src_path].isoformat()))
    return pages


def report_rows(pages: list[Article], tallies: dict[str, PageTally]) -> list[Row]:
    """A row per article, per other page with answers, and per answered page no longer on the site; worst first."""
    rows = []
    for page in pages:
        if not page.is_article and page.path not in tallies:
            continue
        counted = tallies.get(page.path, PageTally(page.path))
        rows.append(Row(page.title, page.url, page.source, page.source_link, counted.yes, counted.no,
                        counted.comments, counted.views, page.revision, *split_answers(counted, page.revision)))
    known = {page.path for page in pages}
    for path, counted in tallies.items():
        if path not in known:
            rows.append(Row(f"{path} (no longer on the site)", path, "", "", counted.yes, counted.no,
                            counted.comments, counted.views, None, *split_answers(counted, None)))
    # Most views times "No" since the last edit first; then the highest share of "No", and among
    # equals more "No" answers; unanswered last.
    return sorted(rows, key=lambda row: (-row.impact, row.share_no is None, -(row.share_no or 0), -row.no, row.title))


def safe_cell(value: str) -> str:
    """A CSV cell a spreadsheet shows as text, never runs as a formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def render_csv(rows: list[Row]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["article", "url", "source", "yes", "no", "share_no", "latest_comments", "views",
                     "views_x_no_since_edit", "last_edit", "yes_since_edit", "no_since_edit", "reasons_since_edit",
                     "reasons_before_edit"])
    for row in rows:
        share = "" if row.share_no is None else f"{row.share_no:.3f}"
        comments = "\n".join(f"{created} {text}" for created, text in row.comments)
        writer.writerow([safe_cell(row.title), row.url, row.source, row.yes, row.no, share, safe_cell(comments),
                         row.views, row.impact, row.revision or "", row.since.yes, row.since.no,
                         reasons_cell(row.since), reasons_cell(row.before)])
    return out.getvalue()


def reasons_cell(side: Split) -> str:
    return "; ".join(f"{label}: {count}" for label, count in sorted(side.reasons.items()))


FUNNEL_LABELS = {"started": "Contacts started", "opened": "Suggested articles opened",
                 "continued": "Contacts continued after an article was opened"}


def render_funnel_csv(funnel: dict[str, int]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["step", "count"])
    writer.writerows([step, funnel.get(step, 0)] for step in CONTACT_STEPS)
    return out.getvalue()


def render_html(rows: list[Row], generated: datetime, funnel: dict[str, int] | None = None,
                searches: SearchSummary | None = None) -> str:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
    steps = [(FUNNEL_LABELS[step], (funnel or {}).get(step, 0)) for step in CONTACT_STEPS]
    return env.get_template("report.html").render(
        rows=rows, generated=generated.isoformat(timespec="minutes"),
        answers=sum(row.total for row in rows), funnel=steps, searches=searches or SearchSummary())


def write_atomically(path: Path, text: str) -> None:
    """Write `text` to `path` through a temporary file, so a reader never sees half a report."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def write_report(tallies: dict[str, PageTally], config_file: Path, out_dir: Path,
                 funnel: dict[str, int] | None = None, searches: SearchSummary | None = None) -> list[Row]:
    """Write index.html, feedback.csv, deflection.csv and searches.csv into `out_dir`; return the rows."""
    rows = report_rows(site_pages(config_file, out_dir), tallies)
    searches = searches or SearchSummary()
    out_dir.mkdir(parents=True, exist_ok=True)
    write_atomically(out_dir / "feedback.csv", render_csv(rows))
    write_atomically(out_dir / "deflection.csv", render_funnel_csv(funnel or {}))
    write_atomically(out_dir / "searches.csv", render_searches_csv(searches, safe_cell))
    write_atomically(out_dir / "index.html", render_html(rows, datetime.now(timezone.utc), funnel, searches))
    return rows
