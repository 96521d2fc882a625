"""The collector under stress: killed mid-stream it loses no acknowledged answer, it fsyncs each
commit before it answers, and answers sent at once from many readers are all counted, once, in
the writers' report.

What each test shows: SIGKILL loses nothing acknowledged, which needs only the write to reach
the OS (it would pass with synchronous=OFF). The fsync trace shows that each acknowledged
answer reached the disk's write-ahead log first, which is what survives a power cut or an OS
crash on a disk that honours fsync. Cutting the power itself is beyond these tests.

The kill and the concurrent-answers tests run on SQLite and on PostgreSQL. The fsync trace is
SQLite's own: on PostgreSQL the server, not the collector, flushes its write-ahead log at commit.
"""

from __future__ import annotations

import csv
import http.client
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests import collector as service
from tests.postgres import backend, new_db, pg_ctl, postgres_server  # noqa: F401 - fixtures
from tests.sitebuild import ROOT
from tests.test_feedback_service import ORIGIN, PAGE, SITE_URL, payload

STREAM_WORKERS = 8
KILL_AFTER = 40


def test_killed_mid_stream_then_restarted_every_acknowledged_answer_is_stored(site, new_db, tmp_path):
    """SIGKILL while answers keep arriving; after a restart on the same database, all acknowledged are there."""
    db = new_db(tmp_path)
    sitemap = str(site.site / "sitemap.xml")
    collector = service.start(db, sitemap, [], rate_limit="100000/60")
    acknowledged: list[str] = []
    sent: list[str] = []
    lock = threading.Lock()
    killed = threading.Event()

    def stream(worker: int) -> None:
        for n in range(10_000):
            if killed.is_set():
                return
            comment = f"worker {worker} answer {n}: the steps did not match my screen"
            with lock:
                sent.append(comment)
            try:
                reply = collector.post(payload(comment=comment), origin=ORIGIN, client=f"192.0.2.{worker}")
            except (OSError, http.client.HTTPException):
                continue  # the service is gone, perhaps mid-reply: this answer was not acknowledged
            if reply.status == 201:
                with lock:
                    acknowledged.append(comment)
                    if len(acknowledged) >= KILL_AFTER and not killed.is_set():
                        collector.process.send_signal(signal.SIGKILL)
                        killed.set()

    with ThreadPoolExecutor(STREAM_WORKERS) as pool:
        list(pool.map(stream, range(STREAM_WORKERS)))
    collector.process.wait()
    assert collector.process.returncode == -signal.SIGKILL
    service.stop(collector)

    with service.running(db, sitemap, []) as restarted:
        stored = [comment for _, _, comment in restarted.rows()]
        assert restarted.post(payload(), origin=ORIGIN, client="192.0.2.250").status == 201
    assert len(acknowledged) >= KILL_AFTER
    assert set(acknowledged) <= set(stored), "an acknowledged answer was lost"
    assert len(stored) == len(set(stored)) and set(stored) <= set(sent), "duplicated or invented answers"


SYNCED_ANSWERS = 8


def wal_syncs(trace: Path, db: Path) -> int:
    """How many fsync/fdatasync calls on the database's write-ahead log the strace output records."""
    wal = re.escape(f"<{db}-wal>")
    return len(re.findall(rf"\b(?:fsync|fdatasync)\(\d+{wal}\) = 0", trace.read_text()))


def stop_traced(collector: service.Collector) -> None:
    """SIGTERM to the collector strace runs (strace then exits with it), then stop strace itself."""
    pid = collector.process.pid
    for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split():
        os.kill(int(child), signal.SIGTERM)
    service.stop(collector)


@pytest.mark.skipif(shutil.which("strace") is None, reason="needs strace (apt-get install strace)")
def test_each_answer_is_fsynced_to_the_write_ahead_log_before_it_is_acknowledged(site, tmp_path):
    """Under strace, every 201 comes after one more fsync of the -wal file than before the answer was sent."""
    db, trace = tmp_path / "feedback.sqlite3", tmp_path / "trace.txt"
    strace = ("strace", "-f", "-y", "-e", "trace=fsync,fdatasync", "-o", str(trace))
    collector = service.start(db, str(site.site / "sitemap.xml"), [], rate_limit="1000/60", wrapper=strace)
    try:
        counts = [wal_syncs(trace, db)]
        for n in range(SYNCED_ANSWERS):
            reply = collector.post(payload(comment=f"answer {n}: the steps did not match my screen"), origin=ORIGIN)
            assert reply.status == 201
            counts.append(wal_syncs(trace, db))
    finally:
        stop_traced(collector)
    assert all(after > before for before, after in zip(counts, counts[1:])), counts
    assert len(service.stored_rows(db)) == SYNCED_ANSWERS


def read_report_csv(out) -> dict[str, dict]:
    with open(out / "feedback.csv", newline="", encoding="utf-8") as handle:
        return {row["url"]: row for row in csv.DictReader(handle)}


def test_concurrent_answers_are_counted_exactly_in_the_report(site, new_db, tmp_path):
    """60 answers at once from 20 readers (40 no, 20 yes) on one article: the report counts 20 and 40."""
    db = new_db(tmp_path)
    answers = [payload(comment=f"reader {n} says the steps are out of date") for n in range(40)]
    answers += [payload(answer="yes", comment="") for _ in range(20)]
    with service.running(db, str(site.site / "sitemap.xml"), []) as collector:
        with ThreadPoolExecutor(20) as pool:
            replies = list(pool.map(lambda item: collector.post(item[1], origin=ORIGIN, client=f"192.0.2.{item[0] % 20}"),
                                    enumerate(answers)))
        assert [reply.status for reply in replies] == [201] * 60
        out = tmp_path / "report"
        result = subprocess.run([sys.executable, "-m", "feedback", "report", "--db", str(db), "--out", str(out)],
                                cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    row = read_report_csv(out)[SITE_URL.rstrip("/") + PAGE]
    assert (row["yes"], row["no"], row["share_no"]) == ("20", "40", "0.667")
    assert "60 answers" in result.stdout


def test_after_a_postgresql_restart_the_collector_connects_again(site, postgres_server, tmp_path):
    """The server restarts under a running collector: at most the answers of that moment get 503, then 201 again."""
    db = postgres_server.create_database()
    with service.running(db, str(site.site / "sitemap.xml"), [], log_dir=tmp_path) as collector:
        assert collector.post(payload(comment="before the restart, long enough"), origin=ORIGIN).status == 201
        pg_ctl(postgres_server, "restart")
        statuses = [collector.post(payload(comment=f"after the restart, answer {n}"), origin=ORIGIN,
                                   client=f"192.0.2.{n}").status for n in range(3)]
        assert statuses[0] in (201, 503) and statuses[1:] == [201, 201], statuses
        assert collector.request("GET", "/api/health").status == 200
    comments = [comment for _, _, comment in service.stored_rows(db)]
    assert comments[0] == "before the restart, long enough"
    assert comments[-2:] == ["after the restart, answer 1", "after the restart, answer 2"]
