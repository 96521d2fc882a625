"""The writers' command: `python -m hooks check [--fix] [PATH ...]`.

Maintainers' commands: `python -m hooks build` (the all-or-nothing `make build`) and
`python -m hooks urls [--update]` (the published-URL list, `make urls`).

Exit status: 0 when clean, 1 when there are findings, 2 on a usage error or an
unreadable file.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from contextlib import nullcontext
from functools import partial
from pathlib import Path

import yaml

from hooks.checks.engine import check_text, fix_text
from hooks.checks.config import load_settings
from hooks.checks.rules.html import setting_problems
from hooks.checks.rules.unmodelled import extension_findings
from hooks.publish.atomic import build_atomically
from hooks.publish.urls import built_urls, parse_list, render_list, updated_list, url_problems

CLEAN, FINDINGS, TROUBLE = 0, 1, 2
# Below this many files, starting worker processes costs more than it saves.
PARALLEL_FROM = 200


def markdown_files(paths: list[Path]) -> list[Path]:
    """The Markdown files named, and those below the folders named, in a stable order."""
    files = []
    for path in paths:
        files.extend(sorted(path.rglob("*.md")) if path.is_dir() else [path])
    return files


def read_text(path: Path) -> str:
    """The file's text with its line endings kept exactly."""
    return path.read_bytes().decode("utf-8")


def decode_error(path: Path, error: UnicodeDecodeError) -> str:
    """One line naming where the first byte that is not UTF-8 sits, and what to do."""
    raw, start = error.object, error.start
    line = raw.count(b"\n", 0, start) + 1
    col = start - (raw.rfind(b"\n", 0, start) + 1) + 1
    return f"{path}:{line}:{col}: cannot read: byte 0x{raw[start]:02x} is not UTF-8; save the file as UTF-8"


def write_atomically(path: Path, text: str) -> None:
    """Replace `path` with `text` so that a reader sees the old file or the new one, never half."""
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, path.stat().st_mode & 0o7777 if path.exists() else 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def annotation(path: str, finding) -> str:
    """A GitHub Actions workflow command that marks the finding in the pull request."""
    message = finding.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return f"::error file={path},line={finding.line},col={finding.col},title={finding.rule_id}::{message}"


def check_file(path: Path, settings, fix: bool, on_github: bool) -> tuple[int, list[tuple[bool, str]]]:
    """Check (and with `fix`, repair) one file: its status and its output lines (to stderr?, text)."""
    try:
        text = read_text(path)
    except UnicodeDecodeError as error:
        return TROUBLE, [(True, decode_error(path, error))]
    except OSError as error:
        return TROUBLE, [(True, f"{path}:1:1: cannot read: {error.strerror}")]
    output = []
    if fix:
        fixed = fix_text(text, settings)
        if fixed != text:
            try:
                write_atomically(path, fixed)
            except OSError as error:
                return TROUBLE, [(True, f"{path}:1:1: cannot write the fix: {error.strerror}; the file is unchanged")]
            output.append((False, f"{path}: fixed"))
            text = fixed
    status = CLEAN
    for finding in check_text(text, settings):
        output.append((False, finding.format(str(path))))
        if on_github:
            output.append((False, annotation(str(path), finding)))
        status = FINDINGS
    return status, output


def run_check(paths: list[Path], config: Path, fix: bool) -> int:
    """Check (and with `fix`, repair) the files; print findings; return the exit status."""
    try:
        settings = load_settings(config)
    except (OSError, yaml.YAMLError) as error:
        print(f"{config}: cannot read the site settings ({error.__class__.__name__}: "
              f"{str(error).splitlines()[0] if str(error) else 'unreadable'}); pass --config PATH to mkdocs.yml",
              file=sys.stderr)
        return TROUBLE
    missing = [p for p in paths if not p.exists()]
    if missing:
        print(f"{missing[0]}: no such file or folder; name a Markdown file or a folder such as docs/", file=sys.stderr)
        return TROUBLE
    status = CLEAN
    config_text = config.read_text(encoding="utf-8")
    for finding in sorted([*setting_problems(config_text), *extension_findings(config_text)]):
        print(finding.format(str(config)))
        status = FINDINGS
    files = markdown_files(paths)
    work = partial(check_file, settings=settings, fix=fix, on_github=os.environ.get("GITHUB_ACTIONS") == "true")
    workers = min(os.cpu_count() or 1, 4)
    # Files are independent; on a large tree, spread them over the cores (output stays in order).
    with ProcessPoolExecutor(workers) if workers > 1 and len(files) >= PARALLEL_FROM else nullcontext() as pool:
        results = pool.map(work, files, chunksize=32) if pool else map(work, files)
        for file_status, output in results:
            for to_stderr, line in output:
                print(line, file=sys.stderr if to_stderr else sys.stdout)
            status = max(status, file_status)
    return status


def run_urls(site: Path, url_list: Path, update: bool) -> int:
    """Compare the built `site` with the published-URL list (with `update`, first add its new URLs)."""
    if not (site / "index.html").is_file():
        print(f"{site}/: no built site here; run `make build` first", file=sys.stderr)
        return TROUBLE
    try:
        listed = parse_list(read_text(url_list)) if url_list.exists() else []
    except (OSError, UnicodeDecodeError) as error:
        print(f"{url_list}:1:1: cannot read the list of published URLs ({error}); restore it from Git", file=sys.stderr)
        return TROUBLE
    built = built_urls(site)
    if update:
        urls = updated_list(listed, built)
        if urls != set(listed):
            write_atomically(url_list, render_list(urls))
            print(f"{url_list}: {len(urls - set(listed))} new URL(s) added; commit it")
        listed = sorted(urls)
    problems = url_problems(listed, built, str(url_list))
    for line in problems:
        print(line)
    return FINDINGS if problems else CLEAN


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run the command."""
    parser = argparse.ArgumentParser(prog="python -m hooks", description="Knowledge Base checks for writers.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="check Markdown files without building the site")
    check.add_argument("--fix", action="store_true", help="renumber flagged steps in place (atomically)")
    check.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="the site's mkdocs.yml")
    check.add_argument("paths", nargs="*", type=Path, default=[Path("docs")], metavar="PATH")
    build = commands.add_parser("build", help="strict build into a new folder; replace the site folder only on success")
    build.add_argument("--engine", default="mkdocs", choices=["mkdocs", "properdocs"], help="the builder to run")
    build.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="the site's mkdocs.yml")
    build.add_argument("--site", type=Path, default=Path("site"), help="the folder the site is published from")
    urls = commands.add_parser("urls", help="compare a built site with the list of published URLs")
    urls.add_argument("--update", action="store_true", help="add the build's new URLs to the list (never drops one)")
    urls.add_argument("--site", type=Path, default=Path("site"), help="the built site")
    urls.add_argument("--list", type=Path, default=Path("published-urls.txt"), help="the committed URL list")
    args = parser.parse_args(argv)
    if args.command == "build":
        return build_atomically(args.site, args.engine, args.config)
    if args.command == "urls":
        return run_urls(args.site, args.list, args.update)
    return run_check(args.paths, args.config, args.fix)


if __name__ == "__main__":
    sys.exit(main())
