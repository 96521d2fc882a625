"""The feedback collector under load, on each back end: many readers answering at once, none lost, none doubled.

Builds the real site (for its sitemap), starts a throwaway PostgreSQL server (tests/postgres.py)
and, in one run, three set-ups of the real collector (`python -m feedback serve`):

- SQLite (WAL, full fsync), one collector process;
- PostgreSQL, one collector process;
- PostgreSQL, two collector processes on one database, the answers spread over both in turn
  (what a round-robin load balancer does).

Each set-up gets a fresh database and ANSWERS answers from CLIENTS client addresses over
CONCURRENCY connections at once, every answer with its own comment (each collector in a session
of its own, as separate services run); then the database is read:
each comment must be there exactly once. The load generator shares the machine, so it is kept
light (one asyncio thread, connections kept alive, every request encoded before the clock
starts), and each set-up reports the cores busy: collectors, PostgreSQL server, generator, other
processes and the whole machine. The set-ups take turns, RUNS times; the medians of throughput,
p95 latency and answers per collector core are printed, with the two-to-one ratio on PostgreSQL,
measured and per collector core, and written to bench/results/feedback-load.md.

    python bench/feedback_load.py [--answers 1000] [--clients 200] [--concurrency 50] [--runs 3]

Exits 1 when an answer is lost, stored twice or refused.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
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
# Each collector in a session of its own, as separate services run (systemd gives each unit its own
# group): with the kernel's autogroup on, processes of one session share one slice of the CPU.
OWN_SESSION = ("setsid",)


def answers_to_send(answers: int, clients: int) -> list[tuple[str, dict]]:
    """(client address, body) for each answer; every comment different."""
    return [(f"198.18.{n % clients // 250}.{n % clients % 250 + 1}",
             {"url": f"{ORIGIN}/{PAGES[n % len(PAGES)]}", "title": "Load test", "answer": "no" if n % 3 else "yes",
              "comment": f"load-test answer {n:05d}: the steps did not match my screen"}) for n in range(answers)]


def cpu_seconds(pid: int) -> float:
    """User and system CPU time a process has used so far (from /proc); 0 if it has gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except FileNotFoundError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def server_pids(server: Server | None) -> list[int]:
    """The PostgreSQL server's processes: the postmaster and its children (the collectors' backends among them)."""
    if server is None:
        return []
    postmaster = int((server.folder / "data" / "postmaster.pid").read_text().split()[0])
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (FileNotFoundError, ProcessLookupError):
            continue
        if parent == postmaster:
            children.append(int(stat.parent.name))
    return [postmaster, *children]


def machine_busy_seconds() -> float:
    """CPU time every core of the machine has spent busy so far, all processes (from /proc/stat)."""
    user, nice, system, idle, iowait, irq, softirq, steal = map(int, Path("/proc/stat").read_text().split()[1:9])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def scheduling_note() -> str:
    """How the kernel shares the CPU out, which bounds what more collector processes can gain here."""
    autogroup = Path("/proc/sys/kernel/sched_autogroup_enabled")
    if autogroup.exists() and autogroup.read_text().strip() == "1":
        return ("kernel autogroup on: each collector runs in a session of its own (setsid), as a separate "
                "service would, so a second collector gets a share of the CPU of its own")
    return "kernel autogroup off"


def request_bytes(port: int, client: str, body: dict) -> bytes:
    """One POST /api/feedback as the bytes sent on a kept-alive connection."""
    payload = json.dumps(body).encode()
    head = (f"POST /api/feedback HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n"
            f"Origin: {ORIGIN}\r\nX-Forwarded-For: {client}\r\nContent-Length: {len(payload)}\r\n\r\n")
    return head.encode() + payload


async def exchange(streams: tuple[asyncio.StreamReader, asyncio.StreamWriter], request: bytes) -> tuple[int, bytes]:
    """Send one request and read its reply (status and body) on an open connection."""
    reader, writer = streams
    writer.write(request)
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = next(int(line.split(b":", 1)[1]) for line in head.lower().split(b"\r\n")
                  if line.startswith(b"content-length:"))
    return status, await reader.readexactly(length)


async def send_all(ports: list[int], requests: list[bytes], concurrency: int) -> tuple[list[float], list[str]]:
    """`concurrency` clients with kept-alive connections post every request, request n to port n mod len(ports)."""
    latencies: list[float] = []
    failures: list[str] = []
    pending = iter(range(len(requests)))

    async def client() -> None:
        streams: dict[int, tuple[asyncio.StreamReader, asyncio.StreamWriter]] = {}
        for index in pending:
            port = ports[index % len(ports)]
            began = time.perf_counter()
            if port not in streams:
                streams[port] = await asyncio.open_connection("127.0.0.1", port)
            status, body = await exchange(streams[port], requests[index])
            latencies.append(time.perf_counter() - began)
            if status != 201:
                failures.append(f"{status} {body.decode(errors='replace')}")
        for _, writer in streams.values():
            writer.close()

    await asyncio.gather(*(client() for _ in range(concurrency)))
    return latencies, failures


def post_all(collectors: list[service.Collector], sent: list[tuple[str, dict]], concurrency: int,
             server: Server | None) -> dict:
    """Post every answer at once, answer n to collector n mod len(collectors); times, refusals, cores used."""
    ports = [collector.port for collector in collectors]
    requests = [request_bytes(ports[n % len(ports)], client, body) for n, (client, body) in enumerate(sent)]
    database = server_pids(server)

    def cpu() -> tuple[float, ...]:
        return (sum(cpu_seconds(collector.process.pid) for collector in collectors),
                sum(cpu_seconds(pid) for pid in database), time.process_time(), machine_busy_seconds())

    before, began = cpu(), time.perf_counter()
    latencies, failures = asyncio.run(send_all(ports, requests, concurrency))
    elapsed = time.perf_counter() - began
    collector_cpu, database_cpu, client_cpu, machine_cpu = (
        (after - start) / elapsed for after, start in zip(cpu(), before))
    return {"collector_cores": collector_cpu, "database_cores": database_cpu, "client_cores": client_cpu,
            "other_cores": machine_cpu - collector_cpu - database_cpu - client_cpu, "machine_cores": machine_cpu,
            "throughput": len(sent) / elapsed, "p95_ms": statistics.quantiles(latencies, n=20)[-1] * 1000,
            "refused": len(failures), "first_refusal": failures[:1]}


def one_run(setup: str, sitemap: Path, folder: Path, server: Server, args: argparse.Namespace) -> dict:
    """One set-up on a fresh database: throughput, latencies, lost and duplicated counts."""
    backend, processes = SETUPS[setup]
    db = server.create_database() if backend == "postgresql" else str(folder / "feedback.sqlite3")
    sent = answers_to_send(args.answers, args.clients)
    with ExitStack() as stack:
        collectors = [stack.enter_context(service.running(db, str(sitemap), [], rate_limit="10/60", log_dir=folder,
                                                          wrapper=OWN_SESSION))
                      for _ in range(processes)]
        result = post_all(collectors, sent, args.concurrency, server if backend == "postgresql" else None)
    stored = [comment for _, _, comment in service.stored_rows(db)]
    expected = {body["comment"] for _, body in sent}
    return {**result, "lost": len(expected - set(stored)), "duplicated": len(stored) - len(set(stored))}


def median(runs: list[dict], key: str) -> float:
    return statistics.median(run[key] for run in runs)


def per_collector_core(runs: list[dict]) -> float:
    """Answers per second for each core the collectors kept busy (median over the runs)."""
    return statistics.median(run["throughput"] / run["collector_cores"] for run in runs)


def summary(setup: str, runs: list[dict]) -> str:
    database = f"database {median(runs, 'database_cores'):.2f}, " if SETUPS[setup][0] == "postgresql" else ""
    return (f"{setup}: {median(runs, 'throughput'):.0f} answers/s, p95 {median(runs, 'p95_ms'):.0f} ms, "
            f"{per_collector_core(runs):.0f} answers/s per collector core; cores busy: collectors "
            f"{median(runs, 'collector_cores'):.2f}, {database}load generator {median(runs, 'client_cores'):.2f}, "
            f"other processes {median(runs, 'other_cores'):.2f}, whole machine {median(runs, 'machine_cores'):.2f} "
            f"of {os.cpu_count()} (runs: {', '.join(format(r['throughput'], '.0f') for r in runs)} answers/s); "
            f"lost {sum(r['lost'] for r in runs)}, duplicated {sum(r['duplicated'] for r in runs)}, "
            f"refused {sum(r['refused'] for r in runs)} {next((r['first_refusal'] for r in runs if r['refused']), '')}")


def ratios(one: list[dict], two: list[dict]) -> str:
    """Two collectors against one on PostgreSQL: measured, and per collector core (what a core for each would give)."""
    measured = median(two, "throughput") / median(one, "throughput")
    per_core = per_collector_core(two) / per_collector_core(one)
    return (f"two collectors / one on PostgreSQL: {measured:.2f}x (target 1.5x); collector cores "
            f"{median(two, 'collector_cores'):.2f} / {median(one, 'collector_cores'):.2f}; per collector core "
            f"{per_core:.2f}x, so with a whole core for each collector two would hold {2 * per_core:.2f}x; "
            f"load average at the end {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


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
             f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC; {scheduling_note()}"]
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
    lines.append(ratios(runs["PostgreSQL, 1 collector"], runs["PostgreSQL, 2 collectors"]))
    print("\n".join(lines[1:]))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("# bench/feedback_load.py\n\n```text\n" + "\n".join(lines) + "\n```\n", encoding="utf-8")
    if any(r["lost"] or r["duplicated"] or r["refused"] for setup_runs in runs.values() for r in setup_runs):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
