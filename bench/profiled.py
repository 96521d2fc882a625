"""Run `python -m MODULE ARGS...` under cProfile and write its stats to OUT when it exits (SIGTERM included).

    python bench/profiled.py OUT python -m feedback serve ...

bench/feedback_profile.py passes it as the collector's wrapper; only the main thread (the event
loop) is profiled, which is where a collector spends its CPU.
"""

from __future__ import annotations

import cProfile
import os
import runpy
import signal
import sys


def main() -> None:
    out, _python, flag, module, *arguments = sys.argv[1:]
    if flag != "-m":
        raise SystemExit("usage: python bench/profiled.py OUT python -m MODULE ARGS...")
    sys.argv = [module, *arguments]
    sys.path[0] = os.getcwd()  # as `python -m` has it: the module of the working folder, not an installed one
    # uvicorn raises SIGTERM again after its graceful shutdown, under the handler it found: this one,
    # which ends the run in Python so the stats are written.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    profiler = cProfile.Profile()
    profiler.enable()
    try:
        runpy.run_module(module, run_name="__main__", alter_sys=True)
    except SystemExit:
        pass
    finally:
        profiler.disable()
        profiler.dump_stats(out)


if __name__ == "__main__":
    main()
