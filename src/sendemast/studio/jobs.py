"""Draft jobs: drafting runs in a worker thread (it is blocking and CPU-bound); its events are kept in
order on the job and streamed to the page as Server-Sent Events, so a slow model never holds up any
other request, and a page that reconnects (``Last-Event-ID``) gets what it missed.
"""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

_log = logging.getLogger(__name__)

# How often a stream looks for new events: tokens reach the page at most this much later.
POLL_S = 0.04
# A stream with nothing new sends a comment this often, so proxies and browsers keep it open.
KEEPALIVE_S = 15.0


@dataclass
class Job:
    id: str
    events: list[dict[str, Any]] = field(default_factory=list)
    finished: bool = False
    result: Any = None
    started: float = field(default_factory=time.monotonic)
    owner: str | None = None  # team mode: the account that started it; only she may follow it
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _done: threading.Event = field(default_factory=threading.Event, repr=False)

    def add(self, kind: str, data: dict[str, Any]) -> None:
        with self._lock:
            self.events.append({"kind": kind, **data})

    def since(self, cursor: int) -> list[dict[str, Any]]:
        with self._lock:
            return self.events[cursor:]

    def finish(self, result: Any = None) -> None:
        self.result = result
        self.finished = True
        self._done.set()

    def wait(self, timeout: float | None = None) -> bool:
        return self._done.wait(timeout)


class JobBoard:
    """Runs jobs on a small pool of worker threads and keeps the last ``keep`` jobs for their streams."""

    def __init__(self, workers: int = 2, keep: int = 200) -> None:
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="studio-job")
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._keep = keep
        self._lock = threading.Lock()

    def submit(self, work: Callable[[Job], Any]) -> Job:
        """Start ``work(job)`` in a worker; what it returns is the job's result. ``work`` reports its own
        errors as ``error`` events; anything it lets escape becomes one, without a traceback."""
        job = Job(id=secrets.token_urlsafe(12))
        with self._lock:
            self._jobs[job.id] = job
            while len(self._jobs) > self._keep:
                self._jobs.popitem(last=False)

        def run() -> None:
            result = None
            try:
                result = work(job)
            except Exception as exc:  # the page gets a message; the log gets the details
                _log.exception("studio job failed")
                job.add("error", {"message": f"{type(exc).__name__}: {exc}"})
            finally:
                job.finish(result)

        self._pool.submit(run)
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


def sse(event_id: int, kind: str, data: dict[str, Any]) -> str:
    payload = json.dumps(data, ensure_ascii=False)
    # One data line: json.dumps never emits a raw newline, so the payload cannot end the event early.
    return f"id: {event_id}\nevent: {kind}\ndata: {payload}\n\n"


async def stream(job: Job, cursor: int = 0) -> AsyncIterator[str]:
    """The job's events from ``cursor`` on, then the end; polls instead of holding a thread per page."""
    yield "retry: 2000\n\n"
    quiet_since = time.monotonic()
    while True:
        finished = job.finished  # read before the events, so none added just before the end is lost
        for event in job.since(cursor):
            cursor += 1
            data = dict(event)
            yield sse(cursor, str(data.pop("kind")), data)
            quiet_since = time.monotonic()
        if finished:
            yield sse(cursor + 1, "end", {})
            return
        if time.monotonic() - quiet_since > KEEPALIVE_S:
            yield ": keep-alive\n\n"
            quiet_since = time.monotonic()
        await asyncio.sleep(POLL_S)
