"""A folder's files and their bytes, to compare two builds or a folder before and after a command."""

from __future__ import annotations

from pathlib import Path


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below `folder` with its bytes, by its path under it (with / between folders)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
