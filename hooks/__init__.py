"""Knowledge Base checks and build hooks.

The checks are plain functions (text in, findings out) that import nothing from
MkDocs. The MkDocs hook modules (`hooks/on_*.py`) and the writers' command
(`python -m hooks check`) both call them.
"""

import logging
import os


def usable_cores() -> int:
    """The cores this process may run on (fewer than the machine's under a CPU limit)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def engine_loggers(name: str) -> list:
    """The engine's logger `name` ("config", "structure.pages"): MkDocs' (mkdocs.NAME) and ProperDocs'
    (properdocs.NAME), which logs the same records under its own name. A filter goes on both."""
    return [logging.getLogger(f"{engine}.{name}") for engine in ("mkdocs", "properdocs")]
