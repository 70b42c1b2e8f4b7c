"""The live check: the chosen leader's ``LeaderContext.check`` (her profile, the workspace's rules) and
its fragment.

Checking is pure Python and CPU-bound, so in one process every check waits for the GIL. ``CheckPool``
runs checks in worker processes (one per core, started with the studio), so concurrent checks use every
core and none holds up the event loop. Each worker holds the workspace's :class:`Organisation`: one
leader context per leader, built the first time a check for her arrives. Without a pool (tests, one
core) checks run in a thread.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import json
import logging
import multiprocessing
import os
import pickle
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from sendemast.errors import SendemastError, UsageError
from sendemast.studio.rendering import fragment

if TYPE_CHECKING:
    from sendemast.assembly import Organisation
    from sendemast.workspace import Workspace


class Checker:
    """A leader's check of a post and its rendered fragment, as the check page and the editors show it."""

    def __init__(self, organisation: Organisation) -> None:
        self.organisation = organisation
        self.ruleset = organisation.ruleset
        self.linkedin_fold = (self.ruleset.channels.get("linkedin") or {}).get("hook_chars")

    def check(self, text: str, channel: str, audience: str | None = None, leader: str | None = None,
              source: str | None = None, source_kind: str = "notes") -> dict[str, Any]:
        """``leader``'s check (None: the workspace's default leader); an unknown leader or channel is a
        UsageError, an audience her profile does not have is ignored; ``source`` is the draft's notes or
        the rewrite's original, when known."""
        if channel not in self.ruleset.channels:
            raise UsageError(f"unknown channel {channel!r} (known: {', '.join(self.ruleset.channels)})")
        context = self.organisation.leader(leader)
        profile = context.check_profile
        if audience and (profile is None or audience not in {a.id for a in profile.audiences}):
            audience = None
        return context.check(text, channel, audience, source=source, source_kind=source_kind,
                             typing=True).to_dict()

    def html(self, lang: str, text: str, check: dict[str, Any] | None) -> Markup:
        return fragment("_check.html", lang, text=text, check=check, uid="c",
                        linkedin_fold=self.linkedin_fold)

    def check_and_render(self, text: str, channel: str, audience: str | None, lang: str,
                         leader: str | None = None, source: str | None = None,
                         source_kind: str = "notes") -> tuple[dict[str, Any] | None, str]:
        check = (self.check(text, channel, audience, leader, source, source_kind)
                 if text.strip() else None)
        return check, str(self.html(lang, text, check))


_worker: Checker | None = None


def _start_worker(root: str) -> None:
    global _worker
    from sendemast.assembly import Organisation
    from sendemast.leaders import leader_ids
    from sendemast.workspace import load_workspace

    workspace = load_workspace(Path(root))
    _worker = Checker(Organisation(workspace))
    with contextlib.suppress(SendemastError):  # a broken workspace: the first check says what is wrong
        first = next(iter(leader_ids(workspace)), None)  # any leader: the rules and word lists cost
        _worker.check_and_render("Varm op med et kort opslag om Fjordmark.", "linkedin", None, "da", first)
    # What is loaded now (rules, word lists, the profile) lives as long as the worker: frozen, the
    # collector never walks it again; and a check makes thousands of short-lived objects, so young
    # collections run less often. Measured on a 3,000-character check: about 10 % less CPU.
    gc.freeze()
    gc.set_threshold(20_000, 20, 20)


def answer_json(check: dict[str, Any] | None, html: str) -> bytes:
    """The live check's answer as the API sends it: made where the check ran."""
    return json.dumps({"check": check, "html": html}, ensure_ascii=False).encode()


def _work(text: str, channel: str, audience: str | None, lang: str, leader: str | None,
          source: str | None = None, source_kind: str = "notes") -> bytes:
    assert _worker is not None, "the check worker was not started"
    try:
        return b"ok" + answer_json(*_worker.check_and_render(text, channel, audience, lang, leader, source,
                                                             source_kind))
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


@dataclass
class _Worker:
    process: Any
    conn: Connection
    ready: Connection
    pending: deque[asyncio.Future[bytes]] = field(default_factory=deque)  # answers come back in order


class CheckPool:
    """Worker processes that each hold the workspace's rules and its leaders' profiles, one pipe each.

    Not ``ProcessPoolExecutor``: its manager and queue-feeder threads wake on every task and hand the
    GIL back and forth with the event loop; measured with ``bench/bench_studio.py``, that cost the
    studio process more CPU per live check than parsing and answering the request. Here a request is
    one write to a worker's pipe, and the event loop reads the answer when it arrives. Each worker may
    hold ``DEPTH`` requests, so it starts the next check at once instead of waiting for the busy event
    loop to hand it one (bench_studio.py, 20 clients: p95 71 ms with one at a time, 53 with two, 49 with
    three).
    """

    DEPTH = 3

    def __init__(self, workspace: Workspace, workers: int) -> None:
        # spawn, not fork: the studio process runs threads (uvicorn, drafting) that a fork would copy
        # in whatever state they are in
        self._context = multiprocessing.get_context("spawn")
        self.workers = workers
        self._root = str(workspace.root)
        self._slots: asyncio.Semaphore | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._workers = [self._start_one() for _ in range(workers)]

    def _start_one(self) -> _Worker:
        ours, theirs = self._context.Pipe(duplex=True)
        ready_in, ready_out = self._context.Pipe(duplex=False)
        process = self._context.Process(target=_serve, args=(self._root, theirs, ready_out),
                                        name="sendemast-check", daemon=True)
        process.start()
        theirs.close()
        ready_out.close()
        worker = _Worker(process, ours, ready_in)
        if self._loop is not None:
            self._listen(worker)
        return worker

    def warm(self, timeout: float = 120.0) -> None:
        """Wait until every worker has loaded the workspace (they start at once, with the studio)."""
        for worker in list(self._workers):
            with contextlib.suppress(EOFError, OSError):
                if worker.ready.poll(timeout):
                    worker.ready.recv_bytes()

    async def run(self, text: str, channel: str, audience: str | None, lang: str,
                  leader: str | None = None, source: str | None = None,
                  source_kind: str = "notes") -> bytes:
        """The answer's JSON for ``leader``'s post (None: the default leader), made by the least busy
        worker (waiting when all are full); ``source``: the draft's notes or the rewrite's original."""
        if self._loop is None:  # the event loop that uses the pool reads its pipes
            self._loop = asyncio.get_running_loop()
            self._slots = asyncio.Semaphore(self.DEPTH * self.workers)
            for worker in self._workers:
                self._listen(worker)
        assert self._slots is not None
        async with self._slots:
            worker = min(self._workers, key=lambda w: len(w.pending))
            answer: asyncio.Future[bytes] = self._loop.create_future()
            worker.pending.append(answer)
            try:
                os.set_blocking(worker.conn.fileno(), True)  # uvloop's add_reader made it non-blocking
                worker.conn.send_bytes(pickle.dumps((text, channel, audience, lang, leader, source,
                                                     source_kind)))
            except OSError:
                self._lost(worker)
            got = await answer
        if got.startswith(b"no"):
            raise UsageError(got[2:].decode())
        if got.startswith(b"er"):
            raise CheckUnavailable(f"the check failed unexpectedly ({got[2:].decode()})")
        return got[2:]

    def _listen(self, worker: _Worker) -> None:
        assert self._loop is not None
        self._loop.add_reader(worker.conn.fileno(), self._answered, worker)

    def _answered(self, worker: _Worker) -> None:
        fd = worker.conn.fileno()
        try:
            # blocking again: a large answer arrives in several chunks, and this read waits the
            # microseconds until the worker has written it all
            os.set_blocking(fd, True)
            got = worker.conn.recv_bytes()
        except (EOFError, OSError):  # the worker died (killed, out of memory)
            self._lost(worker)
            return
        if worker.pending:
            answer = worker.pending.popleft()
            if not answer.done():
                answer.set_result(got)

    def _lost(self, worker: _Worker) -> None:
        """Replace a dead worker; what it was asked fails with one line, the next request works."""
        if worker not in self._workers:
            return
        assert self._loop is not None
        with contextlib.suppress(Exception):
            self._loop.remove_reader(worker.conn.fileno())
        worker.conn.close()
        worker.ready.close()
        worker.process.kill()
        self._workers[self._workers.index(worker)] = self._start_one()
        while worker.pending:
            answer = worker.pending.popleft()
            if not answer.done():
                answer.set_exception(CheckUnavailable("the check stopped unexpectedly; try again"))

    @property
    def _processes(self) -> list[Any]:  # for tests: the worker processes in order
        return [w.process for w in self._workers]

    def shutdown(self) -> None:
        for worker in self._workers:
            if self._loop is not None and not self._loop.is_closed():
                with contextlib.suppress(Exception):
                    self._loop.remove_reader(worker.conn.fileno())
            worker.conn.close()
        for worker in self._workers:
            worker.process.join(timeout=2)
            if worker.process.is_alive():
                worker.process.terminate()


class CheckUnavailable(SendemastError):
    exit_code = 1
