"""Translations that fall behind their original, told from Git's history, never from the clock.

A translation (`docs/es/X.md`) is behind when its original (`docs/X.md`) was changed in a commit
that comes after the translation's last commit. Both commits come from the one `git log` the
dates already read (hooks/publish/dates.py `last_commits`). A page without a commit of its own
(outside Git, or not committed yet) is never called behind: no banner rather than a wrong one.
In a shallow clone, every file last changed before the clone's first commit shows that commit,
so an original and a translation both older than it compare as equal: again no banner, never a
false one (an original changed after that first commit is newer than any older translation).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Callable, Collection

from hooks.i18n.languages import Languages
from hooks.publish.dates import LastCommit, LastUpdated, last_updated

# The last commit of a page, given by its path under docs/; None when it has none.
CommitOf = Callable[[str], LastCommit | None]


@dataclass(frozen=True)
class Behind:
    """A translation older than its original: both paths under docs/ and their last commits' days."""

    translation: str
    original: str
    original_day: date
    translation_day: date


def behind(src_uri: str, languages: Languages, commit_of: CommitOf) -> Behind | None:
    """The page at `src_uri` as a translation behind its original, or None (up to date, no commit
    to tell by, no original, or a page in the default language)."""
    if languages.of(src_uri) == languages.default:
        return None
    original = languages.base(src_uri)
    mine, theirs = commit_of(src_uri), commit_of(original)
    if mine is None or theirs is None or not theirs.is_newer_than(mine):
        return None
    return Behind(src_uri, original, theirs.day, mine.day)


@dataclass(frozen=True)
class Translations:
    """One language's translations that are behind their originals, and the originals it lacks."""

    language: str
    behind: list[Behind]
    missing: list[str]


def translation_report(sources: Collection[str], languages: Languages, commit_of: CommitOf) -> list[Translations]:
    """For each language but the default, in config order: its translations that are behind and
    the default-language pages it has no translation of, each sorted by path. `sources` are paths
    under docs/ (a set: it is asked once per page and language)."""
    originals = sorted(uri for uri in sources if languages.of(uri) == languages.default)
    report = []
    for code in list(languages.names)[1:]:
        translated = [languages.path_in(uri, code) for uri in originals]
        late = [found for uri in translated if uri in sources and (found := behind(uri, languages, commit_of))]
        missing = [uri for uri, path in zip(originals, translated) if path not in sources]
        report.append(Translations(code, late, missing))
    return report


@dataclass(frozen=True)
class Banner:
    """What the stale banner shows: the original page (for its link) and the day it changed, in the page's words."""

    original: object
    changed: LastUpdated


def stale_banner(page, languages: Languages, pages, commit_of: CommitOf) -> Banner | None:
    """The banner for `page` when it is a translation behind its original (which `pages` holds by path)."""
    found = behind(page.file.src_uri, languages, commit_of)
    if found is None or found.original not in pages:
        return None
    return Banner(pages[found.original], last_updated(found.original_day, languages.of(page.file.src_uri)))
