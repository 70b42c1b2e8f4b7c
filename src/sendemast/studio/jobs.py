"""Draft jobs, kept in the team database (``draft_jobs``, ``draft_job_events``) so that the studio holds
no state of its own: several studio processes behind one address share the database, and the page's
event stream may be answered by any of them, not only by the one that runs the draft.

The process that got the request runs the draft in a local worker thread (drafting blocks and is
CPU-bound, and a slow model must never hold up another request) and writes every event it makes to
the database, numbered in order (``seq``: the stream's event ids, so a page that reconnects with
``Last-Event-ID`` gets what it missed). A streaming model makes a token every few milliseconds, and a
commit per token would make the database the bottleneck: tokens are buffered and written together at
most every ``FLUSH_S``; any other event is written at once, with the tokens before it.

While a job runs, its process moves the job's heartbeat. A job still "running" with an old heartbeat
belongs to a process that died (a restart, a crash, a lost machine): its stream says so in one line and
ends, instead of waiting for events that will never come.
"""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
import threading
import time
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sendemast.studio.i18n import translate

if TYPE_CHECKING:
    from sendemast.team.db import Database

_log = logging.getLogger(__name__)

# How often a stream looks for new events: one small query per page, and tokens reach it this much later.
POLL_S = 0.1
# How long token events wait to be written together (any other event writes them at once).
FLUSH_S = 0.05
# A stream with nothing new sends a comment this often, so proxies and browsers keep it open.
KEEPALIVE_S = 15.0
# How often a process moves the heartbeat of the jobs it runs, and how old a heartbeat may be before a
# reader takes the job's process for dead (several missed beats: a busy machine is not a dead one).
HEARTBEAT_S = 5.0
STALE_S = 30.0
# Finished jobs are kept this long (a page may still reconnect), then deleted when a new one starts.
KEEP = timedelta(days=1)


@dataclass(frozen=True)
class JobInfo:
    """A job as the database has it: enough to decide who may follow it and whether it has ended."""

    id: str
    owner: str | None  # team mode: the account that started it; only she may follow it
    state: str  # running | done | failed

    @property
    def finished(self) -> bool:
        return self.state != "running"


@dataclass(frozen=True)
class _Seen:
    """One look at a job by a stream: its state before the events read after it, so none is lost."""

    state: str
    stale: bool
    events: list[tuple[int, str, dict[str, Any]]]


class Job:
    """A job in the process that runs it: the worker adds its events here, and the page that waits for
    the whole draft without JavaScript (in this same process) reads the result and the first error."""

    def __init__(self, board: JobBoard, job_id: str, owner: str | None, leader: str | None = None) -> None:
        self.id = job_id
        self.owner = owner
        self.leader = leader  # whose draft
        self.result: Any = None
        self.error: str | None = None  # the first error event's message
        self._board = board
        self._seq = 0
        self._pending: list[dict[str, Any]] = []
        self._oldest = 0.0  # when the first pending token was added (monotonic)
        self._lock = threading.Lock()  # the worker adds while the board's keeper may flush
        self._done = threading.Event()

    @property
    def finished(self) -> bool:
        return self._done.is_set()

    def add(self, kind: str, data: dict[str, Any]) -> None:
        """Record an event: a token waits for the next flush, anything else is written now."""
        if kind == "error" and self.error is None:
            self.error = str(data.get("message", ""))
        with self._lock:
            self._seq += 1
            if not self._pending:
                self._oldest = time.monotonic()
            self._pending.append({"job_id": self.id, "seq": self._seq, "kind": kind, "data": data})
            if kind != "token" or time.monotonic() - self._oldest >= FLUSH_S:
                self._write()

    def wait(self, timeout: float | None = None) -> bool:
        return self._done.wait(timeout)

    def _flush_if_due(self) -> None:
        with self._lock:
            if self._pending and time.monotonic() - self._oldest >= FLUSH_S:
                self._write()

    def _finish(self, result: Any) -> None:
        """Write what is pending and the final state in one transaction."""
        self.result = result
        try:
            with self._lock:
                self._write(state="failed" if self.error is not None else "done")
        finally:
            self._done.set()

    def _write(self, state: str | None = None) -> None:
        from sqlalchemy import func, insert, update

        from sendemast.team.models import DraftJob, DraftJobEvent

        with self._board.db.session() as session:
            if self._pending:
                session.execute(insert(DraftJobEvent), self._pending)
            if state is not None:
                session.execute(update(DraftJob).where(DraftJob.id == self.id)
                                .values(state=state, finished_at=func.now(), heartbeat_at=func.now()))
        self._pending = []


class JobBoard:
    """Starts jobs on a few local worker threads and reads any job, from any process, from the database.

    ``database`` opens the team database on first use (the single-user studio has one too: SQLite in
    the workspace's state folder), so that making an app opens no database before a draft needs it."""

    def __init__(self, database: Callable[[], Database], workers: int = 2) -> None:
        self._open = database
        self._db: Database | None = None
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="studio-job")
        self._local: dict[str, Job] = {}  # the jobs this process runs: it beats their hearts
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._keeper: threading.Thread | None = None

    @property
    def db(self) -> Database:
        if self._db is None:
            self._db = self._open()
        return self._db

    def submit(self, work: Callable[[Job], Any], *, command: str = "draft", owner: str | None = None,
               leader: str | None = None) -> Job:
        """Start ``work(job)`` in a worker; what it returns is the job's result. ``work`` reports its own
        errors as ``error`` events; anything it lets escape becomes one, without a traceback. A job with
        an error event ends "failed", else "done"."""
        from sqlalchemy import delete, func, insert

        from sendemast.team.models import DraftJob

        job = Job(self, secrets.token_urlsafe(12), owner, leader)
        cutoff = datetime.now(UTC) - KEEP
        with self.db.session() as session:
            # The purge rides on each new job: cheap, as the tables hold about a day of jobs. A job whose
            # process died never finishes; its last heartbeat dates it.
            session.execute(delete(DraftJob).where(DraftJob.finished_at < cutoff))
            session.execute(delete(DraftJob).where(DraftJob.state == "running",
                                                   DraftJob.heartbeat_at < cutoff))
            session.execute(insert(DraftJob).values(id=job.id, owner=owner, leader=leader, command=command,
                                                    state="running", created_at=func.now(),
                                                    heartbeat_at=func.now()))
        with self._lock:
            self._local[job.id] = job
            self._start_keeper()
        self._wake.set()

        def run() -> None:
            result = None
            try:
                result = work(job)
            except Exception as exc:  # the page gets a message; the log gets the details
                _log.exception("studio job failed")
                job.add("error", {"message": f"{type(exc).__name__}: {exc}"})
            finally:
                try:
                    job._finish(result)
                except Exception:  # the database is gone: the stopped heartbeat tells the readers
                    _log.exception("studio job could not record its end")
                with self._lock:
                    self._local.pop(job.id, None)

        self._pool.submit(run)
        return job

    def get(self, job_id: str) -> JobInfo | None:
        """The job, whichever process runs it; None when there is no such job (or it was purged)."""
        from sendemast.team.models import DraftJob

        if len(job_id) > 64:
            return None
        with self.db.session() as session:
            row = session.get(DraftJob, job_id)
            return JobInfo(row.id, row.owner, row.state) if row is not None else None

    def shutdown(self) -> None:
        """Stop starting jobs and beating hearts. Drafts already running still record their end; any
        queued one stays "running" without a heartbeat, which its readers then see as a stopped process."""
        self._stop.set()
        self._wake.set()
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _look(self, job_id: str, cursor: int) -> _Seen | None:
        from sqlalchemy import func, select

        from sendemast.team.models import DraftJob, DraftJobEvent

        with self.db.session() as session:
            row = session.execute(select(DraftJob.state, DraftJob.heartbeat_at, func.now())
                                  .where(DraftJob.id == job_id)).first()
            if row is None:
                return None
            state, beat, now = row
            # The database's clock on both sides: the processes may run on machines whose clocks differ.
            stale = state == "running" and _utc(now) - _utc(beat) > timedelta(seconds=STALE_S)
            found = session.execute(select(DraftJobEvent.seq, DraftJobEvent.kind, DraftJobEvent.data)
                                    .where(DraftJobEvent.job_id == job_id, DraftJobEvent.seq > cursor)
                                    .order_by(DraftJobEvent.seq)).all()
        return _Seen(state, stale, [(seq, kind, data) for seq, kind, data in found])

    def _start_keeper(self) -> None:
        if self._keeper is None or not self._keeper.is_alive():
            self._keeper = threading.Thread(target=self._keep, name="studio-job-keeper", daemon=True)
            self._keeper.start()

    def _keep(self) -> None:
        """Flush tokens that waited long enough, and move the heartbeat of this process's jobs."""
        from sqlalchemy import func, update

        from sendemast.team.models import DraftJob

        last_beat = time.monotonic()
        while not self._stop.is_set():
            with self._lock:
                jobs = list(self._local.values())
            if not jobs:
                self._wake.wait()
                self._wake.clear()
                continue
            self._stop.wait(FLUSH_S)
            try:
                for job in jobs:
                    job._flush_if_due()
                if time.monotonic() - last_beat >= HEARTBEAT_S:
                    last_beat = time.monotonic()
                    with self.db.session() as session:
                        session.execute(update(DraftJob).where(DraftJob.id.in_([j.id for j in jobs]),
                                                               DraftJob.state == "running")
                                        .values(heartbeat_at=func.now()))
            except Exception:  # a database hiccup: the next round tries again
                _log.exception("studio job keeper could not reach the database")


def _utc(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes; every time in the team database is UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def sse(event_id: int, kind: str, data: dict[str, Any]) -> str:
    payload = json.dumps(data, ensure_ascii=False)
    # One data line: json.dumps never emits a raw newline, so the payload cannot end the event early.
    return f"id: {event_id}\nevent: {kind}\ndata: {payload}\n\n"


async def stream(board: JobBoard, job_id: str, cursor: int = 0, lang: str = "da") -> AsyncIterator[str]:
    """The job's events after ``cursor``, then ``end`` once it is done or failed, or an ``error`` (in
    ``lang``) and the end when its process stopped. Polls the database instead of holding a thread."""
    yield "retry: 2000\n\n"
    quiet_since = time.monotonic()
    while True:
        seen = await asyncio.to_thread(board._look, job_id, cursor)
        if seen is None:  # purged while followed: nothing more will come
            yield sse(cursor + 1, "end", {})
            return
        for seq, kind, data in seen.events:
            cursor = seq
            yield sse(seq, kind, data)
            quiet_since = time.monotonic()
        if seen.state != "running":
            yield sse(cursor + 1, "end", {})
            return
        if seen.stale:
            yield sse(cursor + 1, "error", {"message": translate("job_process_stopped", lang)})
            yield sse(cursor + 2, "end", {})
            return
        if time.monotonic() - quiet_since > KEEPALIVE_S:
            yield ": keep-alive\n\n"
            quiet_since = time.monotonic()
        await asyncio.sleep(POLL_S)
