"""`make build`: build into a temporary folder beside site/, and swap it in only on success.

A strict build that fails part-way leaves pages behind in its output folder (see
stack-facts.md), so the build never writes into site/ itself: site/ is either the last
good build or the new one, never half of each.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def swap_in(new: Path, site: Path) -> None:
    """Put the folder `new` in the place of `site`; the old site/ is removed only once `new` is in."""
    if not site.exists():
        new.rename(site)
        return
    old = Path(tempfile.mkdtemp(dir=site.parent, prefix=f".{site.name}-old-"))
    old.rmdir()
    site.rename(old)
    try:
        new.rename(site)
    except OSError:
        old.rename(site)
        raise
    shutil.rmtree(old)


def build_atomically(site: Path, engine: str, config: Path) -> int:
    """Run `python -m ENGINE build --strict` into a new folder beside `site`; swap it in if it exits 0."""
    site = site.absolute()
    site.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=site.parent, prefix=f".{site.name}-new-"))
    staging.chmod(0o755)  # mkdtemp makes it private; site/ must stay readable by a web server
    try:
        result = subprocess.run(
            [sys.executable, "-m", engine, "build", "--strict", "--clean",
             "--config-file", str(config), "--site-dir", str(staging)],
            check=False,
        )
        if result.returncode != 0:
            kept = "left as it was (the last good build)" if site.exists() else "not created"
            print(f"{site.name}/: the build failed, so {site.name}/ is {kept}; fix the first warning above and build again",
                  file=sys.stderr)
            return result.returncode
        swap_in(staging, site)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    print(f"{site.name}/: replaced with the new build", file=sys.stderr)
    return 0
