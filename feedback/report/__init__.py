"""The writers' dashboard (`make report`): one static folder, readable offline, from the collector's
database and the docs/ tree.

`index.html` holds the worst articles (views x "No" since the last edit) with their reasons and
comments, the searches with no result and with no click, the stale articles by owner, the
deflection funnel and the weekly trends as inline SVG charts; a CSV beside each section:
feedback.csv, searches.csv, stale.csv, deflection.csv and trends.csv. Each article says its
language; `--language CODE` keeps one language's articles, answers and stale articles
(feedback/report/languages.py).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from mkdocs.config import load_config

from feedback.events import CONTACT_STEPS
from feedback.report.articles import Row, pages_of, report_rows, site_pages
from feedback.report.languages import chosen_language, owners_in, rows_in, site_languages
from feedback.report.charts import draw
from feedback.report.reading import DayCounts, read_daily
from feedback.report.stale import stale_by_owner
from feedback.report.tables import articles_csv, funnel_csv, safe_cell, stale_csv, trends_csv
from feedback.report.trends import trends
from feedback.searches.summary import SearchSummary, read_summary, render_searches_csv
from feedback.storage import PageTally

__all__ = ["Dashboard", "read_dashboard", "safe_cell", "site_pages", "write_report"]

TEMPLATES = Path(__file__).parent.parent / "templates"
FUNNEL_LABELS = {"started": "Contacts started", "opened": "Suggested articles opened",
                 "continued": "Contacts continued after an article was opened"}


@dataclass
class Dashboard:
    """Everything the dashboard shows that comes from the collector's database (all of it untrusted text)."""

    tallies: dict[str, PageTally] = field(default_factory=dict)
    funnel: dict[str, int] = field(default_factory=dict)
    searches: SearchSummary = field(default_factory=SearchSummary)
    daily: dict[str, DayCounts] = field(default_factory=dict)


def read_dashboard(database) -> Dashboard:
    """The dashboard's figures from a database opened with feedback.storage.connect."""
    return Dashboard(database.tally(), database.funnel(), read_summary(database), read_daily(database))


def write_atomically(path: Path, text: str) -> None:
    """Write `text` to `path` through a temporary file, so a reader never sees half a report."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def render_html(rows: list[Row], data: Dashboard, owners, charts, on: date, generated: datetime,
                language: tuple[str, str] | None) -> str:
    """The dashboard's page; `language` is (code, name) of the one language shown, None for all."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
    steps = [(FUNNEL_LABELS[step], data.funnel.get(step, 0)) for step in CONTACT_STEPS]
    return env.get_template("report.html").render(
        rows=rows, generated=generated.isoformat(timespec="minutes"), on=on.isoformat(),
        answers=sum(row.total for row in rows), funnel=steps, searches=data.searches, owners=owners,
        charts=[draw(trend) for trend in charts], language=language)


def write_report(data: Dashboard, config_file: Path, out_dir: Path, on: date, language: str | None = None) -> list[Row]:
    """Write the dashboard for the day `on` (stale articles, the last week charted) into `out_dir`; its rows.
    With `language`, only that language's articles and stale articles.

    Raises StaleTrouble or UnknownLanguage, before writing anything, when an article's review keys
    cannot be read or `language` is not one of the site's.
    """
    config = load_config(str(config_file))
    languages = site_languages(config)
    language = chosen_language(languages, language)
    pages = pages_of(config, config_file, out_dir)
    rows = rows_in(report_rows(pages, data.tallies, config), language)
    by_source = {(config_file.parent / page.source).resolve(): (page.title, page.url) for page in pages}
    docs = Path(config.docs_dir)
    owners = owners_in(stale_by_owner(docs, on, by_source), language, docs, languages)
    charts = trends(data.daily, on)
    out_dir.mkdir(parents=True, exist_ok=True)
    write_atomically(out_dir / "feedback.csv", articles_csv(rows))
    write_atomically(out_dir / "searches.csv", render_searches_csv(data.searches, safe_cell))
    write_atomically(out_dir / "stale.csv", stale_csv(owners, on))
    write_atomically(out_dir / "deflection.csv", funnel_csv(data.funnel))
    write_atomically(out_dir / "trends.csv", trends_csv(charts))
    shown = None if language is None else (language, languages.names[language])
    write_atomically(out_dir / "index.html",
                     render_html(rows, data, owners, charts, on, datetime.now(timezone.utc), shown))
    return rows
