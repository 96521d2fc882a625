"""awesome-nav's patterns, parsed once (hooks/publish/nav_patterns.py), answer as wcmatch does."""

from __future__ import annotations

import itertools
from types import ModuleType

import pytest
from mkdocs_awesome_nav.nav import pattern as awesome_nav_patterns
from wcmatch import glob as wcmatch_glob

from hooks.publish.nav_patterns import FAST_GLOB, globmatch, install, literal_folder

FLAGS = wcmatch_glob.GLOBSTAR | wcmatch_glob.EXTGLOB
# Patterns as awesome-nav writes them (folder / pattern), and ones whose folders wcmatch reads otherwise.
PATTERNS = ["dns/*", "dns/a-record/*", "dns/a-record/part-1/*.md", "email-apps/@(index.md|README.md)", "*",
            "**/*.md", "dns/**", "dns/a-record/", "dns//a-record/*", "./dns/*", "dns/../ssl/*", "/dns/*",
            "DNS/*", "dns/[ab]*/*", "dns\\/x/*", "d?s/*", "dns", ["dns/*", "ssl/*"]]
PATHS = ["dns/mx.md", "dns/a-record/", "dns/a-record/set-a-record.md", "dns/a-record/part-1/x.md",
         "dns//a-record/x.md", "DNS/mx.md", "ssl/renew.md", "email-apps/index.md", "email-apps/README.md",
         "index.md", "dns", "/dns/mx.md", "dns/.hidden.md", "writers-guide.md", "writers-guide/",
         "writers-guide/rules.md"]
# docs/.nav.yml's `ignore: /writers-guide/` reaches the matcher as "writers-guide/" (awesome-nav adds "/" to a folder).
EXCLUDES = [None, ["writers-guide.md"], ["writers-guide/"], "dns/mx.md"]


@pytest.mark.parametrize("pattern", PATTERNS, ids=str)
def test_every_answer_is_wcmatch_s(pattern):
    """Same answer as wcmatch's globmatch for each file, with and without exclusions; the table
    holds files both inside and outside the pattern's folders, so both answers are checked."""
    answers = {}
    for path, exclude in itertools.product(PATHS, EXCLUDES):
        expected = wcmatch_glob.globmatch(path, pattern, flags=FLAGS, exclude=exclude)
        assert globmatch(path, pattern, flags=FLAGS, exclude=exclude) == expected, (path, exclude)
        answers[expected] = True
    # Patterns whose folders no file of the table is in; every other one is checked both ways.
    assert pattern in ("dns//a-record/*", "./dns/*", "dns/../ssl/*", "dns\\/x/*", "/dns/*", "DNS/*") or answers.keys() == {True, False}


def test_the_literal_folder_is_known_only_when_the_text_tells_it():
    assert literal_folder("dns/a-record/*") == "dns/a-record/"
    assert literal_folder("email-apps/@(index.md|README.md)") == "email-apps/"
    assert literal_folder("*") is None  # no folder: every file is tried
    assert literal_folder("dns//a-record/*") is None
    assert literal_folder("./dns/*") is None
    assert literal_folder(("dns/*", "ssl/*")) is None


def test_install_replaces_awesome_nav_s_matcher_only_where_it_was_read():
    """The locked awesome-nav gets it; a pattern module that does not match through wcmatch is left alone."""
    assert install(awesome_nav_patterns) is None
    assert awesome_nav_patterns.glob is FAST_GLOB
    other = ModuleType("other_patterns")
    other.glob = object()
    reason = install(other)
    assert "does not match its patterns through wcmatch.glob" in reason and other.glob is not FAST_GLOB
