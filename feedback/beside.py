"""Run the collector beside another command (the live preview) and stop it with that command.

Ctrl-C in the terminal reaches the whole process group; SIGTERM to this process is passed on.
If a collector already answers on the port (`make feedback` in another terminal), it is used.
"""

from __future__ import annotations

import ctypes
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

START_TIMEOUT = 15.0
STOP_TIMEOUT = 5.0
PR_SET_PDEATHSIG = 1


def is_running(base_url: str) -> bool:
    """True when a collector answers GET /api/health at `base_url`, ready or not.

    Not ready (503) is normal here: the preview that serves the sitemap starts after it.
    """
    try:
        with urllib.request.urlopen(f"{base_url}/api/health", timeout=1) as response:
            return response.status == 200
    except urllib.error.HTTPError as error:
        with error:
            return error.code == 503 and json_status(error.read()) == "not_ready"
    except OSError:
        return False


def json_status(body: bytes) -> str | None:
    """The `status` of a health answer, None when it is not one."""
    try:
        answer = json.loads(body)
    except ValueError:
        return None
    return answer.get("status") if isinstance(answer, dict) else None


def _die_with_parent() -> None:
    """In the child: get SIGTERM when the parent dies, even by SIGKILL (Linux)."""
    try:
        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        pass


def start_collector(serve_args: list[str], base_url: str) -> subprocess.Popen:
    """Start `python -m feedback serve ARGS` and wait until it answers; exit if it cannot start."""
    process = subprocess.Popen([sys.executable, "-m", "feedback", "serve", *serve_args], preexec_fn=_die_with_parent)
    deadline = time.monotonic() + START_TIMEOUT
    while not is_running(base_url):
        if process.poll() is not None or time.monotonic() > deadline:
            stop(process)
            sys.exit(f"feedback: the collector did not start on {base_url}; see the lines above")
        time.sleep(0.1)
    return process


def stop(process: subprocess.Popen) -> None:
    """Ask `process` to stop, then kill it if it has not within STOP_TIMEOUT."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _interrupt(signum, frame) -> None:
    """SIGTERM stops both processes the way Ctrl-C does."""
    raise KeyboardInterrupt


def run_beside(serve_args: list[str], base_url: str, command: list[str]) -> int:
    """Run `command` with KB_COLLECTOR_URL set, the collector running until it ends."""
    collector = None
    if is_running(base_url):
        print(f"feedback: using the collector already running at {base_url}", file=sys.stderr)
    else:
        collector = start_collector(serve_args, base_url)
        print(f"feedback: collector running at {base_url}", file=sys.stderr)
    signal.signal(signal.SIGTERM, _interrupt)
    env = {**os.environ, "KB_COLLECTOR_URL": f"{base_url}/api"}
    main = subprocess.Popen(command, env=env, preexec_fn=_die_with_parent)
    try:
        return main.wait()
    except KeyboardInterrupt:
        stop(main)
        return 130
    finally:
        if collector is not None:
            stop(collector)
