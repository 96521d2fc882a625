"""KB425: a string of ours (hooks/i18n/strings/en.yml) that another language's catalogue leaves out.

Its readers see the English words instead: the support block, the feedback question, a date's
label. Reported in the language's catalogue, where the line belongs (after the key before it in
en.yml), by the build and by the writers' command.
"""

from __future__ import annotations

import os
from pathlib import Path

from hooks.checks.findings import STRINGS, Finding, rule
from hooks.i18n.catalogue import CATALOGUES, Catalogues, load_catalogues

KB425 = "KB425"


def placed_after(missing: str, english: list[str], present) -> int:
    """The line of the translation's entry for the nearest key before `missing` in en.yml; 0 when none."""
    before = english[:english.index(missing)]
    return next((present[key].line for key in reversed(before) if key in present), 0)


@rule(KB425, "string-untranslated", "A string of ours in en.yml is missing from another language's catalogue, "
                                    "so that language's readers see it in English.",
      tests="tests/test_strings.py", reads=STRINGS)
def untranslated(catalogues: Catalogues, names: dict[str, str], shown: Path) -> list[tuple[str, Finding]]:
    """(catalogue file, KB425) for each key of the default catalogue that a language's catalogue lacks;
    `names`: each language's code and name (extra.languages), `shown`: the folder as errors name it."""
    default = catalogues.entries[catalogues.default]
    english, default_file = list(default), (shown / f"{catalogues.default}.yml").as_posix()
    found = []
    for code, name in names.items():
        if code == catalogues.default:
            continue
        path = (shown / f"{code}.yml").as_posix()
        if code not in catalogues.entries:
            found.append((path, Finding(1, 1, KB425, f"{name} has no catalogue, so its readers see every string of "
                                                     f"ours in English; copy {default_file} to {path} and translate "
                                                     "each line")))
            continue
        present = catalogues.entries[code]
        for key in english:
            if key not in present:
                line = placed_after(key, english, present)
                where = f"after line {line}" if line else "at the top"
                found.append((path, Finding(max(line, 1), 1, KB425,
                                            f"{key} is not translated, so readers of {name} see "
                                            f"\"{default[key].text}\"; add `{key}:` with its translation {where} "
                                            f"(the English is {default_file}:{default[key].line})")))
    return found


def catalogue_findings(languages) -> list[tuple[str, Finding]]:
    """KB425 for the project's catalogues, for the writers' command; `languages`: `extra.languages` as
    mkdocs.yml writes it (none: one language, nothing to translate). Raises CatalogueError."""
    if not isinstance(languages, dict) or len(languages) < 2:
        return []
    names = {str(code): str(name) for code, name in languages.items()}
    shown = Path(os.path.relpath(CATALOGUES))
    return untranslated(load_catalogues(CATALOGUES, list(names), shown), names, shown)
