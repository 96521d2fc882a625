"""awesome-nav's folder patterns, each parsed once per build instead of once per file tried.

awesome-nav places the pages by trying each pattern of each folder (`*` when the folder has no
`.nav.yml`) on every file not placed yet, through wcmatch's `globmatch()`, which parses its
pattern again at every call. With sections inside categories there are more folders as well as
more files, so those parses grow faster than the site, and they run before the pages are split
across cores (hooks/publish/parallel.py). `globmatch` below answers as wcmatch does, with the
matcher wcmatch builds, made once for each pattern, flags and exclusions; and a file outside
the folders a pattern spells out is refused before the matcher runs.

It replaces only the `glob` name that awesome-nav's pattern module reads, and only in the
version it was written for; any other leaves the plugin as it is (`install` says why not).
"""

from __future__ import annotations

import functools
import re
from importlib.metadata import PackageNotFoundError, version
from types import ModuleType, SimpleNamespace

from wcmatch import glob as wcmatch_glob
from wcmatch import util as wcmatch_util

PLUGIN = "mkdocs-awesome-nav"
# The versions whose pattern module was read for this: it calls `glob.globmatch(path, pattern,
# flags=..., exclude=...)` and reads `glob.GLOBSTAR` and `glob.EXTGLOB`.
PLUGIN_VERSION_PREFIX = "3."


def frozen(patterns):
    """A pattern, a list of them or None, in a form that can be a cache key."""
    return patterns if patterns is None or isinstance(patterns, (str, bytes)) else tuple(patterns)


# Characters that may make a pattern match other text than their own.
MAGIC = re.compile(r"[*?\[\]{}()!@+|~\\]")


@functools.lru_cache(maxsize=4096)
def matcher(patterns, flags: int, exclude):
    return wcmatch_glob.compile(patterns, flags=flags, exclude=exclude)


@functools.lru_cache(maxsize=4096)
def literal_folder(pattern) -> str | None:
    """The folders a one-pattern match must start with (`/dns/a-record/` of `/dns/a-record/*`),
    or None when there is none or it cannot be told from the text: a case-blind file system, several patterns,
    or a folder part that wcmatch may read otherwise (empty, `.` or `..`)."""
    if not isinstance(pattern, str) or not wcmatch_util.is_case_sensitive():
        return None
    magic = MAGIC.search(pattern)
    folder = pattern[: pattern.rfind("/", 0, magic.start() if magic else len(pattern)) + 1]
    parts = folder.strip("/").split("/")
    if not folder or folder.count("//") or any(part in ("", ".", "..") for part in parts if folder != "/"):
        return None
    return folder


def globmatch(filename, patterns, *, flags: int = 0, exclude=None) -> bool:
    """wcmatch's `globmatch`, with each matcher made once. A file outside the pattern's literal
    folders (most files, for most patterns) is told apart without running the matcher."""
    folder = literal_folder(frozen(patterns))
    if folder and isinstance(filename, str) and "//" not in filename and not filename.startswith(folder):
        return False
    return matcher(frozen(patterns), flags, frozen(exclude)).match(filename)


FAST_GLOB = SimpleNamespace(globmatch=globmatch, GLOBSTAR=wcmatch_glob.GLOBSTAR, EXTGLOB=wcmatch_glob.EXTGLOB)


def install(pattern_module: ModuleType) -> str | None:
    """Give awesome-nav's pattern module the matcher above; None if done, else why it was not."""
    try:
        installed = version(PLUGIN)
    except PackageNotFoundError:
        return f"{PLUGIN} is not installed"
    if not installed.startswith(PLUGIN_VERSION_PREFIX):
        return f"{PLUGIN} {installed} is not the version {PLUGIN_VERSION_PREFIX}x whose patterns this speeds up"
    current = getattr(pattern_module, "glob", None)
    if current is not wcmatch_glob and current is not FAST_GLOB:
        return f"{PLUGIN} {installed} does not match its patterns through wcmatch.glob"
    pattern_module.glob = FAST_GLOB
    return None
