"""KB404-KB408: a Markdown file that cannot become an article, whatever its text says.

KB404 not-utf8, KB405 empty-file, KB406 file-too-large, KB407 file-name,
KB408 link-outside-docs. The build and the writers' command gather the same facts
about a file (its path under docs/, its bytes, where a symbolic link leads) with
`read_facts`, and ask `file_findings` (the build: `page_verdict`), which read nothing
from the disk themselves.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from hooks.checks.findings import FILE, Finding, rule
from hooks.checks.rules.front_matter import front_matter_syntax
from hooks.checks.rules.templates import unknown_template
from hooks.checks.source import Document, Settings

# Far beyond any real article: a file this large is a paste gone wrong, and the build would
# spend a long time on it.
MAX_BYTES = 1_000_000
# What a URL can carry as typed: no spaces, no letters that need percent-encoding.
SAFE_NAME_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
URL_CHAR_RE = re.compile(r"[A-Za-z0-9._-]")


@dataclass(frozen=True)
class FileFacts:
    """What the checks need to know about one Markdown file under docs/."""

    # The path under docs/, with forward slashes: "email-setup/outlook.md".
    path: str
    # The file's bytes; None when it was not read (a link out of docs/ is never followed).
    data: bytes | None
    # Where the file really is, when that is outside docs/ (a symbolic link); else None.
    outside_target: str | None = None


@dataclass(frozen=True)
class FileVerdict:
    """The findings about a file, and its text when the article rules may read it."""

    findings: tuple[Finding, ...]
    text: str | None


def read_facts(path: Path, docs: Path) -> FileFacts:
    """The facts about the file at `path` under the folder `docs`: the one place that reads the disk.

    A link that leads out of `docs` is not followed: its target is named, never read.
    """
    target = outside_target(path, docs)
    return FileFacts(path_under(path, docs), None if target else Path(path).read_bytes(), target)


def outside_target(path: Path, docs: Path) -> str | None:
    """Where the file really is (relative to the working folder), when a symbolic link takes it out of `docs`; else None."""
    real, real_docs = os.path.realpath(path), os.path.realpath(docs)
    return os.path.relpath(real) if os.path.commonpath([real, real_docs]) != real_docs else None


def path_under(path: Path, docs: Path) -> str:
    """The path of a file under its docs folder, with forward slashes: "domains/mx-records.md"."""
    return Path(os.path.relpath(path, docs)).as_posix()


def ascii_name(name: str) -> str:
    """A name a URL carries as typed: accents dropped, spaces and other characters as hyphens."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^A-Za-z0-9._]+", "-", plain).strip("-").lower() or "article"


def decode_finding(data: bytes, error: UnicodeDecodeError) -> Finding:
    """KB404 at the line and column of the first byte that is not UTF-8."""
    start = error.start
    line = data.count(b"\n", 0, start) + 1
    col = start - (data.rfind(b"\n", 0, start) + 1) + 1
    return Finding(line, col, "KB404", f"byte 0x{data[start]:02x} is not UTF-8; save the file as UTF-8")


def name_problems(part: str) -> list[str]:
    """Why SAFE_NAME_RE refuses one part of a path, in words: what a URL would carry, how it starts."""
    carried = []
    if " " in part:
        carried.append("spaces")
    if not part.isascii():
        carried.append("letters outside ASCII")
    others = sorted({char for char in part if char.isascii() and char != " " and not URL_CHAR_RE.match(char)})
    if others:
        carried.append(("the character " if len(others) == 1 else "the characters ")
                       + ", ".join(f'"{char}"' for char in others))
    listed = ", ".join(carried[:-1]) + " and " + carried[-1] if len(carried) > 1 else "".join(carried)
    problems = [f"has {listed}, which the page's URL would carry"] if carried else []
    # A first letter outside ASCII or a first space is said above already.
    if part[:1].isascii() and not part[:1].isalnum() and part[:1] != " ":
        problems.append(f'starts with "{part[:1]}" instead of a letter or a digit')
    return problems


def safe_name(stem: str, suffix: str) -> str:
    """A name SAFE_NAME_RE accepts, made from the refused one."""
    return (ascii_name(stem).lstrip("._-") or "article") + suffix


def name_findings(path: str) -> list[Finding]:
    """KB407 for the first part of the path that a URL cannot carry as typed: why, and a name that passes."""
    for part in path.split("/"):
        stem, dot, suffix = part.rpartition(".") if part.endswith(".md") else (part, "", "")
        if not SAFE_NAME_RE.fullmatch(part):
            return [Finding(1, 1, "KB407", f'the name "{part}" {", and ".join(name_problems(part))}; '
                                           f'rename it "{safe_name(stem, dot + suffix)}"')]
    return []


@rule("KB404", "not-utf8", "The file is not UTF-8 text, so it cannot be read; save it as UTF-8.",
      tests="tests/test_catalogue.py", reads=FILE)
@rule("KB405", "empty-file", "The file has no text, so its page would be blank.",
      tests="tests/test_catalogue.py", reads=FILE)
@rule("KB406", "file-too-large", f"The file is over {MAX_BYTES // 1_000_000} MB, far more than one article.",
      tests="tests/test_catalogue.py", reads=FILE)
@rule("KB407", "file-name", "A file or folder name holds spaces, letters outside ASCII or other "
                            "characters that make its URL hard to type and share, or does not start "
                            "with a letter or a digit.", tests="tests/test_catalogue.py", reads=FILE)
@rule("KB408", "link-outside-docs", "The file is a symbolic link to a file outside docs/, "
                                    "which the site would publish.", tests="tests/test_catalogue.py", reads=FILE)
def file_findings(facts: FileFacts) -> FileVerdict:
    """The file-level findings, and the text to check further (None when it must not be published)."""
    if facts.outside_target is not None:
        return FileVerdict((Finding(1, 1, "KB408", f"this is a link to {facts.outside_target}, outside docs/, "
                                                   "which the site would publish; copy the file into docs/ "
                                                   "or remove the link"),), None)
    data = facts.data or b""
    if len(data) > MAX_BYTES:
        return FileVerdict((Finding(1, 1, "KB406", f"the file is {len(data) / 1_000_000:.1f} MB, over the "
                                                   f"{MAX_BYTES // 1_000_000} MB an article may have; split it "
                                                   "into several articles"),), None)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return FileVerdict((decode_finding(data, error),), None)
    found = name_findings(facts.path)
    if not text.strip("\ufeff \t\r\n"):
        return FileVerdict((*found, Finding(1, 1, "KB405", "the file is empty; write the article (front "
                                                           "matter, then a # heading) or delete the file")), None)
    return FileVerdict(tuple(found), text)


def page_verdict(facts: FileFacts, templates: frozenset[str] | None = None) -> FileVerdict:
    """What the build does with a file: its findings, and its text, or None to leave it out of the site.

    Front matter that does not load (KB401) leaves the page out too: MkDocs would publish it
    without its title, description and tags. So does a `template:` that is none of `templates`
    (KB415): MkDocs would stop with a traceback when it draws the page.
    """
    verdict = file_findings(facts)
    if verdict.text is None:
        return verdict
    doc = Document(verdict.text, Settings(page_templates=templates))
    broken = (*front_matter_syntax(doc), *unknown_template(doc))
    return FileVerdict(verdict.findings + broken, None if broken else verdict.text)
