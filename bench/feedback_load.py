"""The feedback collector under load, on each back end: many readers answering at once, none lost, none doubled.

Builds the real site (for its sitemap), starts a throwaway PostgreSQL server (tests/postgres.py)
and, in one run, three set-ups of the real collector (`python -m feedback serve`):

- SQLite (WAL, full fsync), one collector process;
- PostgreSQL, one collector process;
- PostgreSQL, two collector processes on one database, the answers spread over both in turn
  (what a round-robin load balancer does).

Each set-up gets a fresh database and is loaded for WARMUP seconds (not counted), then SECONDS
seconds (measured), by CONCURRENCY kept-alive connections from CLIENTS client addresses, every
answer with its own comment (each collector in a session of its own, as separate services run).
Then the database is read: each acknowledged comment must be there exactly once. The load
generator shares the machine, so it is kept light (one asyncio thread, every request encoded
before the clock starts), and each set-up reports the CPU each party spent per answer:
collectors, PostgreSQL server, generator; CPU per answer moves less with other processes' load
than answers/s does. From those costs it prints the ceiling each set-up has on this machine's
cores. The set-ups take turns (the order reversed every other run), RUNS times; medians are
printed and written to bench/results/feedback-load.md, below its hand-written part.

    python bench/feedback_load.py [--seconds 8] [--warmup 2] [--runs 3] [--concurrency 50]
    python bench/feedback_load.py --tree before=../copy-of-main --tree after=.   # a change, in one run

Exits 1 when an acknowledged answer is lost, an answer is stored twice, or one is refused.
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
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
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
RUN_HEADING = "## Last run"
# Each collector in a session of its own, as separate services run (systemd gives each unit its own
# group): with the kernel's autogroup on, processes of one session share one slice of the CPU.
OWN_SESSION = ("setsid",)
PARTS = ("collectors", "database", "generator")


def request_bytes(port: int, n: int, clients: int) -> bytes:
    """Answer n as one POST /api/feedback on a kept-alive connection, from client n mod `clients`."""
    client = n % clients
    payload = json.dumps({"url": f"{ORIGIN}/{PAGES[n % len(PAGES)]}", "title": "Load test",
                          "answer": "no" if n % 3 else "yes",
                          "comment": f"load-test answer {n:07d}: the steps did not match my screen"}).encode()
    head = (f"POST /api/feedback HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n"
            f"Origin: {ORIGIN}\r\nX-Forwarded-For: 198.18.{client // 250}.{client % 250 + 1}\r\n"
            f"Content-Length: {len(payload)}\r\n\r\n")
    return head.encode() + payload


def comment_of(n: int) -> str:
    return f"load-test answer {n:07d}: the steps did not match my screen"


def cpu_seconds(pid: int) -> float:
    """User and system CPU time a process (all its threads) has used so far (from /proc); 0 if it has gone."""
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
        return "kernel autogroup on: each collector runs in a session of its own (setsid), as a separate service would"
    return "kernel autogroup off"


async def exchange(streams: tuple[asyncio.StreamReader, asyncio.StreamWriter], request: bytes) -> tuple[int, bytes]:
    """Send one request and read its reply (status and body) on an open connection."""
    reader, writer = streams
    writer.write(request)
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = next(int(line.split(b":", 1)[1]) for line in head.lower().split(b"\r\n")
                  if line.startswith(b"content-length:"))
    return status, await reader.readexactly(length)


@dataclass
class Load:
    """What one loaded run saw: requests acknowledged and refused, and the measured window."""

    acknowledged: list[int] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)  # of the requests answered inside the window
    # (time, answers acknowledged, cpu()) as the window opens and as it closes
    window: list[tuple[float, int, tuple[float, ...]]] = field(default_factory=list)
    measuring: bool = False
    stopped: bool = False


async def drive(ports: list[int], requests: list[bytes], concurrency: int, warmup: float, seconds: float,
                cpu: Callable[[], tuple[float, ...]]) -> Load:
    """`concurrency` clients post requests (n to port n mod len(ports)) until the window closes;
    `cpu()` is read as the window opens and as it closes."""
    load = Load()
    pending = iter(range(len(requests)))

    async def client() -> None:
        streams: dict[int, tuple[asyncio.StreamReader, asyncio.StreamWriter]] = {}
        for index in pending:
            port = ports[index % len(ports)]
            if port not in streams:
                streams[port] = await asyncio.open_connection("127.0.0.1", port)
            began = time.perf_counter()
            status, body = await exchange(streams[port], requests[index])
            if load.measuring:
                load.latencies.append(time.perf_counter() - began)
            if status == 201:
                load.acknowledged.append(index)
            else:
                load.failures.append(f"{status} {body.decode(errors='replace')}")
            if load.stopped:
                break
        else:
            if not load.stopped:
                raise SystemExit(f"all {len(requests)} requests were sent before the window closed: raise --pool")
        for _, writer in streams.values():
            writer.close()

    async def clock() -> None:
        await asyncio.sleep(warmup)
        load.window.append((time.perf_counter(), len(load.acknowledged), cpu()))
        load.measuring = True
        await asyncio.sleep(seconds)
        load.window.append((time.perf_counter(), len(load.acknowledged), cpu()))
        load.measuring, load.stopped = False, True

    await asyncio.gather(clock(), *(client() for _ in range(concurrency)))
    return load


def measured(load: Load) -> dict:
    """Throughput, latency, and cores and CPU per answer of each party, over the window."""
    (began, answered_before, cpu_before), (ended, answered_after, cpu_after) = load.window
    elapsed, answers = ended - began, answered_after - answered_before
    used = [after - before for after, before in zip(cpu_after, cpu_before)]
    parts = dict(zip((*PARTS, "machine"), used))
    parts["other"] = parts["machine"] - sum(parts[part] for part in PARTS)
    return {"throughput": answers / elapsed, "answers": answers,
            "p50_ms": statistics.median(load.latencies) * 1000,
            "p95_ms": statistics.quantiles(load.latencies, n=20)[-1] * 1000,
            **{f"{part}_cores": seconds / elapsed for part, seconds in parts.items()},
            **{f"{part}_us": seconds / answers * 1e6 for part, seconds in parts.items()}}


def one_run(setup: str, sitemap: Path, folder: Path, server: Server, args: argparse.Namespace,
            wrapper: Callable[[int], tuple[str, ...]] = lambda _: OWN_SESSION, db: str | None = None) -> dict:
    """One set-up on a fresh database (or `db`): throughput, latencies, CPU per answer, lost and duplicated counts.

    `wrapper(i)` is the command collector i runs under (bench/feedback_profile.py profiles them).
    """
    backend, processes = SETUPS[setup]
    db = db or (server.create_database() if backend == "postgresql" else str(folder / "feedback.sqlite3"))
    with ExitStack() as stack:
        collectors = [stack.enter_context(service.running(db, str(sitemap), [], rate_limit="10/60", log_dir=folder,
                                                          wrapper=wrapper(i)))
                      for i in range(processes)]
        ports = [collector.port for collector in collectors]
        requests = [request_bytes(ports[n % len(ports)], n, args.clients) for n in range(args.pool)]
        pids = [collector.process.pid for collector in collectors]
        database = server_pids(server if backend == "postgresql" else None)

        def cpu() -> tuple[float, ...]:
            return (sum(map(cpu_seconds, pids)), sum(map(cpu_seconds, database)), time.process_time(),
                    machine_busy_seconds())

        load = asyncio.run(drive(ports, requests, args.concurrency, args.warmup, args.seconds, cpu))
    stored = [comment for _, _, comment in service.stored_rows(db)]
    acknowledged = {comment_of(n) for n in load.acknowledged}
    return {**measured(load), "lost": len(acknowledged - set(stored)), "duplicated": len(stored) - len(set(stored)),
            "refused": len(load.failures), "first_refusal": load.failures[:1]}


def median(runs: list[dict], key: str) -> float:
    return statistics.median(run[key] for run in runs)


def ceiling(runs: list[dict], processes: int, cores: int, parts: tuple[str, ...] = PARTS) -> float:
    """Answers/s this set-up could hold on `cores` idle cores, from its median CPU per answer: the
    cores shared by `parts`, and no collector process past one core of its own."""
    whole = cores / sum(median(runs, f"{part}_us") for part in parts) * 1e6
    return min(whole, processes / median(runs, "collectors_us") * 1e6)


def summary(setup: str, runs: list[dict], name: str = "") -> list[str]:
    processes, cores = SETUPS[setup][1], os.cpu_count()
    costs = ", ".join(f"{part} {median(runs, f'{part}_us'):.0f}" for part in PARTS)
    busy = ", ".join(f"{part} {median(runs, f'{part}_cores'):.2f}" for part in (*PARTS, "other", "machine"))
    return [f"{name + ': ' if name else ''}{setup}: {median(runs, 'throughput'):.0f} answers/s (runs: "
            f"{', '.join(format(r['throughput'], '.0f') for r in runs)}), p50 {median(runs, 'p50_ms'):.1f} ms, "
            f"p95 {median(runs, 'p95_ms'):.1f} ms; {median(runs, 'answers'):.0f} answers measured per run; "
            f"lost {sum(r['lost'] for r in runs)}, duplicated {sum(r['duplicated'] for r in runs)}, "
            f"refused {sum(r['refused'] for r in runs)} {next((r['first_refusal'] for r in runs if r['refused']), '')}",
            f"  CPU per answer (µs): {costs}; cores busy: {busy} of {cores}",
            f"  ceiling from CPU per answer on {cores} idle cores: {ceiling(runs, processes, cores):.0f} answers/s "
            f"with the generator on this machine, {ceiling(runs, processes, cores, PARTS[:2]):.0f} with it elsewhere"]


def ratios(one: list[dict], two: list[dict]) -> str:
    """Two collectors against one on PostgreSQL: measured, per collector CPU, and the ceilings' ratio."""
    cores = os.cpu_count()
    return (f"two collectors / one on PostgreSQL: {median(two, 'throughput') / median(one, 'throughput'):.2f}x "
            f"measured (target 1.5x); collector CPU per answer "
            f"{median(two, 'collectors_us') / median(one, 'collectors_us'):.2f}x; "
            f"ceilings {ceiling(two, 2, cores) / ceiling(one, 1, cores):.2f}x with the generator here, "
            f"{ceiling(two, 2, cores, PARTS[:2]) / ceiling(one, 1, cores, PARTS[:2]):.2f}x with it elsewhere, "
            f"{ceiling(two, 2, 4, PARTS[:2]) / ceiling(one, 1, 4, PARTS[:2]):.2f}x on 4 cores")


def write_results(out: Path, lines: list[str]) -> None:
    """Replace the last run's section of `out`, keeping the hand-written part above it."""
    kept = out.read_text(encoding="utf-8").split(RUN_HEADING)[0] if out.exists() else "# bench/feedback_load.py\n\n"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(f"{kept.rstrip()}\n\n{RUN_HEADING}\n\n```text\n" + "\n".join(lines) + "\n```\n", encoding="utf-8")


def options(description: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--seconds", type=float, default=8.0, help="measured load per set-up and run")
    parser.add_argument("--warmup", type=float, default=2.0, help="load before the measure starts")
    parser.add_argument("--clients", type=int, default=50000, help="each client stays under the 10/60 limit")
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--pool", type=int, default=150000, help="requests encoded before each run")
    parser.add_argument("--runs", type=int, default=3)
    return parser


def load_note(began: tuple[float, ...]) -> str:
    return (f"load average (1 min) {began[0]:.1f} at the start, {os.getloadavg()[0]:.1f} at the end, "
            f"on {os.cpu_count()} cores")


def in_tree(folder: Path | None) -> Callable[[int], tuple[str, ...]]:
    """The collectors' wrapper: their own session, and the code of `folder` (python -m imports from the cwd)."""
    return lambda _: (*OWN_SESSION, *(("env", f"--chdir={folder}") if folder else ()))


def tree(text: str) -> tuple[str, Path]:
    name, _, folder = text.partition("=")
    if not folder or not (Path(folder) / "feedback" / "__main__.py").exists():
        raise argparse.ArgumentTypeError(f"{text!r}: give NAME=FOLDER, a folder holding feedback/ (a Git worktree)")
    return name, Path(folder).resolve()


def main() -> None:
    parser = options(__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--tree", type=tree, action="append", default=[],
                        help="NAME=FOLDER: run the collector of FOLDER (e.g. before a change), in turn with the others")
    args = parser.parse_args()
    began, trees = os.getloadavg(), dict(args.tree) or {"": None}
    lines = [f"Feedback collector, {args.warmup:g} s warm-up then {args.seconds:g} s measured per set-up, "
             f"{args.concurrency} connections at once, {args.clients} client addresses, median of {args.runs} runs "
             f"(set-ups in turn, the order reversed every other run); {machine()}; "
             f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC; {scheduling_note()}"]
    print(lines[0], flush=True)
    runs: dict[tuple[str, str], list[dict]] = {(name, setup): [] for name in trees for setup in SETUPS}
    with tempfile.TemporaryDirectory() as tmp, server_running() as server:
        result = build(ROOT, Path(tmp) / "site")
        if result.returncode:
            raise SystemExit(f"build failed:\n{result.output[-2000:]}")
        for n in range(args.runs):
            for key in (list(runs) if n % 2 == 0 else list(runs)[::-1]):
                folder = Path(tempfile.mkdtemp(dir=tmp))
                runs[key].append(one_run(key[1], result.site / "sitemap.xml", folder, server, args,
                                         in_tree(trees[key[0]])))
                run = runs[key][-1]
                print(f"run {n + 1}, {' '.join(key).strip()}: {run['throughput']:.0f} answers/s, collectors "
                      f"{run['collectors_us']:.0f} µs per answer, load {os.getloadavg()[0]:.1f}", flush=True)
    lines += [line for (name, setup), setup_runs in runs.items() for line in summary(setup, setup_runs, name)]
    lines += [f"{name + ': ' if name else ''}"
              f"{ratios(runs[name, 'PostgreSQL, 1 collector'], runs[name, 'PostgreSQL, 2 collectors'])}" for name in trees]
    lines += [changes(runs, *trees)] if len(trees) == 2 else []
    lines.append(load_note(began))
    print("\n".join(lines[1:]))
    write_results(args.out, lines)
    if any(r["lost"] or r["duplicated"] or r["refused"] for setup_runs in runs.values() for r in setup_runs):
        raise SystemExit(1)


def changes(runs: dict[tuple[str, str], list[dict]], before: str, after: str) -> str:
    """The second tree's collector CPU per answer against the first's, set-up by set-up, measured in the same run."""
    return f"{after} / {before}, collector CPU per answer: " + ", ".join(
        f"{setup} {median(runs[after, setup], 'collectors_us') / median(runs[before, setup], 'collectors_us'):.2f}x"
        for setup in SETUPS)


if __name__ == "__main__":
    main()
