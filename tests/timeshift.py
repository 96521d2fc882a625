"""Run a module's command line with the clock moved: `python tests/timeshift.py ISO-TIME MODULE ARGS...`.

time-machine moves the clock inside this process only (every `time.time()` and
`datetime.now()`), so the build itself runs for real, just "on another day".
"""

from __future__ import annotations

import runpy
import sys

import time_machine

if __name__ == "__main__":
    when, module, *args = sys.argv[1:]
    sys.argv = [module, *args]
    with time_machine.travel(when, tick=True):
        runpy.run_module(module, run_name="__main__", alter_sys=True)
