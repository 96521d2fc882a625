"""Run the writers' check over other projects' MkDocs docs and verify each KB106 finding with the renderer.

    python bench/public_sites.py [--config THEIR_MKDOCS_YML] DOCS_DIR [DOCS_DIR ...]

For each folder of Markdown (for example the docs/ of an sdist from PyPI, unpacked outside
this repository), every page is checked with this site's settings, or with the project's own
mkdocs.yml when given (then its KB002 findings say which of its extensions the checks do not
follow, such as pymdownx.blocks' `///` blocks). Each KB106 finding is
then rendered with this site's Markdown before and after the blank line its fix inserts: a
real vanished list shows the line's text after a typed `N.` before, and as a list item
after. Prints per folder: pages, step findings by rule, KB106 confirmed and refuted.
Nothing is written; the other projects' docs are never copied into this repository.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

from bs4 import BeautifulSoup

from hooks.checks.config import extension_problems, load_site_config
from hooks.checks.engine import check_document
from hooks.checks.rules.site import renderer
from hooks.checks.rules.steps import blank_line_before
from hooks.checks.rules.unmodelled import extension_findings
from hooks.checks.source import Document

ROOT = Path(__file__).resolve().parent.parent
STEP_RULE_RE = re.compile(r"KB10\d")


def shown_as_item(html: str, words: str) -> bool:
    """The line's first words appear in the text of a list item, not after a typed marker."""
    page = BeautifulSoup(html, "html.parser")
    return any(li.get_text(" ").strip().startswith(words) for li in page.find_all("li"))


def confirmed(doc: Document, line: int, md) -> bool:
    """The finding's line is running text now and a list item once the blank line goes before it."""
    text = doc.lines[line - 1]
    words = re.sub(r"^[ >]*\d+\.[ ]+", "", text).strip()[:30]
    words = re.sub(r"[*_`\[\]]", "", words).split(" ")[0]
    before = md.reset().convert(doc.text)
    after = md.reset().convert(blank_line_before(doc, line - 1))
    return not shown_as_item(before, words) and shown_as_item(after, words)


def main(arguments: list[str]) -> int:
    config = ROOT / "mkdocs.yml"
    if arguments[:1] == ["--config"]:
        config, arguments = Path(arguments[1]), arguments[2:]
        for finding in extension_findings(config.read_text(encoding="utf-8")):
            print(finding.format(str(config)))
    site = load_site_config(config)
    unloadable = extension_problems(str(config), site.text, site.mapping.get("markdown_extensions"))
    for line in unloadable:
        print(f"{line} (the findings are confirmed with this site's renderer instead)")
    md = renderer((load_site_config(ROOT / "mkdocs.yml") if unloadable else site).markdown_extensions)
    folders = arguments
    for folder in map(Path, folders):
        pages = sorted(folder.rglob("*.md"))
        rules, real, refuted = Counter(), [], []
        for page in pages:
            doc = Document(page.read_text(encoding="utf-8", errors="replace"), site.settings)
            for finding in check_document(doc):
                if not STEP_RULE_RE.fullmatch(finding.rule_id):
                    continue
                rules[finding.rule_id] += 1
                if finding.rule_id == "KB106":
                    where = f"{page.relative_to(folder)}:{finding.line}"
                    (real if confirmed(doc, finding.line, md) else refuted).append(where)
        print(f"{folder}: {len(pages)} pages; step findings {dict(sorted(rules.items()))}; "
              f"KB106 confirmed by the renderer {len(real)}, refuted {len(refuted)}")
        for where in real:
            print(f"  vanished list: {where}")
        for where in refuted:
            print(f"  NOT confirmed: {where}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
