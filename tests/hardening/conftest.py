"""Shared helpers for the hardening tests: the misbehaving OpenAI server, a recognisable fake key, and
``sendemast`` run as a user runs it (a subprocess) or in-process through ``main`` (fast)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest.mock import patch

from tests.support.faulty_openai import FaultyOpenAI, faulty_openai  # noqa: F401  (the fixture)

KEY = "sk-test-RECOGNISABLE-1234567890"
CPR = "120385-0006"  # a valid date and modulus 11: the kind the checker must not miss


@dataclass
class Ran:
    code: int
    out: str
    err: str
    elapsed: float = 0.0

    def error_lines(self) -> list[str]:
        return [line for line in self.err.splitlines() if line.startswith("error:")]


def openai_env(server: FaultyOpenAI | None, **settings: str) -> dict[str, str]:
    """The environment for a subprocess: the fake key, the server, and small timeouts for speed."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SENDEMAST_")}
    env.update(
        OPENAI_API_KEY=KEY,
        ANONYMIZED_TELEMETRY="False",
        SENDEMAST_MODEL__TIMEOUT_S="1",
        SENDEMAST_MODEL__MAX_RETRIES="2",
        PYTHONIOENCODING="utf-8",
    )
    if server is not None:
        env["OPENAI_BASE_URL"] = server.url
    env.update(settings)
    return env


def sendemast(
    *args: str, env: dict[str, str] | None = None, input: bytes | str | None = None, timeout: float = 180
) -> Ran:
    """``python -m sendemast ARGS`` in a subprocess: exit code, stdout and stderr as a user sees them."""
    import time

    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "sendemast", *args],
        input=input.encode("utf-8") if isinstance(input, str) else input,
        capture_output=True,
        env=env,
        timeout=timeout,
    )
    return Ran(
        done.returncode,
        done.stdout.decode("utf-8", "replace"),
        done.stderr.decode("utf-8", "replace"),
        time.monotonic() - started,
    )


def in_process(*args: str) -> Ran:
    """``sendemast ARGS`` through ``sendemast.cli.main`` in this process: errors mapped as for users."""
    from sendemast.cli import main

    out, err = io.StringIO(), io.StringIO()
    code = 0
    with patch.object(sys, "argv", ["sendemast", *args]), redirect_stdout(out), redirect_stderr(err):
        try:
            main()
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return Ran(code, out.getvalue(), err.getvalue())


def every_file_text(*roots: Path) -> dict[Path, bytes]:
    """Every regular file under ``roots`` (a file root is itself), as bytes."""
    found: dict[Path, bytes] = {}
    for root in roots:
        paths = [root] if root.is_file() else [p for p in root.rglob("*") if p.is_file()]
        for path in paths:
            found[path] = path.read_bytes()
    return found


def stored_chunks(root: Path, kind: str) -> list[Any]:
    """Every chunk the workspace's index holds for ``kind`` (texts included), read straight from Chroma."""
    from sendemast.retrieval.embedders import get_embedder
    from sendemast.retrieval.store import VectorStore
    from sendemast.workspace import load_workspace

    ws = load_workspace(root)
    store = VectorStore(ws.settings.chroma, ws.state_dir, get_embedder(ws.settings.embedder).id)
    return list(store.iter_all(kind, with_text=True))
