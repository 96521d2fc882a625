"""Run the real feedback collector (`python -m feedback serve`) in a subprocess, and talk to it.

Used by the service tests, the browser tests and bench/feedback_load.py. Nothing is mocked:
the service is the same command `make feedback` runs, on a free port of 127.0.0.1.
"""

from __future__ import annotations

import http.client
import json
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg

from feedback.settings import DEFAULT_SEARCH_CAP
from feedback.storage import is_url
from tests.ports import free_port
from tests.sitebuild import ROOT

START_TIMEOUT = 20.0


@dataclass
class Reply:
    """An HTTP answer: status, headers (lower-case names) and the JSON body (None if not JSON)."""

    status: int
    headers: dict[str, str]
    body: object


@dataclass
class Collector:
    """A running collector: its base URL, its database (SQLite file or PostgreSQL URL), its process and its log."""

    url: str
    port: int
    db: str | Path
    process: subprocess.Popen
    log: Path | None = None

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None) -> Reply:
        """One HTTP request on a new connection."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            raw = response.read()
            try:
                parsed = json.loads(raw)
            except ValueError:
                parsed = None
            return Reply(response.status, {k.lower(): v for k, v in response.getheaders()}, parsed)
        finally:
            connection.close()

    def post(self, payload: object, *, origin: str, client: str = "192.0.2.1", raw: bytes | None = None,
             headers: dict | None = None, route: str = "/api/feedback") -> Reply:
        """POST `payload` as JSON to `route` from the page origin `origin`, as client address `client`.

        The collector trusts X-Forwarded-For from 127.0.0.1 (a reverse proxy on the same
        host), so `client` stands for a different reader's address.
        """
        body = raw if raw is not None else json.dumps(payload).encode()
        sent = {"Content-Type": "application/json", "Origin": origin, "X-Forwarded-For": client, **(headers or {})}
        return self.request("POST", route, body, sent)

    def rows(self) -> list[tuple]:
        """Every stored answer as (page, answer, comment), in the order stored."""
        return stored_rows(self.db)

    def is_up(self) -> bool:
        """True once GET /api/health answers in JSON: ready (200) or not ready (503)."""
        reply = self.request("GET", "/api/health")
        return (reply.status, isinstance(reply.body, dict) and reply.body.get("status")) in (
            (200, "ok"), (503, "not_ready"))


def read(db: str | Path, sql: str, params: tuple = ()) -> list[tuple]:
    """The rows of `sql` (placeholders `?`) in the SQLite file or PostgreSQL URL `db`, on a connection of its own.

    A SQLite file that does not exist has no rows (and is not created).
    """
    if is_url(db):
        with psycopg.connect(str(db), autocommit=True) as connection:
            return connection.execute(sql.replace("?", "%s"), params).fetchall()
    if not Path(db).exists():
        return []
    connection = sqlite3.connect(db)
    try:
        return connection.execute(sql, params).fetchall()
    finally:
        connection.close()


def columns(db: str | Path, table: str) -> list[str]:
    """The column names of `table`, in order."""
    if is_url(db):
        # In the public schema: information_schema has a table called `views` of its own.
        return [name for (name,) in read(db, "SELECT column_name FROM information_schema.columns WHERE "
                                             "table_schema = 'public' AND table_name = ? ORDER BY ordinal_position",
                                         (table,))]
    return [row[1] for row in read(db, f"PRAGMA table_info({table})")]


def holds_text(db: str | Path, text: str) -> bool:
    """Whether `text` is anywhere in the database: the bytes of the SQLite files, or any row of any PostgreSQL table."""
    if not is_url(db):
        files = [path for path in Path(db).parent.iterdir() if path.name.startswith(Path(db).name)]
        return any(text.encode() in path.read_bytes() for path in files)
    tables = read(db, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
    return any(read(db, f'SELECT 1 FROM "{name}" AS row WHERE row::text LIKE ?', (f"%{text}%",))
               for (name,) in tables)


def stored_rows(db: str | Path, after_id: int = 0) -> list[tuple]:
    """The stored answers with an id above `after_id`, as (page, answer, comment)."""
    return read(db, "SELECT page, answer, comment FROM answers WHERE id > ? ORDER BY id", (after_id,))


def views(db: str | Path) -> dict[str, int]:
    """Every page's stored view count, all days together."""
    return {page: int(count) for page, count in read(db, "SELECT page, SUM(count) FROM views GROUP BY page")}


def contacts(db: str | Path) -> dict[str, int]:
    """The stored count of each contact-page step, all days together."""
    return {step: int(count) for step, count in read(db, "SELECT step, SUM(count) FROM contacts GROUP BY step")}


def last_id(db: str | Path) -> int:
    """The id of the newest stored answer (0 when there is none)."""
    rows = read(db, "SELECT COALESCE(MAX(id), 0) FROM answers")
    return rows[0][0] if rows else 0


def start(db: str | Path, sitemap: str, origins: list[str], *, config: Path = ROOT / "mkdocs.yml",
          rate_limit: str = "10/60", search_cap: str = DEFAULT_SEARCH_CAP, port: int | None = None, wrapper: tuple[str, ...] = (),
          log_dir: Path | None = None) -> Collector:
    """Start `python -m feedback serve` (under `wrapper`, e.g. strace) and wait until GET /api/health answers.

    Its log (stderr) goes to a file in `log_dir`: by default beside a SQLite file, named apart from
    it, or a new temporary folder for a PostgreSQL URL.
    """
    port = port or free_port()
    log_dir = log_dir or (Path(tempfile.mkdtemp(prefix="kb-collector-")) if is_url(db) else Path(db).parent)
    command = [*wrapper, sys.executable, "-m", "feedback", "serve", "--config", str(config), "--db", str(db),
               "--sitemap", sitemap, "--port", str(port), "--rate-limit", rate_limit,
               "--search-cap", search_cap,
               *(f"--origin={origin}" for origin in origins)]
    log = log_dir / f"collector-{port}.log"
    with open(log, "wb") as log_file:
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log_file)
    collector = Collector(f"http://127.0.0.1:{port}", port, db, process, log)
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"the collector exited with {process.returncode}: {log.read_text()}")
        try:
            if collector.is_up():
                return collector
        except OSError:
            pass
        if time.monotonic() > deadline:
            stop(collector)
            raise RuntimeError("the collector did not answer /api/health in time")
        time.sleep(0.1)


def stop(collector: Collector) -> None:
    """Stop the collector (SIGTERM, then SIGKILL) and wait for it, so nothing is left running."""
    if collector.process.poll() is None:
        collector.process.terminate()
        try:
            collector.process.wait(10)
        except subprocess.TimeoutExpired:
            collector.process.kill()
            collector.process.wait()


@contextmanager
def running(db: str | Path, sitemap: str, origins: list[str], **options) -> Iterator[Collector]:
    """A collector for the duration of a `with` block."""
    collector = start(db, sitemap, origins, **options)
    try:
        yield collector
    finally:
        stop(collector)
