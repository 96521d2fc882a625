"""The exit from Material for MkDocs, measured: this site on each candidate engine.

Each engine gets its own environment under bench/out/engines/ (gitignored), made once and made
again when requirements.lock changes:

- `materialx`: the lock without `mkdocs-material`, then mkdocs-materialx 10.2.2 with the
  dependencies it declares (ProperDocs, Pagefind's extended binary, mkdocs-document-dates; it
  also declares `mkdocs` itself). Built with `python -m properdocs`.
- `zensical`: the newest Zensical that installs from our index (pip picks it; the newest
  published one is tried first so that its error is recorded), then the whole lock for the
  tests, Material included: they read mkdocs.yml through MkDocs, which needs its theme.

Each engine builds a fresh `git clone` of this repository (the last commit, not the work tree),
so mkdocs.yml and the overrides change only in that copy. Its builds, and every process its
tests start, run with PYTHONPATH set to the clone: they import the clone's hooks/, feedback/
and tests/, never those of a checkout an editable install points at. The copy's changes:
`theme.name: materialx` for materialx; for Zensical, the four template edits it needs before it
builds at all (ZENSICAL_EDITS). Against them, in the same run: Material (the Python that runs
this script, `mkdocs`) and Material on ProperDocs (.venv-properdocs, or `--properdocs`), the
builds taking turns. Then, for each candidate, the whole test suite (or the files `--tests`
names), once, from its clone with its environment's Python (`KB_ENGINE`, as
`make test ENGINE=properdocs` does), without -x; with `--split N`, in N parts side by side.

    .venv/bin/python bench/engines.py --split 4    # about 1 hour on a busy 2-core machine, most of it the suites
    .venv/bin/python bench/engines.py --no-tests   # environments, builds, page weight only
    .venv/bin/python bench/engines.py --tests tests/test_publish_dates.py   # the suites: these files only

Writes bench/results/engines.md (machine and date from bench/machine.py).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.machine import machine  # noqa: E402

OUT = ROOT / "bench" / "out" / "engines"
LOCK = ROOT / "requirements.lock"
MATERIALX = "mkdocs-materialx==10.2.2"
ARTICLE = "email-setup/outlook/"
ENV = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", "KB_CHROMIUM": "/usr/bin/chromium"}
# How each candidate's environment is installed; a change here makes the environment again.
RECIPES = {"materialx": f"lock without mkdocs-material and mkdocs, then {MATERIALX}",
           "zensical": "zensical, then the whole lock without its dependencies"}
# Zensical renders templates with MiniJinja and runs no hooks: our `{% once %}` tag (registered by
# hooks/on_templates.py), `str.splitlines()` and an attribute of an absent `page.meta` stop it.
ZENSICAL_EDITS = (
    ("drop the `{% once %}` and `{% endonce %}` tags", r"\{%-?\s*(?:end)?once\b[^%]*%\}", ""),
    ("draw Material's stylesheets whole (palette.css included)",
     r"\{% block styles %\}.*?\{% endblock %\}", "{% block styles %}{{ super() }}{% endblock %}"),
    ("test `page.meta` before `page.meta.search`", r"not \(page\.meta\.search", "not (page.meta and page.meta.search"),
)


def pip(python: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(python), "-m", "pip", "--disable-pip-version-check", *args],
                          capture_output=True, text=True, check=False)


def lock_without(*names: str) -> Path:
    """The lock with the named packages taken out, as a requirements file."""
    kept = [line for line in LOCK.read_text().splitlines() if line.split("==")[0].lower() not in names]
    path = OUT / f"lock-without-{'-'.join(names)}.txt"
    path.write_text("\n".join(kept) + "\n")
    return path


def lock_digest(name: str) -> str:
    """What an environment was made from: the lock and the recipe (RECIPES) that installed it."""
    return hashlib.sha256(LOCK.read_bytes() + RECIPES[name].encode()).hexdigest()


def fresh_venv(name: str) -> tuple[Path, Path, bool]:
    """The environment's python, its stamp, and whether the stamp still matches the lock and recipe."""
    home = OUT / name
    stamp = home / ".installed"
    digest = lock_digest(name)
    if stamp.exists() and stamp.read_text().split("\n")[0] == digest:
        return home / "bin" / "python", stamp, True
    shutil.rmtree(home, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "venv", str(home)], check=True)
    stamp.parent.mkdir(parents=True, exist_ok=True)
    return home / "bin" / "python", stamp, False


def setup_materialx() -> tuple[Path | None, str]:
    python, stamp, ready = fresh_venv("materialx")
    if not ready:
        for args in (("install", "-q", "--no-deps", "-r", str(lock_without("mkdocs-material", "mkdocs"))),
                     ("install", "-q", MATERIALX)):
            done = pip(python, *args)
            if done.returncode:
                return None, last_error(done.stdout + done.stderr)
        stamp.write_text(lock_digest("materialx") + f"\ninstalled {MATERIALX}\n")
    return python, stamp.read_text().split("\n")[1]


def setup_zensical() -> tuple[Path | None, str]:
    python, stamp, ready = fresh_venv("zensical")
    if not ready:
        versions = pip(python, "index", "versions", "zensical").stdout
        newest = re.search(r"zensical \(([^)]+)\)", versions).group(1)
        tried = pip(python, "install", "--dry-run", "-q", f"zensical=={newest}")
        note = (f"zensical {newest} does not install: {last_error(tried.stdout + tried.stderr)}; "
                if tried.returncode else "")
        done = pip(python, "install", "-q", "zensical")
        if done.returncode:
            return None, note + last_error(done.stdout + done.stderr)
        lock = pip(python, "install", "-q", "--no-deps", "-r", str(LOCK))
        if lock.returncode:
            return None, note + last_error(lock.stdout + lock.stderr)
        got = subprocess.run([str(python), "-m", "zensical", "--version"], capture_output=True, text=True)
        stamp.write_text(lock_digest("zensical") + f"\n{note}installed zensical {got.stdout.strip().split()[-1]}\n")
    return python, stamp.read_text().split("\n")[1]


def last_error(output: str) -> str:
    """The last line that names the error, for the results file."""
    lines = [line.strip() for line in output.splitlines()
             if line.strip() and not line.startswith("WARNING: Location")]
    errors = [line for line in lines if "Error" in line or line.startswith("ERROR")]
    return (errors or lines or ["(no output)"])[-1]


@dataclass
class Engine:
    """One engine: its environment, its clone of the project, its builds."""

    name: str
    python: Path | None
    installed: str
    command: tuple[str, ...] = ()
    project: Path | None = None
    site: Path | None = None
    times: list[float] = field(default_factory=list)
    error: str = ""
    unedited_error: str = ""


def clone(name: str) -> Path:
    dest = OUT / "work" / name
    shutil.rmtree(dest, ignore_errors=True)
    subprocess.run(["git", "clone", "-q", str(ROOT), str(dest)], check=True)
    return dest


def edit(path: Path, pattern: str, replacement: str) -> None:
    path.write_text(re.sub(pattern, replacement, path.read_text(), flags=re.S | re.M))


def clone_env(engine: Engine, **more: str) -> dict[str, str]:
    """The environment of a process working on the engine's clone: it imports the clone's packages."""
    return {**os.environ, **ENV, "PYTHONPATH": str(engine.project), **more}


def build_once(engine: Engine) -> tuple[int, float, str]:
    started = time.perf_counter()
    done = subprocess.run(engine.command, cwd=engine.project, env=clone_env(engine),
                          capture_output=True, text=True, check=False)
    return done.returncode, time.perf_counter() - started, done.stdout + done.stderr


def prepare(engine: Engine) -> None:
    """A clone for the engine, changed as that engine needs, and the command that builds it strictly."""
    engine.project = clone(engine.name)
    module = {"material": "mkdocs", "zensical": "zensical"}.get(engine.name, "properdocs")
    engine.command = (str(engine.python), "-m", module, "build", "--strict", "--clean", "-f", "mkdocs.yml")
    if module == "zensical":  # no -d: it builds into site_dir, site/ in the clone
        engine.site = engine.project / "site"
        returncode, _, output = build_once(engine)
        engine.unedited_error = last_error(output) if returncode else ""
        for path in (engine.project / "overrides").rglob("*.html"):
            for _, pattern, replacement in ZENSICAL_EDITS:
                edit(path, pattern, replacement)
        return
    engine.site = OUT / "work" / f"{engine.name}-site"
    engine.command += ("-d", str(engine.site))
    if engine.name == "materialx":
        edit(engine.project / "mkdocs.yml", r"^  name: material$", "  name: materialx")
        # The tests look for the ProperDocs environment here: for this option it is materialx's.
        (engine.project / ".venv-properdocs").symlink_to(engine.python.parent.parent)


def time_builds(engines: list[Engine], runs: int) -> None:
    """Strict builds, the engines taking turns; an engine whose build fails keeps its error and stops."""
    ready = [engine for engine in engines if engine.python is not None]
    for _ in range(runs):
        for engine in list(ready):
            returncode, seconds, output = build_once(engine)
            if returncode:
                engine.error, engine.times = last_error(output), []
                ready.remove(engine)
            else:
                engine.times.append(seconds)


class Assets(HTMLParser):
    """The stylesheets and scripts a page loads from its own site."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        url = attrs.get("href") if tag == "link" and attrs.get("rel") == "stylesheet" else attrs.get("src")
        if tag in ("link", "script") and url and "//" not in url:
            self.urls.append(url)


def page_weight(site: Path, url_path: str) -> str:
    """The article's HTML with the CSS and JS it loads: requests, bytes, gzipped bytes."""
    page = site / url_path / "index.html"
    parser = Assets()
    parser.feed(page.read_text(encoding="utf-8"))
    files = [page, *[(page.parent / url.split("?")[0]).resolve() for url in parser.urls]]
    present = [path for path in files if path.is_file()]
    raw = sum(path.stat().st_size for path in present)
    packed = sum(len(gzip.compress(path.read_bytes(), 6)) for path in present)
    missing = len(files) - len(present)
    return (f"{len(present)} files, {raw / 1024:.0f} KB, {packed / 1024:.0f} KB gzipped"
            + (f" ({missing} referenced but absent)" if missing else ""))


def what_the_hooks_left(site: Path) -> dict[str, str]:
    """Marks of our hooks in the built site: what a missing hook would take away."""
    pages = sorted(site.rglob("index.html"))
    article = (site / ARTICLE / "index.html").read_text(encoding="utf-8")
    return {
        "HTML pages": str(len(pages)),
        "Pagefind index (hooks/on_search.py)": "yes" if (site / "pagefind" / "pagefind.js").is_file() else "no",
        "Content-Security-Policy on the article (hooks/on_csp.py)": "yes" if "Content-Security-Policy" in article else "no",
        "support block on the article (hooks/on_support.py)": "yes" if "kb-support" in article else "no",
        "pages with a raw `{{ phone.` placeholder (the writers' guide shows one on purpose)": str(sum("{{ phone." in p.read_text(encoding="utf-8") for p in pages)),
    }


def split_suite(project: Path, parts: int) -> dict[str, list[str]]:
    """--split N: the browser tests, and the other test files dealt round-robin into N - 1 parts. They run
    side by side, each in a session of its own: with the kernel's autogroup, one session gets one share of
    a busy machine however many processes it starts."""
    files = sorted(path.relative_to(project).as_posix() for path in (project / "tests").glob("test_*.py"))
    rest = [files[start::parts - 1] for start in range(parts - 1)]
    return {"browser tests": ["tests/browser"],
            **{f"other tests, part {n + 1} of {parts - 1}": chunk for n, chunk in enumerate(rest) if chunk}}


def run_suites(engine: Engine, parts: dict[str, list[str]], timeout: int) -> dict[str, tuple]:
    """Each part of the suite (pytest arguments) from the engine's clone, side by side: its summary line, its
    failures, its log, its arguments.

    A log is written as its tests run (tail it to follow a run). COLUMNS is wide so that pytest's short
    summary keeps each failure's message; on the timeout a part's whole session goes (browsers, servers)."""
    env = clone_env(engine, KB_ENGINE="properdocs" if engine.name == "materialx" else engine.name, COLUMNS="400")
    deadline, running = time.monotonic() + timeout, {}
    for number, (part, tests) in enumerate(parts.items()):
        log = OUT / f"{engine.name}{'-' + str(number + 1) if len(parts) > 1 else ''}-pytest.log"
        out = log.open("w")
        running[part] = log, out, subprocess.Popen(
            [str(engine.python), "-m", "pytest", "-p", "no:cacheprovider", "-q", "-rfE", "--color=no", *tests],
            cwd=engine.project, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    results = {}
    for part, (log, out, tests_run) in running.items():
        try:
            tests_run.wait(max(1.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            os.killpg(tests_run.pid, signal.SIGKILL)
            tests_run.wait()
            out.write(f"\nstopped after {timeout} s\n")
        out.close()
        lines = log.read_text(errors="replace").splitlines()
        summary = next((line.strip("= ") for line in reversed(lines)
                        if re.search(r"\d+ (passed|failed|error)", line)), lines[-1] if lines else "(no output)")
        results[part] = summary, [line for line in lines if line.startswith(("FAILED ", "ERROR "))], log, parts[part]
    return results


def grouped(failures: list[str]) -> list[str]:
    """Failures grouped by their short message (numbers and paths folded), largest group first."""
    groups: dict[str, list[str]] = {}
    for line in failures:
        test, _, message = line.split(" ", 1)[1].partition(" - ")
        key = re.sub(r"/[\w./-]+", "PATH", re.sub(r"\d+", "N", message))[:140] or "(no message)"
        groups.setdefault(key, []).append(test)
    ordered = sorted(groups.items(), key=lambda item: -len(item[1]))
    return [f"- {len(tests)} x `{key}`: {', '.join(sorted(tests)[:4])}{' ...' if len(tests) > 4 else ''}"
            for key, tests in ordered]


def by_file(failures: list[str]) -> str:
    counts = Counter(line.split(" ", 1)[1].split("::")[0] for line in failures)
    return ", ".join(f"{name} {count}" for name, count in counts.most_common())


def report(engines: list[Engine], suites: dict[str, tuple], started: tuple[datetime, float, str]) -> str:
    """bench/results/engines.md."""
    base = statistics.median(engines[0].times) if engines[0].times else None
    lines = ["# Engines: this site on Material, ProperDocs, mkdocs-materialx and Zensical (bench/engines.py)", "",
             f"- machine: {machine()}",
             f"- run: {started[0]:%Y-%m-%d %H:%M} to {datetime.now(timezone.utc):%H:%M} UTC, "
             f"load average (1 min) {started[1]:.1f} at the start, {os.getloadavg()[0]:.1f} at the end",
             f"- project: a `git clone` of commit {started[2]}; article `{ARTICLE}`", "",
             "| engine | installed | strict build | build time (median of 3) | article page weight |",
             "| --- | --- | --- | --- | --- |"]
    for engine in engines:
        if engine.python is None:
            lines.append(f"| {engine.name} | no: {engine.installed} | - | - | - |")
            continue
        ok = bool(engine.times)
        seconds = statistics.median(engine.times) if ok else None
        ratio = f" ({seconds / base:.2f}x Material)" if ok and base and engine is not engines[0] else ""
        lines.append(f"| {engine.name} | {engine.installed} | {'passes' if ok else 'fails: ' + engine.error} | "
                     f"{f'{seconds:.2f} s{ratio}' if ok else '-'} | {page_weight(engine.site, ARTICLE) if ok else '-'} |")
    zensical = next((e for e in engines if e.name == "zensical" and e.python), None)
    if zensical:
        lines += ["", f"Zensical on the unchanged project: `{zensical.unedited_error or 'builds'}`. "
                  "Edits made to its copy of overrides/ before the timed builds:",
                  *[f"- {why}" for why, _, _ in ZENSICAL_EDITS]]
    built = [e for e in engines if e.times]
    marks = {e.name: what_the_hooks_left(e.site) for e in built}
    if marks:
        lines += ["", "## What our hooks left in each built site", "",
                  "| mark | " + " | ".join(marks) + " |", "|---" * (len(marks) + 1) + "|"]
        lines += [f"| {mark} | " + " | ".join(m[mark] for m in marks.values()) + " |" for mark in next(iter(marks.values()))]
    for name, (summary, failures, log, tests) in suites.items():
        lines += ["", f"## Test suite on {name}", "",
                  f"`{summary}` (pytest arguments: `{' '.join(tests)}`; full output: {log.relative_to(ROOT)})", ""]
        if failures:
            lines += [f"Failures by file: {by_file(failures)}.", "", "Grouped by message:", "", *grouped(failures)]
    return "\n".join(lines) + "\n"


def git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-tests", action="store_true", help="skip the two test-suite runs")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--split", type=int, default=0, metavar="N",
                        help="run the suite as N parts side by side (the browser tests, and N - 1 parts of the rest)")
    parser.add_argument("--suite-minutes", type=int, default=90, help="stop a test suite after this long")
    parser.add_argument("--tests", nargs="+", default=[], metavar="PATH",
                        help="run these test files on each candidate instead of the whole suite")
    parser.add_argument("--properdocs", type=Path, default=ROOT / ".venv-properdocs" / "bin" / "python",
                        help="the Python of the ProperDocs environment (a worktree can name another checkout's)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "engines.md")
    args = parser.parse_args()
    # The clones are made from the commit checked out now; the run may outlast it.
    started = datetime.now(timezone.utc), os.getloadavg()[0], git("rev-parse", "--short", "HEAD")
    OUT.mkdir(parents=True, exist_ok=True)
    engines = [Engine("material", Path(sys.executable), "mkdocs-material 9.8.2 (requirements.lock)"),
               Engine("properdocs", args.properdocs,
                      "Material 9.8.2 on ProperDocs 1.6.7 (.venv-properdocs)"),
               Engine("materialx", *setup_materialx()), Engine("zensical", *setup_zensical())]
    for engine in engines:
        if engine.python is not None and engine.python.exists():
            print(f"preparing {engine.name}", flush=True)
            prepare(engine)
        elif engine.python is not None:
            engine.python, engine.installed = None, f"{engine.python} is missing (make test makes it)"
    time_builds(engines, args.runs)
    suites = {}
    for engine in engines:
        if not args.no_tests and engine.name in ("materialx", "zensical") and engine.python is not None:
            print(f"test suite on {engine.name}", flush=True)
            parts = ({"the files named": args.tests} if args.tests else split_suite(engine.project, args.split)
                     if args.split > 1 else {"the whole suite": ["tests"]})
            for part, result in run_suites(engine, parts, args.suite_minutes * 60).items():
                suites[f"{engine.name}: {part}"] = result
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report(engines, suites, started), encoding="utf-8")
    print(f"written: {args.out}")


if __name__ == "__main__":
    main()
