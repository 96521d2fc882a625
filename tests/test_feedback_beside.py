"""`make serve`: the collector runs beside the live preview, and Ctrl-C stops both.

Runs the same command as the Makefile (`python -m feedback beside ... -- mkdocs serve`) on free
ports, in its own process group, as a terminal would.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.collector import Collector
from tests.ports import free_port
from tests.conftest import soup
from tests.sitebuild import ENGINE, ROOT

STOP_TIMEOUT = 20
LOG = "beside.log"


def process_group(pgid: int) -> list[int]:
    """The live (not zombie) processes of group `pgid`."""
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            members.append(int(stat.parent.name))
    return members


def wait_for(url: str, timeout: float) -> str:
    """The body at `url` once it answers."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read().decode()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def answers(collector: Collector) -> bool:
    try:
        return collector.is_up()
    except OSError:
        return False


def stopped(process: subprocess.Popen, log: Path) -> None:
    """Wait for `make serve` to stop; if it does not in time, kill its whole group so no test leaves it running,
    and fail with the end of its log (what it was doing when it did not stop)."""
    try:
        process.wait(STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        group = process_group(process.pid)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        tail = "".join(log.read_text(errors="replace").splitlines(keepends=True)[-15:])
        raise AssertionError(f"not stopped in {STOP_TIMEOUT} s; still running: {group}; its log ended:\n{tail}")


def as_in_a_terminal() -> None:
    """Ctrl-C reaches `make serve` as in a terminal: a job started in the background (`.ci/run &`) inherits
    SIGINT ignored, and Python then leaves it ignored."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def beside(tmp_path: Path, preview: int, port: int, *command: str) -> subprocess.Popen:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("KB_COLLECTOR_URL", None)
    # The log goes to a file: a pipe nobody reads fills up and blocks every process writing to it.
    with open(tmp_path / LOG, "w") as log:
        return subprocess.Popen(
            [sys.executable, "-m", "feedback", "beside", "--port", str(port), "--db", str(tmp_path / "fb.sqlite3"),
             "--origin", f"http://127.0.0.1:{preview}", "--sitemap", f"http://127.0.0.1:{preview}/sitemap.xml",
             "--", *command],
            cwd=ROOT, env=env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=log, preexec_fn=as_in_a_terminal)


def test_the_preview_posts_to_the_collector_beside_it_and_ctrl_c_stops_both(tmp_path):
    preview, port = free_port(), free_port()
    process = beside(tmp_path, preview, port, sys.executable, "-m", ENGINE, "serve", "--dev-addr",
                     f"127.0.0.1:{preview}")
    try:
        html = wait_for(f"http://127.0.0.1:{preview}/email-setup/outlook/", 120)
        endpoint = soup(html).select_one("form.kb-feedback")["data-endpoint"]
        assert endpoint == f"http://127.0.0.1:{port}/api/feedback"  # derived from KB_COLLECTOR_URL
        collector = Collector(f"http://127.0.0.1:{port}", port, tmp_path / "fb.sqlite3", process)
        reply = collector.post({"url": f"http://127.0.0.1:{preview}/email-setup/outlook/", "title": "Outlook",
                                "answer": "no", "comment": "The preview's own page, checked against its sitemap."},
                               origin=f"http://127.0.0.1:{preview}")
        assert (reply.status, reply.body) == (201, {"stored": True})
        assert len(collector.rows()) == 1
        assert collector.request("GET", "/api/health").body == {"status": "ok"}  # the preview's sitemap is read
    finally:
        os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in the terminal does
        stopped(process, tmp_path / LOG)
    deadline = time.monotonic() + STOP_TIMEOUT
    while process_group(process.pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert process_group(process.pid) == [], "a process of `make serve` is still running"


def test_sigterm_to_the_command_stops_the_collector_too(tmp_path):
    preview, port = free_port(), free_port()
    process = beside(tmp_path, preview, port, sys.executable, "-c", "import time; time.sleep(120)")
    try:
        # Up but not ready: beside starts the command although no sitemap answers yet (here, none ever will).
        collector = Collector(f"http://127.0.0.1:{port}", port, tmp_path / "fb.sqlite3", process)
        deadline = time.monotonic() + 30
        while not answers(collector) and time.monotonic() < deadline:
            time.sleep(0.2)
        health = collector.request("GET", "/api/health")
        assert (health.status, health.body["status"]) == (503, "not_ready")
        # beside, the collector, the command (started once the collector answers, so maybe a moment later)
        deadline = time.monotonic() + STOP_TIMEOUT
        while len(process_group(process.pid)) < 3 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(process_group(process.pid)) == 3
    finally:
        process.terminate()
        stopped(process, tmp_path / LOG)
    deadline = time.monotonic() + STOP_TIMEOUT
    while process_group(process.pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert process_group(process.pid) == []


def test_a_bad_setting_stops_before_anything_starts(tmp_path):
    result = subprocess.run([sys.executable, "-m", "feedback", "beside", "--rate-limit", "lots", "--", "true"],
                            cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert result.stderr == "feedback: rate limit 'lots' is not COUNT/SECONDS, e.g. 10/60\n"
