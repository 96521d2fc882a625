"""Sources are sacred: building, serving and checking never change a file under docs/."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.ports import free_port
from tests.sitebuild import build

MISNUMBERED = "---\ntitle: T\ndescription: D\n---\n\n# T\n\n1. Open Mail.\n3. Click Save.\n"


def digests(docs: Path) -> dict[str, str]:
    """The SHA-256 of every file under `docs`, with its mode, by path; symbolic links by their target."""
    found = {}
    for path in sorted(docs.rglob("*")):
        if path.is_symlink():
            found[path.relative_to(docs).as_posix()] = "link:" + os.readlink(path)
        elif path.is_file():
            found[path.relative_to(docs).as_posix()] = f"{path.stat().st_mode:o}:" + hashlib.sha256(
                path.read_bytes()).hexdigest()
    return found


def serve_and_fetch(project: Path, url_path: str) -> str:
    """Start `mkdocs serve` on the project, fetch one page, stop the server; the page's HTML."""
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--no-livereload", "--no-strict", "-f",
                               str(project / "mkdocs.yml"), "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/{url_path}", timeout=10) as response:
                    return response.read().decode("utf-8")
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_build_serve_check_and_fix_change_nothing_under_docs_but_the_fixed_file(project_copy, tmp_path):
    """With a finding in the tree (a misnumbered step, a file that is not UTF-8, a link out of
    docs/), the strict build, `mkdocs serve` and the checks leave every byte under docs/ alone;
    `--fix` changes exactly the one file it repairs, and nothing else."""
    docs = project_copy / "docs"
    (docs / "domains/steps.md").write_text(MISNUMBERED, encoding="utf-8")
    (docs / "domains/latin.md").write_bytes(b"# Caf\xe9\n")
    (project_copy / "secret.md").write_text("# Secret\n", encoding="utf-8")
    (docs / "domains/secret.md").symlink_to(project_copy / "secret.md")
    before = digests(docs)

    assert build(project_copy, tmp_path / "site").returncode == 1
    assert build(project_copy, tmp_path / "site-lax", "--no-strict").returncode == 0
    assert "Why DNS changes take time" in serve_and_fetch(project_copy, "domains/dns-propagation/")
    environment = {**os.environ, "PYTHONPATH": str(project_copy)}
    checked = subprocess.run([sys.executable, "-m", "hooks", "check"], cwd=project_copy, env=environment,
                             capture_output=True, text=True, check=False)
    assert checked.returncode == 2 and "KB101" in checked.stdout
    assert digests(docs) == before

    fixed = subprocess.run([sys.executable, "-m", "hooks", "check", "--fix"], cwd=project_copy, env=environment,
                           capture_output=True, text=True, check=False)
    assert "docs/domains/steps.md: fixed" in fixed.stdout
    after = digests(docs)
    assert {path for path in before if after[path] != before[path]} == {"domains/steps.md"}
    assert (docs / "domains/steps.md").read_text(encoding="utf-8") == MISNUMBERED.replace("3. Click", "2. Click")
