"""The feedback collector under load: many readers answering at once, none lost, none doubled.

Builds the real site (for its sitemap), starts the real collector (`python -m feedback serve`,
SQLite in WAL mode, full fsync) on a fresh database, and posts ANSWERS answers from CLIENTS
client addresses over CONCURRENCY connections at once, every answer with its own comment.
Then it reads the database: each comment must be there exactly once. Repeated RUNS times;
prints the median throughput and the median of each run's p95 latency.

    python bench/feedback_load.py [--answers 250] [--clients 50] [--concurrency 50] [--runs 3]

Exits 1 when an answer is lost or stored twice.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.machine import machine  # noqa: E402
from tests import collector as service  # noqa: E402
from tests.sitebuild import ROOT, build  # noqa: E402

ORIGIN = "https://help.example.com"  # the origin of mkdocs.yml's site_url: the collector's default
PAGES = ["email-setup/outlook/", "domains/mx-records/", "websites/ssl-https/", "accounts/webmail/"]


def one_run(sitemap: Path, db: Path, answers: int, clients: int, concurrency: int) -> dict:
    """Post `answers` answers at once; return throughput, p95 latency, lost and duplicated counts."""
    sent = [(f"198.18.{n % clients // 250}.{n % clients % 250 + 1}",
             {"url": f"{ORIGIN}/{PAGES[n % len(PAGES)]}", "title": "Load test", "answer": "no" if n % 3 else "yes",
              "comment": f"load-test answer {n:05d}: the steps did not match my screen"}) for n in range(answers)]
    latencies: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()
    start_line = threading.Barrier(concurrency)

    with service.running(db, str(sitemap), [], rate_limit="10/60") as collector:
        def post(index: int) -> None:
            if index < concurrency:
                start_line.wait()  # the first wave leaves together
            client, body = sent[index]
            began = time.perf_counter()
            reply = collector.post(body, origin=ORIGIN, client=client)
            took = time.perf_counter() - began
            with lock:
                latencies.append(took)
                if reply.status != 201:
                    failures.append(f"{reply.status} {reply.body}")

        began = time.perf_counter()
        with ThreadPoolExecutor(concurrency) as pool:
            list(pool.map(post, range(answers)))
        elapsed = time.perf_counter() - began
        stored = [comment for _, _, comment in collector.rows()]
    expected = {body["comment"] for _, body in sent}
    return {"throughput": answers / elapsed, "p95_ms": statistics.quantiles(latencies, n=20)[-1] * 1000,
            "median_ms": statistics.median(latencies) * 1000, "refused": len(failures), "first_refusal": failures[:1],
            "lost": len(expected - set(stored)), "duplicated": len(stored) - len(set(stored))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=250)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"Feedback collector, {args.answers} answers from {args.clients} clients over {args.concurrency} "
          f"connections at once, median of {args.runs} runs; {machine()}; {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC")
    with tempfile.TemporaryDirectory() as tmp:
        result = build(ROOT, Path(tmp) / "site")
        if result.returncode:
            raise SystemExit(f"build failed:\n{result.output[-2000:]}")
        runs = [one_run(result.site / "sitemap.xml", Path(tmp) / f"run{n}.sqlite3", args.answers, args.clients,
                        args.concurrency) for n in range(args.runs)]
    for n, run in enumerate(runs, 1):
        print(f"run {n}: {run['throughput']:.0f} answers/s, p95 {run['p95_ms']:.0f} ms, median {run['median_ms']:.0f} ms, "
              f"refused {run['refused']} {run['first_refusal'] or ''}, lost {run['lost']}, duplicated {run['duplicated']}")
    print(f"median: {statistics.median(r['throughput'] for r in runs):.0f} answers/s, "
          f"p95 latency {statistics.median(r['p95_ms'] for r in runs):.0f} ms; "
          f"lost {sum(r['lost'] for r in runs)}, duplicated {sum(r['duplicated'] for r in runs)}, "
          f"refused {sum(r['refused'] for r in runs)}")
    if any(r["lost"] or r["duplicated"] or r["refused"] for r in runs):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
