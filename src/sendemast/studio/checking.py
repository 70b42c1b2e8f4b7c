"""The live check: ``guidelines.check_post`` with the workspace's profile and rules, and its fragment.

Checking is pure Python and CPU-bound, so in one process every check waits for the GIL. ``CheckPool``
runs checks in worker processes (one per core, started with the studio), so concurrent checks use every
core and none holds up the event loop. Without a pool (tests, one core) checks run in a thread.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import multiprocessing
import os
import pickle
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from sendemast.errors import SendemastError, UsageError
from sendemast.studio.rendering import fragment

if TYPE_CHECKING:
    from sendemast.guidelines import Ruleset
    from sendemast.workspace import Workspace


class Checker:
    def __init__(self, workspace: Workspace, ruleset: Ruleset) -> None:
        self.workspace = workspace
        self.ruleset = ruleset
        self.linkedin_fold = (ruleset.channels.get("linkedin") or {}).get("hook_chars")

    def check(self, text: str, channel: str, audience: str | None = None) -> dict[str, Any]:
        from sendemast.guidelines import check_post

        if channel not in self.ruleset.channels:
            raise UsageError(f"unknown channel {channel!r} (known: {', '.join(self.ruleset.channels)})")
        profile = self.workspace.profile
        if audience and audience not in {a.id for a in profile.audiences}:
            audience = None
        return check_post(text, channel=channel, profile=profile, ruleset=self.ruleset,
                          audience=audience).to_dict()

    def html(self, lang: str, text: str, check: dict[str, Any] | None) -> Markup:
        return fragment("_check.html", lang, text=text, check=check, uid="c",
                        linkedin_fold=self.linkedin_fold)

    def check_and_render(self, text: str, channel: str, audience: str | None, lang: str
                         ) -> tuple[dict[str, Any] | None, str]:
        check = self.check(text, channel, audience) if text.strip() else None
        return check, str(self.html(lang, text, check))


_worker: Checker | None = None


def _start_worker(root: str) -> None:
    global _worker
    from sendemast.drafting.session import workspace_ruleset
    from sendemast.workspace import load_workspace

    workspace = load_workspace(Path(root))
    _worker = Checker(workspace, workspace_ruleset(workspace))
    _worker.check_and_render("Varm op med et kort opslag om Fjordmark.", "linkedin", None, "da")


def answer_json(check: dict[str, Any] | None, html: str) -> bytes:
    """The live check's answer as the API sends it: made where the check ran."""
    return json.dumps({"check": check, "html": html}, ensure_ascii=False).encode()


def _work(text: str, channel: str, audience: str | None, lang: str) -> bytes:
    assert _worker is not None, "the check worker was not started"
    try:
        return b"ok" + answer_json(*_worker.check_and_render(text, channel, audience, lang))
    except UsageError as exc:  # the one error a request can cause: the page shows it
        return b"no" + exc.one_line().encode()
    except Exception as exc:  # a bug: the worker lives on, the log gets the details, the page one line
        logging.getLogger(__name__).exception("live check failed")
        return b"er" + type(exc).__name__.encode()


def _serve(root: str, conn: Connection, ready: Connection) -> None:
    """A worker: load the workspace once, then answer one pickled request after another."""
    _start_worker(root)
    ready.send_bytes(b"ready")
    ready.close()
    while True:
        try:
            request = conn.recv_bytes()
        except (EOFError, OSError):  # the studio closed its end: stop
            return
        conn.send_bytes(_work(*pickle.loads(request)))


class CheckPool:
    """Worker processes that each hold the workspace's rules and profile, one pipe each.

    Not ``ProcessPoolExecutor``: its manager and queue-feeder threads wake on every task and hand the
    GIL back and forth with the event loop; measured with ``bench/bench_studio.py``, that cost the
    studio process more CPU per live check than parsing and answering the request. Here a request is
    one write to an idle worker's pipe and one read when the event loop sees the answer arrive.
    """

    def __init__(self, workspace: Workspace, workers: int) -> None:
        # spawn, not fork: the studio process runs threads (uvicorn, drafting) that a fork would copy
        # in whatever state they are in
        context = multiprocessing.get_context("spawn")
        self.workers = workers
        self._root = str(workspace.root)
        self._context = context
        self._processes: list[Any] = []
        self._ready: list[Connection] = []
        self._conns: list[Connection] = []
        for _ in range(workers):
            self._start_one()
        self._idle: asyncio.Queue[Connection] | None = None

    def _start_one(self) -> Connection:
        ours, theirs = self._context.Pipe(duplex=True)
        ready_in, ready_out = self._context.Pipe(duplex=False)
        process = self._context.Process(target=_serve, args=(self._root, theirs, ready_out),
                                        name="sendemast-check", daemon=True)
        process.start()
        theirs.close()
        ready_out.close()
        self._processes.append(process)
        self._ready.append(ready_in)
        self._conns.append(ours)
        return ours

    def _replace(self, dead: Connection) -> Connection:
        index = self._conns.index(dead)
        dead.close()
        self._processes.pop(index).kill()
        self._ready.pop(index).close()
        self._conns.pop(index)
        return self._start_one()

    def warm(self, timeout: float = 120.0) -> None:
        """Wait until every worker has loaded the workspace (they start at once, with the studio)."""
        for ready in self._ready:
            with contextlib.suppress(EOFError, OSError):
                if ready.poll(timeout):
                    ready.recv_bytes()

    async def run(self, text: str, channel: str, audience: str | None, lang: str) -> bytes:
        """The answer's JSON, made by a free worker (waiting for one when all are busy)."""
        if self._idle is None:  # made in the event loop that uses it
            self._idle = asyncio.Queue()
            for conn in self._conns:
                self._idle.put_nowait(conn)
        conn = await self._idle.get()
        try:
            answer = await self._ask(conn, pickle.dumps((text, channel, audience, lang)))
        except (EOFError, OSError):  # the worker died (killed, out of memory): replace it, say so
            conn = self._replace(conn)
            raise CheckUnavailable("the check stopped unexpectedly; try again") from None
        finally:
            self._idle.put_nowait(conn)
        if answer.startswith(b"no"):
            raise UsageError(answer[2:].decode())
        if answer.startswith(b"er"):
            raise CheckUnavailable(f"the check failed unexpectedly ({answer[2:].decode()})")
        return answer[2:]

    @staticmethod
    async def _ask(conn: Connection, request: bytes) -> bytes:
        loop = asyncio.get_running_loop()
        arrived = loop.create_future()
        fd = conn.fileno()
        # uvloop's add_reader makes the pipe non-blocking, and a large answer arrives in several
        # chunks: blocking again, the read below waits the microseconds until the worker wrote it all.
        os.set_blocking(fd, True)
        conn.send_bytes(request)
        loop.add_reader(fd, lambda: arrived.done() or arrived.set_result(None))
        try:
            await arrived
        finally:
            loop.remove_reader(fd)
        os.set_blocking(fd, True)
        return conn.recv_bytes()

    def shutdown(self) -> None:
        for conn in self._conns:
            conn.close()
        for process in self._processes:
            process.join(timeout=2)
            if process.is_alive():
                process.terminate()


class CheckUnavailable(SendemastError):
    exit_code = 1
