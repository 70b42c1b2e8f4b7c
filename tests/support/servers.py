"""Start real local servers on free loopback ports for tests, and stop them afterwards."""

from __future__ import annotations

import contextlib
import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

BIN = Path(sys.executable).parent


def free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_http(url: str, proc: subprocess.Popen[bytes], timeout: float, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(
                f"server exited with {proc.returncode}: {log.read_text(errors='replace')[-2000:]}"
            )
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.2)
    raise RuntimeError(
        f"server at {url} did not answer within {timeout} s: {log.read_text(errors='replace')[-2000:]}"
    )


def wait_until_ready(port: int, timeout: float = 120.0) -> None:
    """Until the studio's ``/api/health`` says it has warmed up: it loads the model, the index and the
    check workers in the background after it starts, and a measurement taken before that would have
    the loading compete with the requests."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=5) as answer:
            if json.loads(answer.read())["ready"]:
                return
        time.sleep(0.2)
    raise RuntimeError(f"the studio on port {port} did not finish warming up in {timeout:.0f} s")


@contextlib.contextmanager
def running(
    cmd: list[str], health_url: str, log: Path, timeout: float = 60
) -> Iterator[subprocess.Popen[bytes]]:
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_for_http(health_url, proc, timeout, log)
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]


@contextlib.contextmanager
def chroma_server(data_dir: Path) -> Iterator[Server]:
    """``chroma run`` on a free loopback port."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    cmd = [str(BIN / "chroma"), "run", "--path", str(data_dir), "--host", "127.0.0.1", "--port", str(port)]
    with running(cmd, f"{url}/api/v2/heartbeat", data_dir.parent / f"chroma-{port}.log") as proc:
        yield Server(url, proc)


PG_BIN = Path("/usr/lib/postgresql/15/bin")


@dataclass
class Postgres:
    """A throwaway PostgreSQL cluster; ``url(db)`` is a SQLAlchemy URL for one of its databases."""

    host: str
    port: int
    user: str

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{self.user}@{self.host}:{self.port}/{database}"


def postgres_available() -> bool:
    return (PG_BIN / "initdb").is_file() and (PG_BIN / "pg_ctl").is_file()


@contextlib.contextmanager
def postgres_server() -> Iterator[Postgres]:
    """``initdb`` a fresh cluster in a temporary folder and start it on a free loopback port.

    PostgreSQL refuses to run as root, so as root it runs as the ``postgres`` user (``runuser``) in a
    folder that user owns; the cluster trusts local connections (loopback only, a test machine)."""
    import os
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="sendemast-pg-"))
    as_postgres: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
        folder.chmod(0o700)
        as_postgres = ["runuser", "-u", "postgres", "--"]
    port = free_port()
    user = "sendemast"
    log = folder / "postgres.log"
    try:
        subprocess.run(
            [*as_postgres, str(PG_BIN / "initdb"), "-D", str(folder / "db"), "-A", "trust", "-U", user,
             "--no-sync", "-E", "UTF8", "--locale", "C"],
            check=True, capture_output=True,
        )
        options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50"
        subprocess.run(
            [*as_postgres, str(PG_BIN / "pg_ctl"), "-D", str(folder / "db"), "-o", options, "-l", str(log),
             "-w", "-t", "60", "start"],
            check=True, capture_output=True,
        )
        yield Postgres("127.0.0.1", port, user)
    finally:
        subprocess.run(
            [*as_postgres, str(PG_BIN / "pg_ctl"), "-D", str(folder / "db"), "-m", "immediate", "-w", "stop"],
            capture_output=True,
        )
        shutil.rmtree(folder, ignore_errors=True)
