"""What the hooks keep between events, and what one hook leaves on a page for another: declared here only.

MkDocs loads each hook module once per process and `mkdocs serve` rebuilds in that process, so
whatever a hook keeps outlives one build. Each field below says who writes it, who reads it and
when it is reset; hooks/on_*.py keep no mutable state of their own (tests/test_hook_state.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import date

    from mkdocs.structure.nav import Navigation

    from hooks.checks.beside import ChecksBeside
    from hooks.i18n.catalogue import Catalogues
    from hooks.i18n.languages import Languages
    from hooks.i18n.translations import SiteTranslations
    from hooks.preview.dirty import Seen
    from hooks.publish.dates import LastCommit
    from hooks.publish.parallel import PageBuild


@dataclass
class Checks:
    """hooks/on_checks.py."""

    # on_startup writes; on_files reads. Reset at each startup.
    building: bool = False
    # on_files starts it (build only); on_page_markdown reads it; on_post_build and on_build_error end it.
    # Reset at each on_files and whenever it ends.
    beside: ChecksBeside | None = None


@dataclass
class Csp:
    """hooks/on_csp.py."""

    # on_startup writes; on_config and on_env read. Reset at each startup.
    serving: bool = False
    # on_config writes the feedback endpoint's origin; on_post_page and on_post_template read. Reset at each on_config.
    connect: list[str] = field(default_factory=list)
    # on_env draws it (not in serve); on_post_page and on_post_template read. Drawn again at each on_env.
    token: str | None = None


@dataclass
class Parallel:
    """hooks/on_parallel.py."""

    # on_startup writes; on_nav reads. Reset at each startup.
    building: bool = False
    # on_nav forks it; on_env, on_post_build and on_build_error read. Reset at each on_nav.
    run: PageBuild | None = None


@dataclass
class Preview:
    """hooks/on_preview.py."""

    # on_startup writes; every event of the hook reads. Reset at each startup (once per `serve` session).
    previewing: bool = False
    # on_env (hooks/preview/dirty.py) writes and reads, by source path, for --dirty rebuilds. Emptied at each startup.
    seen: dict[str, Seen] = field(default_factory=dict)


@dataclass
class Dates:
    """hooks/on_dates.py."""

    # on_files writes each page's commit day by source path; on_pre_page reads. Replaced at each on_files.
    days: dict[str, date] = field(default_factory=dict)
    # on_files writes the last commit of each file by real path (one `git log`); on_i18n.on_page_context
    # reads it to tell a stale translation. Replaced at each on_files.
    commits: dict[str, LastCommit] = field(default_factory=dict)


@dataclass
class Minify:
    """hooks/on_minify.py."""

    # on_startup writes; on_post_build reads: `serve --dirty` keeps the site's already cut stylesheet, which a
    # second cut would strip of the rules a newly written class needs. Reset at each startup.
    serving: bool = False


@dataclass
class I18n:
    """hooks/on_i18n.py."""

    # on_config writes the validated `extra.languages`; on_nav and hooks/on_search.py's on_post_build
    # (each language's synonyms) read. Replaced at each on_config.
    languages: Languages | None = None
    # on_nav writes each language's navigation; on_page_context reads. Replaced at each on_nav.
    navigations: dict[str, Navigation] = field(default_factory=dict)
    # on_nav writes every page by source path; on_env hands it to the templates as the global `kb_i18n`
    # (the switcher, sitemap.xml's hreflang links); on_page_context reads. Replaced at each on_nav.
    # on_page_context also sets the page's context: `kb_language` (read by overrides/partials/language.html
    # and hooks/pages/fragments.py), `nav` (MkDocs' own, replaced by the page's language's) and `kb_stale`
    # (a translation's stale banner or None, from `dates.commits`; read by overrides/partials/kb-stale.html).
    site: SiteTranslations | None = None
    # on_files writes the fallback pages it adds (path -> the default-language page each shows); on_nav hands
    # them to `site`; on_checks' KB301 and the warning filter skip them (their original reports). Replaced
    # at each on_files.
    fallbacks: dict[str, str] = field(default_factory=dict)
    # on_config writes our strings' catalogues (hooks/i18n/strings/); on_env hands them to the templates
    # as `kb_t` and `kb_script_strings`. Replaced at each on_config.
    strings: Catalogues | None = None


@dataclass
class Support:
    """hooks/on_support.py."""

    # on_page_markdown writes the language of the page MkDocs renders next; the `{{ phone.KEY }}` extension
    # (hooks/support/phone_links.py) reads it when MkDocs makes that page's Markdown renderer, so the page's
    # placeholders show its language's numbers. None (the default language) before the first page; reset at
    # each on_config.
    page_language: str | None = None


checks = Checks()
i18n = I18n()
support = Support()
csp = Csp()
parallel = Parallel()
preview = Preview()
dates = Dates()
minify = Minify()

# Every attribute a hook sets on a page, with who writes it and who reads it. A page object lives for
# one build (MkDocs makes new ones for each), except that a --dirty rebuild keeps the unread pages' ones.
PAGE_ATTRIBUTES = {
    "kb_check_findings": "on_checks.on_page_markdown, outside `mkdocs build` only; read by on_preview.on_page_markdown",
    "kb_findings": "on_preview.on_page_markdown, in `mkdocs serve` only; read by overrides/partials/kb-findings.html",
    "update_date": "on_dates.on_pre_page (MkDocs' own field: the commit day); read by the sitemap template",
    "last_updated": "on_dates.on_pre_page, articles only; read by on_review and overrides/partials/source-file.html",
    "last_reviewed": "on_review.on_page_context; read by overrides/partials/source-file.html",
    "title": "on_escape.on_page_content (MkDocs' own field, escaped); hooks/preview/dirty.py restores it",
    "meta": "on_escape.on_page_content (MkDocs' own field, escaped); hooks/preview/dirty.py restores it",
    "canonical_url": "on_i18n.on_page_context (MkDocs' own field), fallback pages only: the original's; read by the base template",
    "content": "on_escape.on_page_context (MkDocs' own field, marked as HTML); read by the templates",
}
# What a process of the parallel build sends the others of each page it renders (hooks/publish/parallel.py):
# what templates and checks read of a page they do not render.
SHARED_ACROSS_PROCESSES = ("title", "meta", "present_anchor_ids", "update_date")
# Attributes a hook sets on the Jinja environment (a new one each build) for a template extension.
ENVIRONMENT_ATTRIBUTES = {
    "kb_theme_token": "on_csp.on_env, not in serve; read by hooks/pages/csp.py ThemeCodeMarker",
}

