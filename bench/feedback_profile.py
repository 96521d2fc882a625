"""Where one and two collectors on PostgreSQL spend their time under bench/feedback_load.py's load.

One run of each PostgreSQL set-up of bench/feedback_load.py, with:

- each collector under cProfile (bench/profiled.py);
- PostgreSQL with pg_stat_statements, and pg_stat_activity sampled every 10 ms for what the
  collectors' backends wait on (a lock, the WAL flush, the client);
- per answer: commits (pg_stat_database), WAL flushes (pg_stat_wal), statements.

Profiling slows the collectors, so its answers/s are not figures to quote; bench/feedback_load.py
measures. Prints its findings; nothing is written to bench/results.

    python bench/feedback_profile.py [--seconds 5]
"""

from __future__ import annotations

import pstats
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.feedback_load import OWN_SESSION, one_run, options  # noqa: E402
from tests.postgres import Server, server_running  # noqa: E402
from tests.sitebuild import ROOT, build  # noqa: E402

PROFILED = Path(__file__).resolve().parent / "profiled.py"
STATEMENTS = ("SELECT calls, rows, round(total_exec_time::numeric, 1), query FROM pg_stat_statements "
              "WHERE dbid = (SELECT oid FROM pg_database WHERE datname = %s) ORDER BY total_exec_time DESC LIMIT 6")
COUNTERS = ("SELECT d.xact_commit, w.wal_records, w.wal_write, w.wal_sync, w.wal_bytes "
            "FROM pg_stat_database d, pg_stat_wal w WHERE d.datname = %s")
WAITS = ("SELECT state, coalesce(wait_event_type || ':' || wait_event, 'on CPU') FROM pg_stat_activity "
         "WHERE datname = %s AND pid <> pg_backend_pid()")


class Sampler(threading.Thread):
    """Counts, every 10 ms, what the backends of one database are doing (state and wait event)."""

    def __init__(self, url: str, database: str):
        super().__init__(daemon=True)
        self.connection = psycopg.connect(url, autocommit=True)
        self.database, self.seen, self.done = database, Counter(), threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            self.seen.update(self.connection.execute(WAITS, (self.database,)).fetchall())
            time.sleep(0.01)


def counters(server: Server, database: str) -> tuple[int, ...]:
    with psycopg.connect(server.url(), autocommit=True) as connection:
        connection.execute("SELECT pg_stat_clear_snapshot()")
        return connection.execute(COUNTERS, (database,)).fetchone()


def profile_setup(setup: str, sitemap: Path, folder: Path, server: Server, args) -> list[str]:
    """One run of `setup` with the collectors profiled; the findings as lines."""
    outputs = [folder / f"collector-{i}.prof" for i in range(2)]

    def wrapper(i: int) -> tuple[str, ...]:
        return (*OWN_SESSION, sys.executable, str(PROFILED), str(outputs[i]))

    url = server.create_database()
    name = url.rsplit("/", 1)[1]
    before, sampler = counters(server, name), Sampler(server.url(), name)
    sampler.start()
    run = one_run(setup, sitemap, folder, server, args, wrapper=wrapper, db=url)
    sampler.done.set()
    commits, records, writes, syncs, wal_bytes = (b - a for a, b in zip(before, counters(server, name)))
    with psycopg.connect(url, autocommit=True) as connection:
        sent = connection.execute("SELECT count(*) FROM answers").fetchone()[0]
    lines = [f"== {setup}: {sent} answers stored in {commits} commits ({sent / max(commits, 1):.1f} answers a commit), "
             f"WAL: {writes} writes, {syncs} flushes ({sent / max(syncs, 1):.1f} answers a flush), "
             f"{wal_bytes / max(sent, 1):.0f} bytes an answer; lost {run['lost']}, refused {run['refused']}",
             "backends' states (10 ms samples): " + ", ".join(
                 f"{state} {event} {count}" for (state, event), count in sampler.seen.most_common(8))]
    with psycopg.connect(server.url(), autocommit=True) as connection:
        lines += [f"  {calls} calls, {rows} rows, {total} ms: {' '.join(query.split())[:110]}"
                  for calls, rows, total, query in connection.execute(STATEMENTS, (name,)).fetchall()]
    lines += collector_profiles([path for path in outputs if path.exists()])
    return lines


def collector_profiles(paths: list[Path]) -> list[str]:
    """The collectors' top functions by own time (cProfile, all collectors together)."""
    if not paths:
        return ["no profile was written"]
    stats = pstats.Stats(*map(str, paths))
    total = sum(entry[2] for entry in stats.stats.values())
    rows = sorted(stats.stats.items(), key=lambda item: item[1][2], reverse=True)[:22]
    return [f"collectors' event loop: {total:.2f} s of own time profiled"] + [
        f"  {own / total:5.1%} own {own:.2f} s, cumulative {cumulative:.2f} s, {calls} calls: "
        f"{Path(file).name}:{line} {function}" for (file, line, function), (_, calls, own, cumulative, _) in rows]


def main() -> None:
    parser = options(__doc__.splitlines()[0])
    parser.set_defaults(seconds=5.0, warmup=1.0, pool=60000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, server_running(
            ("shared_preload_libraries=pg_stat_statements", "track_wal_io_timing=on")) as server:
        with psycopg.connect(server.url(), autocommit=True) as connection:
            connection.execute("CREATE EXTENSION pg_stat_statements")
        result = build(ROOT, Path(tmp) / "site")
        if result.returncode:
            raise SystemExit(f"build failed:\n{result.output[-2000:]}")
        for setup in ("PostgreSQL, 1 collector", "PostgreSQL, 2 collectors"):
            folder = Path(tempfile.mkdtemp(dir=tmp))
            print("\n".join(profile_setup(setup, result.site / "sitemap.xml", folder, server, args)), flush=True)


if __name__ == "__main__":
    main()
