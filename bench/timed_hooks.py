"""`mkdocs` (or `properdocs`, with KB_ENGINE=properdocs) with a stopwatch on each of our hooks: how long the build spends in them.

    python bench/timed_hooks.py build --strict -f mkdocs.yml -d site

Runs the MkDocs command line unchanged, except that each hook file (the `hooks:` list of
mkdocs.yml) is timed, wall clock: its import, with the modules it imports first, and every
event function of it as MkDocs calls it. At exit it prints one line to stderr, read by
bench/scale.py:

    hook time: 0.61 s in all; hooks/on_csp.py 0.21, hooks/on_search.py 1.85, ...

This is the hooks' own time within the same build, so, unlike the difference between a
build with them and one without, it does not move with the machine's speed between builds.
It leaves out what runs elsewhere because of them: the phone-link Markdown extension that
hooks/on_support.py adds (inside Python-Markdown), what the templates draw from the data the
hooks give them (dates, the support block), and Python's teardown of a larger process.
Only the one-process build (KB_BUILD_PROCESSES=1) is timed this way: with more processes,
each worker's hooks would run, and be timed, in that worker.
"""

from __future__ import annotations

import atexit
import functools
import os
import sys
import time
from collections import defaultdict

# The engine, as tests/sitebuild.py picks it. With KB_ENGINE=properdocs, ProperDocs' redirect sends every
# `mkdocs` import to ProperDocs, whether or not the environment also holds the mkdocs package.
ENGINE = os.environ.get("KB_ENGINE") or "mkdocs"
if ENGINE == "properdocs":
    import properdocs.replacement  # noqa: F401

from mkdocs.config.config_options import Hooks  # noqa: E402
from mkdocs.plugins import CombinedEvent, PluginCollection  # noqa: E402

spent: dict[str, float] = defaultdict(float)
_register_event = PluginCollection._register_event
_load_hook = Hooks._load_hook


def timed(method, hook: str):
    """The event function, adding its wall time to `spent[hook]` on each call."""
    @functools.wraps(method)  # keeps mkdocs_priority
    def event(*args, **kwargs):
        start = time.perf_counter()
        try:
            return method(*args, **kwargs)
        finally:
            spent[hook] += time.perf_counter() - start
    return event


def register_timed(self, event_name, method, plugin_name=None):
    """MkDocs' registration, with a stopwatch on the events of hook files."""
    # A CombinedEvent comes back here once per method it holds.
    if plugin_name and plugin_name.endswith(".py") and not isinstance(method, CombinedEvent):
        method = timed(method, plugin_name)
    return _register_event(self, event_name, method, plugin_name=plugin_name)


def load_timed(self, name, path):
    """MkDocs' import of a hook file, timed."""
    start = time.perf_counter()
    try:
        return _load_hook(self, name, path)
    finally:
        spent[name] += time.perf_counter() - start


def report() -> None:
    """The line bench/scale.py reads."""
    by_hook = ", ".join(f"{hook} {seconds:.2f}" for hook, seconds in sorted(spent.items()))
    print(f"hook time: {sum(spent.values()):.2f} s in all; {by_hook}", file=sys.stderr, flush=True)


def main() -> None:
    """Run the MkDocs command line with timed hooks."""
    PluginCollection._register_event = register_timed
    Hooks._load_hook = load_timed
    atexit.register(report)
    # As `python -m mkdocs` does: the working folder first, so that its `hooks` package is the one imported.
    sys.path[0] = os.getcwd()
    sys.argv[0] = ENGINE
    from mkdocs.__main__ import cli
    cli()


if __name__ == "__main__":
    main()
