"""A throwaway PostgreSQL server for the tests and bench/feedback_load.py, and the back-end fixtures.

`make postgres` installs Debian's server when it is missing. The server here lives in a new
temporary folder (initdb), listens on a free port of 127.0.0.1 with its socket in that folder,
trusts local connections, and is stopped and removed at the end. PostgreSQL refuses to run as
root, so as root (CI) initdb and pg_ctl run as the `postgres` user.
"""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

from tests.ports import free_port

BACKENDS = ("sqlite", "postgresql")
SERVER_USER = "postgres"
_names = itertools.count(1)


@dataclass
class Server:
    """A running throwaway server: its folder (data, socket, log) and port."""

    folder: Path
    port: int
    bin: Path
    settings: tuple[str, ...] = ()  # extra NAME=VALUE server settings, kept across restarts

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{SERVER_USER}@127.0.0.1:{self.port}/{database}"

    def create_database(self) -> str:
        """A new empty database; its URL."""
        name = f"feedback_{os.getpid()}_{next(_names)}"
        with psycopg.connect(self.url(), autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


def binaries() -> Path:
    """The bin folder of Debian's newest installed PostgreSQL."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda path: int(path.parts[-3]))
    if not found:
        raise RuntimeError("PostgreSQL is not installed: run `make postgres` (Debian's postgresql package)")
    return found[-1].parent


def as_server_user(command: list[str]) -> list[str]:
    """`command` as the postgres user when we are root (PostgreSQL will not run as root)."""
    return ["runuser", "-u", SERVER_USER, "--", *command] if os.geteuid() == 0 else command


def run(command: list[str]) -> None:
    result = subprocess.run(as_server_user(command), capture_output=True, text=True, check=False)
    if result.returncode:
        raise RuntimeError(f"{' '.join(command)} failed: {result.stdout}{result.stderr}")


def pg_ctl(server: Server, action: str) -> None:
    """`pg_ctl start|stop|restart`, waiting for it; the server logs to a file (a pipe would never close)."""
    options = " ".join([f"-p {server.port} -k {server.folder} -c listen_addresses=127.0.0.1",
                        *(f"-c {setting}" for setting in server.settings)])
    run([str(server.bin / "pg_ctl"), "-D", str(server.folder / "data"), "-l", str(server.folder / "server.log"),
         "-w", "-m", "fast", "-o", options, action])


def start_server(settings: tuple[str, ...] = ()) -> Server:
    """initdb into a new folder, then start the server on a free port (with `settings`, NAME=VALUE each);
    returns once it accepts connections."""
    folder = Path(tempfile.mkdtemp(prefix="kb-postgres-"))
    if os.geteuid() == 0:
        shutil.chown(folder, SERVER_USER, SERVER_USER)
    server = Server(folder, free_port(), binaries(), settings)
    # --no-sync only skips flushing initdb's own files: the server itself runs with fsync on.
    run([str(server.bin / "initdb"), "-D", str(folder / "data"), "-U", SERVER_USER, "--auth=trust",
         "--encoding=UTF8", "--no-sync"])
    pg_ctl(server, "start")
    return server


def stop_server(server: Server) -> None:
    """Stop the server and remove its folder."""
    try:
        pg_ctl(server, "stop")
    finally:
        shutil.rmtree(server.folder, ignore_errors=True)


@contextmanager
def server_running(settings: tuple[str, ...] = ()) -> Iterator[Server]:
    server = start_server(settings)
    try:
        yield server
    finally:
        stop_server(server)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[Server]:
    """One throwaway PostgreSQL server for the whole test session, started on first use."""
    with server_running() as server:
        yield server


@pytest.fixture(scope="module", params=BACKENDS)
def backend(request) -> str:
    """Each test module that asks for it runs once on SQLite and once on PostgreSQL."""
    return request.param


@pytest.fixture(scope="module")
def new_db(backend, request) -> Callable[[Path], str]:
    """A maker of fresh, empty databases of the module's back end: a file in `folder`, or a new server database."""
    if backend == "sqlite":
        return lambda folder: str(folder / "feedback.sqlite3")
    server = request.getfixturevalue("postgres_server")
    return lambda folder: server.create_database()
