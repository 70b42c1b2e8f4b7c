"""The draft job board on a real SQLite team database: events in order and resumable, tokens written in
batches, failures and a dead process ending the stream with one line, old jobs purged. Two boards on
one file stand for two studio processes: what one runs, the other streams."""

from __future__ import annotations

import asyncio
import json
import re
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from sendemast.studio import jobs
from sendemast.studio.jobs import Job, JobBoard, stream


@pytest.fixture
def board(db: Any) -> Iterator[JobBoard]:
    made = JobBoard(lambda: db)
    yield made
    made.shutdown()


def read(board: JobBoard, job_id: str, cursor: int = 0, lang: str = "da") -> list[tuple[int, str, Any]]:
    """Every event of the job's stream from ``cursor`` on, as (id, kind, data), until it ends."""

    async def collect() -> str:
        return "".join([chunk async for chunk in stream(board, job_id, cursor, lang)])

    text = asyncio.run(asyncio.wait_for(collect(), 30))
    found = []
    for block in text.split("\n\n"):
        event_id = re.search(r"^id: (\d+)$", block, re.M)
        kind = re.search(r"^event: (.+)$", block, re.M)
        data = re.search(r"^data: (.+)$", block, re.M)
        if event_id and kind and data:
            found.append((int(event_id.group(1)), kind.group(1), json.loads(data.group(1))))
    return found


def steps(job: Job) -> Any:
    job.add("step", {"step": "retrieve"})
    for word in ("Fjordmark ", "åbner ", "Havbakken."):
        job.add("token", {"variant": 1, "text": word})
    job.add("done", {"history_id": "h1"})
    return "the result"


def test_events_come_in_order_then_the_end_and_the_result_stays_local(board: JobBoard) -> None:
    job = board.submit(steps, owner="anna", leader="birgitte")
    assert job.wait(20) and job.result == "the result" and job.error is None
    got = read(board, job.id)
    assert [k for _, k, _ in got] == ["step", "token", "token", "token", "done", "end"]
    assert [i for i, _, _ in got] == [1, 2, 3, 4, 5, 6]
    assert "".join(d["text"] for _, k, d in got if k == "token") == "Fjordmark åbner Havbakken."
    info = board.get(job.id)
    assert info is not None and info.state == "done" and info.finished and info.owner == "anna"


def test_a_stream_resumes_after_the_last_event_it_saw(board: JobBoard) -> None:
    job = board.submit(steps)
    job.wait(20)
    assert [i for i, _, _ in read(board, job.id, cursor=3)] == [4, 5, 6]


def test_another_process_streams_the_job_while_it_runs(db: Any, board: JobBoard) -> None:
    gate = threading.Event()

    def work(job: Job) -> None:
        job.add("step", {"step": "retrieve"})
        assert gate.wait(20)
        job.add("done", {})

    job = board.submit(work, owner="anna")
    other = JobBoard(lambda: db)  # shares only the database
    threading.Timer(0.5, gate.set).start()
    assert [k for _, k, _ in read(other, job.id)] == ["step", "done", "end"]
    assert other.get(job.id).owner == "anna"  # type: ignore[union-attr]
    assert other.get("no-such-job") is None and other.get("x" * 500) is None


def test_tokens_are_written_in_batches_not_one_commit_each(db: Any, board: JobBoard) -> None:
    from sqlalchemy import event

    commits: list[float] = []
    event.listen(db.engine, "commit", lambda _conn: commits.append(time.monotonic()))

    def work(job: Job) -> None:
        for n in range(200):
            job.add("token", {"variant": 1, "text": f"t{n} "})
        job.add("draft", {"variant": 1, "html": "<p>…</p>"})

    job = board.submit(work)
    job.wait(20)
    got = read(board, job.id)
    assert [d["text"] for _, k, d in got if k == "token"] == [f"t{n} " for n in range(200)]
    # the insert of the job, a few timed flushes at most, the draft with the rest, the end
    assert len(commits) < 20, len(commits)


def test_a_lone_token_is_written_soon_without_another_event(board: JobBoard) -> None:
    gate = threading.Event()

    def work(job: Job) -> None:
        job.add("token", {"variant": 1, "text": "Hej"})
        assert gate.wait(20)

    job = board.submit(work)
    try:
        deadline = time.monotonic() + 5
        while not board._look(job.id, 0).events:  # type: ignore[union-attr]
            assert time.monotonic() < deadline, "the token was never written"
            time.sleep(0.02)
    finally:
        gate.set()
    job.wait(20)


def test_a_failing_job_gives_its_error_then_the_end(board: JobBoard) -> None:
    def work(job: Job) -> None:
        job.add("step", {"step": "retrieve"})
        raise RuntimeError("the index is gone")

    job = board.submit(work)
    assert job.wait(20) and job.error == "RuntimeError: the index is gone"
    got = read(board, job.id)
    assert [k for _, k, _ in got] == ["step", "error", "end"]
    assert got[1][2]["message"] == "RuntimeError: the index is gone"
    assert board.get(job.id).state == "failed"  # type: ignore[union-attr]
    reported = board.submit(lambda j: j.add("error", {"message": "the model server is down"}))
    reported.wait(20)
    assert board.get(reported.id).state == "failed"  # type: ignore[union-attr]


def _dead_job(db: Any, job_id: str, beat: datetime) -> None:
    """A job as a studio process leaves it when it dies mid-draft: running, one event, no heartbeat."""
    from sendemast.team.models import DraftJob, DraftJobEvent

    with db.session() as session:
        session.add(DraftJob(id=job_id, owner=None, leader="birgitte", command="draft", state="running",
                             created_at=beat, heartbeat_at=beat))
        session.flush()
        session.add(DraftJobEvent(job_id=job_id, seq=1, kind="step", data={"step": "retrieve"}))


@pytest.mark.parametrize(("lang", "words"), [("da", "Studio-processen"), ("en", "studio process")])
def test_a_job_whose_process_died_ends_with_one_line(db: Any, board: JobBoard, lang: str, words: str) -> None:
    _dead_job(db, "dead", datetime.now(UTC) - timedelta(seconds=jobs.STALE_S + 5))
    got = read(board, "dead", lang=lang)
    assert [(i, k) for i, k, _ in got] == [(1, "step"), (2, "error"), (3, "end")]
    assert words in got[1][2]["message"] and "\n" not in got[1][2]["message"]


def test_a_running_job_with_a_fresh_heartbeat_is_waited_for(
    db: Any, board: JobBoard, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(jobs, "STALE_S", 3.0)  # the heartbeat goes stale while the stream waits
    _dead_job(db, "slow", datetime.now(UTC))
    t0 = time.monotonic()
    got = read(board, "slow")
    assert [k for _, k, _ in got] == ["step", "error", "end"] and time.monotonic() - t0 >= 2.0


def test_jobs_finished_a_day_ago_are_purged_when_a_new_one_starts(db: Any, board: JobBoard) -> None:
    from sqlalchemy import func, select, update

    from sendemast.team.models import DraftJob, DraftJobEvent

    old, recent = board.submit(steps), board.submit(steps)
    assert old.wait(20) and recent.wait(20)
    _dead_job(db, "long-dead", datetime.now(UTC) - timedelta(days=2))
    with db.session() as session:
        session.execute(update(DraftJob).where(DraftJob.id == old.id)
                        .values(finished_at=datetime.now(UTC) - timedelta(days=1, minutes=1)))
    board.submit(steps).wait(20)
    assert board.get(old.id) is None and board.get("long-dead") is None
    assert board.get(recent.id) is not None
    with db.session() as session:
        left = session.execute(select(DraftJobEvent.job_id, func.count())
                               .group_by(DraftJobEvent.job_id)).all()
    assert old.id not in {job_id for job_id, _ in left} and len(left) == 2
    assert read(board, old.id) == [(1, "end", {})]  # a page still following a purged job just ends


@pytest.mark.server
def test_order_and_a_dead_process_on_both_databases(team_db_url: str) -> None:
    """The same on SQLite and a real PostgreSQL: their clocks and datetimes differ (naive, aware)."""
    from sendemast.team.db import open_database

    db = open_database(team_db_url)
    board = JobBoard(lambda: db)
    try:
        job = board.submit(steps, owner="anna")
        assert job.wait(20)
        assert [k for _, k, _ in read(board, job.id)] == ["step", "token", "token", "token", "done", "end"]
        _dead_job(db, "dead", datetime.now(UTC) - timedelta(seconds=jobs.STALE_S + 5))
        _dead_job(db, "alive", datetime.now(UTC))
        assert [k for _, k, _ in read(board, "dead", lang="en")] == ["step", "error", "end"]
        assert board._look("alive", 0).stale is False  # type: ignore[union-attr]
    finally:
        board.shutdown()
