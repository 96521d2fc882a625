"""The writers' checks of a whole `mkdocs build`, in a process of their own, at low priority.

The checks read the sources, not the rendered pages, so in a build they need neither wait for
the pages nor hold them up. Once the files are known, one process is forked for them and
lowered in priority (`nice`): the processes that make pages come first, and the checks take
what is left, above all the core that stays idle while Pagefind, which runs on one core,
indexes the built site. The findings come back at the end of the build, in page order.
"""

from __future__ import annotations

import multiprocessing
import os
import traceback

from hooks.checks.engine import check_text
from hooks.checks.findings import Finding
from hooks.checks.source import Settings

# How far below the page-making processes the checks run (0 is the same priority, 19 the lowest).
# At 10 they still took about a fifth of a core from the pages (1,000 articles: they ran from
# the start of the pages to their end); at 19 they run mostly while Pagefind leaves a core idle,
# and still end before it.
NICENESS = 19


class ChecksStopped(RuntimeError):
    """The checks' process ended without its findings; the message says why."""


def check_files(files, settings: Settings) -> list[tuple[str, list[Finding]]]:
    """(path as the writer sees it, findings) for each MkDocs file, in the files' order."""
    return [(os.path.relpath(file.abs_src_path), check_text(file.content_string, settings.for_page(file.src_uri)))
            for file in files]


def _check_and_send(files, settings: Settings, channel) -> None:
    """In the checks' process: lower its priority, check, send the findings or the crash."""
    os.nice(NICENESS)
    try:
        channel.send(("findings", check_files(files, settings)))
    except Exception as error:  # a crash in a rule: its traceback goes to the build's error
        channel.send(("crash", "".join(traceback.format_exception(error)).rstrip()))
    channel.close()


class ChecksBeside:
    """The checks of `files`, running in a forked process from creation on."""

    def __init__(self, files, settings: Settings):
        context = multiprocessing.get_context("fork")  # the files and settings are inherited, not pickled
        self._owner = os.getpid()
        self._results, sending = context.Pipe(duplex=False)
        self._process = context.Process(target=_check_and_send, args=(list(files), settings, sending), daemon=True)
        self._process.start()
        sending.close()

    def findings(self) -> list[tuple[str, list[Finding]]]:
        """Wait for the findings; raises ChecksStopped if the process crashed or died."""
        try:
            kind, payload = self._results.recv()
        except EOFError:
            raise ChecksStopped("the writers' checks stopped without a result; build again") from None
        finally:
            self._process.join()
        if kind == "crash":
            raise ChecksStopped(f"the writers' checks failed:\n{payload}")
        return payload

    def stop(self) -> None:
        """End the checks early (the build failed). Only the process that started them may."""
        if os.getpid() == self._owner and self._process.is_alive():
            self._process.kill()
            self._process.join()
