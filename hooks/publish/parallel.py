"""`mkdocs build` on every core: each process renders and writes its share of the pages.

MkDocs builds one page after another, so a 1,000-article build leaves all cores but one idle.
Once the navigation is known, the build forks one worker per extra core. Every process then
runs MkDocs' own page steps (Markdown, checks, template, minifier, policy, writing) for its
share of the pages and skips the others, so each page is made exactly as a one-process build
makes it:

- Before the templates run, the processes swap what a template reads of a page it does not
  render (title, front matter, anchors, date: `SHARED`), so the navigation, category lists,
  sitemap and anchor checks see every page.
- A worker prints nothing itself: its log records go to the main process, which hands them to
  its own handlers, so messages, colours and `--strict`'s count of warnings are those of one
  build. A worker's error is raised again by the main process, word for word.
- Site-wide files (theme assets, 404 page, sitemap, search index, redirects) are written by the
  main process only, after every worker has finished.

MkDocs has no setting for this: the two page steps of `mkdocs.commands.build` are wrapped for
the length of the build. `KB_BUILD_PROCESSES=1` builds in one process. So does an engine, a
version or a page step this was not written for, or a system without fork(): the build then
says why in one line (`one_process_reason`).
"""

from __future__ import annotations

import gc
import inspect
import logging
import os
import signal
import sys
import traceback
from importlib.metadata import PackageNotFoundError, version
from multiprocessing.connection import Connection, Pipe
from types import ModuleType

from mkdocs.commands import build as mkdocs_build
from mkdocs.exceptions import BuildError, PluginError
from mkdocs.structure.files import InclusionLevel

from hooks import usable_cores
from hooks.state import SHARED_ACROSS_PROCESSES

SHARED = SHARED_ACROSS_PROCESSES
PROCESSES_VARIABLE = "KB_BUILD_PROCESSES"
# The engines whose build() was read for this, by version prefix, and the parameters of the page
# steps it wraps: another version may call them differently, or not through the module at all.
ENGINES = {"mkdocs": "1.6.", "properdocs": "1.6."}
PAGE_STEPS = {"_populate_page": ("page", "config", "files", "dirty"),
              "_build_page": ("page", "config", "doc_files", "nav", "env", "dirty", "excluded")}
# Python collects its young objects every 700 allocations by default. A build allocates millions
# (Markdown's and Jinja's short-lived trees) while it holds every page: its collections took 5% of
# a 1,000-article build's CPU time and 6% at 3,000; this threshold halves that.
COLLECT_EVERY = 10_000


def process_count(environ=os.environ) -> int:
    """How many processes build the pages: KB_BUILD_PROCESSES, or one per core this process may use."""
    setting = environ.get(PROCESSES_VARIABLE, "").strip()
    if setting:
        if not setting.isdigit() or int(setting) < 1:
            raise PluginError(f"{PROCESSES_VARIABLE}={setting!r}: write a whole number of processes, 1 or more "
                              "(1 builds in one process)")
        return int(setting)
    return usable_cores()


def one_process_reason(build_module: ModuleType = mkdocs_build, can_fork: bool = hasattr(os, "fork")) -> str | None:
    """Why the pages must be built in one process here, or None when they can be split."""
    if not can_fork:
        return "this system has no fork()"
    engine = build_module.__name__.partition(".")[0]
    try:
        installed = f"{engine} {version(engine)}"
    except PackageNotFoundError:
        installed = engine
    if not installed.startswith(f"{engine} {ENGINES.get(engine, '?')}"):
        return f"{installed} is not MkDocs or ProperDocs 1.6, whose page steps this build wraps"
    for name, parameters in PAGE_STEPS.items():
        step = getattr(build_module, name, None)
        if not callable(step):
            return f"{installed} has no {name}()"
        if tuple(inspect.signature(step).parameters) != parameters:
            return f"{installed}'s {name}() takes other arguments than {', '.join(parameters)}"
        if name not in build_module.build.__code__.co_names:
            return f"{installed}'s build() does not call {name}() through its module"
    return None


def quiet_collector() -> tuple[int, int, int]:
    """Before the pages: keep what the build has made so far (config, theme, navigation) out of the
    collector's passes, which would scan it again at each one (and, in a forked worker, copy its memory
    by touching it), and collect less often. Returns the thresholds to restore."""
    previous = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(COLLECT_EVERY, *previous[1:])
    return previous


def restore_collector(previous: tuple[int, int, int]) -> None:
    """The collector as it was before quiet_collector()."""
    gc.unfreeze()
    gc.set_threshold(*previous)


def share(items: list, rank: int, processes: int) -> list:
    """The items process `rank` of `processes` handles: every processes-th one, so long categories are split too."""
    return items[rank::processes]


def shared_state(pages) -> dict[str, dict]:
    """What other processes need of these (rendered) pages, by source path."""
    return {page.file.src_uri: {name: getattr(page, name) for name in SHARED} for page in pages}


def apply_state(files, state: dict[str, dict]) -> None:
    """Give the pages rendered elsewhere what their process found."""
    for src_uri, values in state.items():
        page = files.get_file_from_path(src_uri).page
        for name, value in values.items():
            setattr(page, name, value)


class Forwarder(logging.Handler):
    """In a worker, in place of one logger's handlers: keeps each record for the main process."""

    def __init__(self, logger_name: str, records: list):
        super().__init__()
        self.logger_name = logger_name
        self.records = records

    def emit(self, record: logging.LogRecord) -> None:
        record.msg = record.getMessage()  # arguments may not survive pickling; their text does
        record.args = None
        if record.exc_info:
            record.exc_text = "".join(traceback.format_exception(*record.exc_info)).rstrip()
            record.exc_info = None
        self.records.append((self.logger_name, record))


def forward_logging(records: list) -> None:
    """Send every log record of this (worker) process to `records` instead of the terminal."""
    loggers = [logging.getLogger()] + [logger for logger in logging.Logger.manager.loggerDict.values()
                                       if isinstance(logger, logging.Logger)]
    for logger in loggers:
        if logger.handlers:
            logger.handlers = [Forwarder(logger.name if logger.parent else "", records)]


def replay(records: list) -> None:
    """Hand a worker's log records to this process's handlers, as if they were logged here."""
    for logger_name, record in records:
        for handler in logging.getLogger(logger_name).handlers:
            if record.levelno >= handler.level:
                handler.handle(record)


class PageBuild:
    """The processes of one `mkdocs build` and the pages each one renders."""

    def __init__(self) -> None:
        self.rank = 0  # 0: the main process
        self.workers: list[tuple[int, Connection]] = []  # (pid, connection), in the main process
        self.channel: Connection | None = None  # to the main process, in a worker
        self.records: list = []  # a worker's log records not sent yet
        self.mine: set[str] = set()
        self.originals = (mkdocs_build._populate_page, mkdocs_build._build_page)
        self.collector: tuple[int, int, int] | None = None  # the thresholds to restore, once quieted

    def start(self, files, processes: int) -> None:
        """Fork the workers and wrap MkDocs' page steps so this process makes only its share."""
        pages = [file.src_uri for file in files.documentation_pages(inclusion=InclusionLevel.is_included)]
        self.collector = quiet_collector()  # before the fork, so that every process has it
        if processes < 2 or len(pages) < processes:
            return
        sys.stdout.flush()
        sys.stderr.flush()
        for rank in range(1, processes):
            main_end, worker_end = Pipe()
            pid = os.fork()
            if pid == 0:
                main_end.close()  # else a worker would wait forever for a main process that died
                self.become_worker(rank, worker_end)
                break
            worker_end.close()
            self.workers.append((pid, main_end))
        self.mine = set(share(pages, self.rank, processes))
        self.wrap_page_steps()

    def become_worker(self, rank: int, channel: Connection) -> None:
        """Set up this forked process as worker `rank`."""
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C stops the main process; a worker just ends
        for _, other in self.workers:
            other.close()
        self.workers = []
        self.rank, self.channel = rank, channel
        forward_logging(self.records)

    def wrap_page_steps(self) -> None:
        """MkDocs' read-and-render and template-and-write steps, for this process's pages only."""
        populate, build_page = self.originals

        def populate_mine(page, *args, **kwargs):
            if page.file.src_uri in self.mine:
                populate(page, *args, **kwargs)

        def build_mine(page, *args, **kwargs):
            if page.file.src_uri in self.mine:
                build_page(page, *args, **kwargs)

        mkdocs_build._populate_page, mkdocs_build._build_page = populate_mine, build_mine

    @property
    def parallel(self) -> bool:
        return bool(self.workers or self.channel)

    def exchange(self, files, config) -> None:
        """After every process has rendered its pages: share what templates read of them."""
        if not self.parallel:
            return
        state = shared_state(files.get_file_from_path(src).page for src in sorted(self.mine))
        if self.channel:  # a worker: send first, then receive everyone's
            self.send("pages", state)
            apply_state(files, self.channel.recv())
            # Site-wide files are the main process's; a worker writes only its pages.
            for file in files:
                if not file.is_documentation_page():
                    file.inclusion = InclusionLevel.EXCLUDED
            config.theme.static_templates.clear()
            config.extra_templates.clear()
            return
        everyone = dict(state)
        for _, connection in self.workers:
            everyone.update(self.receive(connection, "pages"))
        apply_state(files, everyone)
        for _, connection in self.workers:
            connection.send(everyone)

    def finish(self) -> None:
        """After the pages: a worker reports and ends; the main process waits for every worker."""
        if self.channel:
            self.send("done", None)
            os._exit(0)
        try:
            for _, connection in self.workers:
                self.receive(connection, "done")
        finally:
            self.stop_workers()

    def fail(self, error: Exception) -> None:
        """The build failed in this process: a worker reports why and ends; the main process stops the workers."""
        if self.channel:
            reason = ("build", str(error)) if isinstance(error, BuildError) else \
                ("crash", "".join(traceback.format_exception(error)).rstrip())
            try:
                self.send("failed", reason)
            except OSError:
                pass  # the main process is gone: nobody to tell
            os._exit(1)
        self.stop_workers()

    def send(self, kind: str, payload) -> None:
        """From a worker: the log records so far, then a message."""
        records, self.records[:] = list(self.records), []
        self.channel.send((kind, records, payload))

    def receive(self, connection: Connection, expected: str):
        """In the main process: a worker's records (replayed here), then its message, or its error raised here."""
        try:
            kind, records, payload = connection.recv()
        except EOFError:
            raise PluginError("a build process ended without finishing its pages; build again") from None
        replay(records)
        if kind == "failed":
            reason, text = payload
            if reason == "build":
                raise PluginError(text)
            raise RuntimeError(f"a build process failed:\n{text}")
        assert kind == expected, (kind, expected)
        return payload

    def stop_workers(self) -> None:
        """End the workers (already ended after a good build) and restore MkDocs' page steps."""
        for pid, connection in self.workers:
            connection.close()
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            os.waitpid(pid, 0)
        self.workers = []
        mkdocs_build._populate_page, mkdocs_build._build_page = self.originals
        if self.collector:
            restore_collector(self.collector)
            self.collector = None
