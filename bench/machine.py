"""Where a benchmark ran, printed beside its figures."""

from __future__ import annotations

import os
import platform
from pathlib import Path


def machine() -> str:
    """Architecture, core count, CPU model and Python version, for the results file."""
    cpuinfo = Path("/proc/cpuinfo")
    lines = cpuinfo.read_text().splitlines() if cpuinfo.exists() else []
    model = next((line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")),
                 platform.processor() or "unknown CPU")
    return f"{platform.machine()}, {os.cpu_count()} cores, {model}, Python {platform.python_version()}"
