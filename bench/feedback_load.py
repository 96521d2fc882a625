"""The feedback collector under load, on each back end: many readers answering at once, none lost, none doubled.

Builds the real site (for its sitemap), starts a throwaway PostgreSQL server (tests/postgres.py)
and, in one run, three set-ups of the real collector (`python -m feedback serve`):

- SQLite (WAL, full fsync), one collector process;
- PostgreSQL, one collector process;
- PostgreSQL, two collector processes on one database, the answers spread over both in turn
  (what a round-robin load balancer does).

Each set-up gets a fresh database and ANSWERS answers from CLIENTS client addresses over
CONCURRENCY connections at once, every answer with its own comment; then the database is read:
each comment must be there exactly once. The set-ups take turns, RUNS times; the medians of
throughput and of each run's p95 latency are printed, with the two-to-one ratio on PostgreSQL,
and written to bench/results/feedback-load.md.

    python bench/feedback_load.py [--answers 1000] [--clients 200] [--concurrency 50] [--runs 3]

Exits 1 when an answer is lost, stored twice or refused.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.machine import machine  # noqa: E402
from tests import collector as service  # noqa: E402
from tests.postgres import Server, server_running  # noqa: E402
from tests.sitebuild import ROOT, build  # noqa: E402

ORIGIN = "https://help.example.com"  # the origin of mkdocs.yml's site_url: the collector's default
PAGES = ["email-setup/outlook/", "domains/mx-records/", "websites/ssl-https/", "accounts/webmail/"]
SETUPS = {"SQLite, 1 collector": ("sqlite", 1), "PostgreSQL, 1 collector": ("postgresql", 1),
          "PostgreSQL, 2 collectors": ("postgresql", 2)}
RESULTS = ROOT / "bench" / "results" / "feedback-load.md"


def answers_to_send(answers: int, clients: int) -> list[tuple[str, dict]]:
    """(client address, body) for each answer; every comment different."""
    return [(f"198.18.{n % clients // 250}.{n % clients % 250 + 1}",
             {"url": f"{ORIGIN}/{PAGES[n % len(PAGES)]}", "title": "Load test", "answer": "no" if n % 3 else "yes",
              "comment": f"load-test answer {n:05d}: the steps did not match my screen"}) for n in range(answers)]


def cpu_seconds(pid: int) -> float:
    """User and system CPU time a process has used so far (from /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def post_all(collectors: list[service.Collector], sent: list[tuple[str, dict]], concurrency: int) -> dict:
    """Post every answer at once, answer n to collector n mod len(collectors); times and refusals."""
    latencies: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()
    start_line = threading.Barrier(concurrency)

    def post(index: int) -> None:
        if index < concurrency:
            start_line.wait()  # the first wave leaves together
        client, body = sent[index]
        began = time.perf_counter()
        reply = collectors[index % len(collectors)].post(body, origin=ORIGIN, client=client)
        took = time.perf_counter() - began
        with lock:
            latencies.append(took)
            if reply.status != 201:
                failures.append(f"{reply.status} {reply.body}")

    began, client_cpu = time.perf_counter(), time.process_time()
    collector_cpu = sum(cpu_seconds(collector.process.pid) for collector in collectors)
    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(post, range(len(sent))))
    elapsed = time.perf_counter() - began
    collector_cpu = sum(cpu_seconds(collector.process.pid) for collector in collectors) - collector_cpu
    # Cores kept busy by the collectors and by this load generator (the database server's share is not counted).
    return {"collector_cores": collector_cpu / elapsed, "client_cores": (time.process_time() - client_cpu) / elapsed,
            "throughput": len(sent) / elapsed, "p95_ms": statistics.quantiles(latencies, n=20)[-1] * 1000,
            "median_ms": statistics.median(latencies) * 1000, "refused": len(failures), "first_refusal": failures[:1]}


def one_run(setup: str, sitemap: Path, folder: Path, server: Server, args: argparse.Namespace) -> dict:
    """One set-up on a fresh database: throughput, latencies, lost and duplicated counts."""
    backend, processes = SETUPS[setup]
    db = server.create_database() if backend == "postgresql" else str(folder / "feedback.sqlite3")
    sent = answers_to_send(args.answers, args.clients)
    with ExitStack() as stack:
        collectors = [stack.enter_context(service.running(db, str(sitemap), [], rate_limit="10/60", log_dir=folder))
                      for _ in range(processes)]
        result = post_all(collectors, sent, args.concurrency)
    stored = [comment for _, _, comment in service.stored_rows(db)]
    expected = {body["comment"] for _, body in sent}
    return {**result, "lost": len(expected - set(stored)), "duplicated": len(stored) - len(set(stored))}


def summary(setup: str, runs: list[dict]) -> str:
    return (f"{setup}: {statistics.median(r['throughput'] for r in runs):.0f} answers/s, "
            f"p95 {statistics.median(r['p95_ms'] for r in runs):.0f} ms, "
            f"cores busy: collectors {statistics.median(r['collector_cores'] for r in runs):.2f}, "
            f"load generator {statistics.median(r['client_cores'] for r in runs):.2f} "
            f"(runs: {', '.join(format(r['throughput'], '.0f') for r in runs)} answers/s); "
            f"lost {sum(r['lost'] for r in runs)}, duplicated {sum(r['duplicated'] for r in runs)}, "
            f"refused {sum(r['refused'] for r in runs)} {next((r['first_refusal'] for r in runs if r['refused']), '')}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=200, help="each client stays under the 10/60 limit")
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    lines = [f"Feedback collector, {args.answers} answers from {args.clients} clients over {args.concurrency} "
             f"connections at once, median of {args.runs} runs per set-up (set-ups in turn); {machine()}; "
             f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC"]
    print(lines[0], flush=True)
    runs: dict[str, list[dict]] = {setup: [] for setup in SETUPS}
    with tempfile.TemporaryDirectory() as tmp, server_running() as server:
        result = build(ROOT, Path(tmp) / "site")
        if result.returncode:
            raise SystemExit(f"build failed:\n{result.output[-2000:]}")
        for n in range(args.runs):
            for setup in SETUPS:
                folder = Path(tempfile.mkdtemp(dir=tmp))
                runs[setup].append(one_run(setup, result.site / "sitemap.xml", folder, server, args))
                print(f"run {n + 1}, {setup}: {runs[setup][-1]['throughput']:.0f} answers/s", flush=True)
    lines += [summary(setup, setup_runs) for setup, setup_runs in runs.items()]
    one, two = (statistics.median(r["throughput"] for r in runs[f"PostgreSQL, {n} collector{'s' * (n > 1)}"])
                for n in (1, 2))
    lines.append(f"two collectors / one on PostgreSQL: {two / one:.2f}x (target 1.5x); "
                 f"load average at the end {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print("\n".join(lines[1:]))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("# bench/feedback_load.py\n\n```text\n" + "\n".join(lines) + "\n```\n", encoding="utf-8")
    if any(r["lost"] or r["duplicated"] or r["refused"] for setup_runs in runs.values() for r in setup_runs):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
