"""The same code against a real Chroma server (``chroma run`` on a loopback port), as a team would share."""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from sendemast.corpus.ingest import ingest
from sendemast.errors import IndexError_
from sendemast.retrieval import open_retriever
from sendemast.retrieval.lease import ServerLease
from sendemast.retrieval.store import VectorStore
from sendemast.workspace import load_workspace

pytestmark = pytest.mark.server


def _use_server(root: Path, url: str) -> None:
    toml = root / "sendemast.toml"
    prefix = f"t{uuid.uuid4().hex[:8]}"  # one server, many tests: keep their collections apart
    toml.write_text(
        toml.read_text(encoding="utf-8")
        .replace('url = ""', f'url = "{url}"')
        .replace("[chroma]", f'[chroma]\ncollection_prefix = "{prefix}"'),
        encoding="utf-8",
    )


def test_ingest_and_search_through_a_server(example_workspace: Path, chroma_url: str) -> None:
    _use_server(example_workspace, chroma_url)
    ws = load_workspace(example_workspace)
    first = ingest(ws)
    assert first.failed == [] and first.documents["posts"] >= 40
    assert not (ws.state_dir / "chroma").exists()  # nothing embedded: the server holds the index
    again = ingest(ws)
    assert (again.added, again.updated, again.removed) == (0, 0, 0)
    hits = open_retriever(ws).search("stormflod beredskab", k=3)
    assert len(hits) == 3


def test_a_colleague_sees_the_shared_index_without_ingesting(
    example_workspace: Path, chroma_url: str, tmp_path: Path
) -> None:
    _use_server(example_workspace, chroma_url)
    ingest(load_workspace(example_workspace))
    colleague = tmp_path / "colleague"
    shutil.copytree(example_workspace, colleague, ignore=shutil.ignore_patterns(".sendemast"))
    hits = open_retriever(load_workspace(colleague)).search("tillid", kind="values", k=2)
    assert len(hits) == 2  # the lexical side was rebuilt locally from what the server stores


def test_server_gone_mid_ingest_is_one_clear_error_and_rerun_completes(
    example_workspace: Path, tmp_path: Path
) -> None:
    from tests.support.servers import chroma_server

    data = tmp_path / "chroma-data"
    with chroma_server(data) as server:
        url = server.url
        _use_server(example_workspace, url)
        ws = load_workspace(example_workspace)
        ingest(ws, kind="values")

        from sendemast.retrieval.store import VectorStore

        real_upsert = VectorStore.upsert
        calls = {"n": 0}

        def upsert_then_die(self, *args, **kwargs):
            calls["n"] += 1
            real_upsert(self, *args, **kwargs)
            if calls["n"] == 1:
                server.process.terminate()
                server.process.wait(timeout=10)

        mp = pytest.MonkeyPatch()
        mp.setattr(VectorStore, "upsert", upsert_then_die)
        mp.setattr("sendemast.corpus.ingest.EMBED_BATCH", 8)
        try:
            with pytest.raises(IndexError_, match="Chroma server"):
                ingest(load_workspace(example_workspace), kind="posts")
        finally:
            mp.undo()
    # The same data folder, a new server on a new port: the re-run completes without duplicates.
    with chroma_server(data) as server2:
        url2 = server2.url
        toml = example_workspace / "sendemast.toml"
        toml.write_text(toml.read_text(encoding="utf-8").replace(url, url2), encoding="utf-8")
        ws = load_workspace(example_workspace)
        report = ingest(ws, kind="posts")
        assert report.failed == []
        assert report.added + report.updated > 0
        ids = [c.id for c in open_retriever(ws).store.iter_all("posts")]
        assert len(ids) == len(set(ids))
        assert ingest(ws, kind="posts").unchanged == report.added + report.updated + report.unchanged


HOLD_LEASE = """
import sys
from pathlib import Path
from sendemast.retrieval.embedders import get_embedder
from sendemast.retrieval.lease import ServerLease
from sendemast.retrieval.store import VectorStore
from sendemast.workspace import load_workspace

ws = load_workspace(Path(sys.argv[1]))
store = VectorStore(ws.settings.chroma, ws.state_dir, get_embedder(ws.settings.embedder).id)
lease = ServerLease(store, holder="birgitte@laptop (pid 4242)")
lease.acquire(timeout_s=20)
print("held", flush=True)
sys.stdin.read()  # until the test closes our input
lease.release()
"""


def _hold_lease_elsewhere(root: Path) -> subprocess.Popen[str]:
    """A colleague's ingest in progress: another process holding the server lease."""
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LEASE, str(root)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    return holder


def _store(root: Path) -> VectorStore:
    from sendemast.retrieval.embedders import get_embedder

    ws = load_workspace(root)
    return VectorStore(ws.settings.chroma, ws.state_dir, get_embedder(ws.settings.embedder).id)


def test_colleagues_take_turns_on_a_shared_server(example_workspace: Path, chroma_url: str,
                                                  tmp_path: Path) -> None:
    """The ingest file lock is per machine; on a shared server the lease makes a second ingest wait, or
    refuse naming who holds it, while another runs — and go ahead once that one has finished."""
    _use_server(example_workspace, chroma_url)
    colleague = tmp_path / "colleague"  # another checkout: its own state folder, so its own file lock
    shutil.copytree(example_workspace, colleague, ignore=shutil.ignore_patterns(".sendemast"))
    holder = _hold_lease_elsewhere(colleague)
    said: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: said.append(record.getMessage())  # type: ignore[method-assign]
    logging.getLogger("sendemast.retrieval.lease").addHandler(handler)
    try:
        with pytest.raises(IndexError_) as refused:
            ingest(load_workspace(example_workspace), lock_timeout=1.5)
        assert "birgitte@laptop (pid 4242)" in str(refused.value) and "\n" not in str(refused.value)
        # while it waited, it said so once (the CLI prints this as a "warning: …" line)
        assert said == ["waiting up to 2 s for birgitte@laptop (pid 4242) to finish ingesting into the "
                        "shared index"], said
    finally:
        logging.getLogger("sendemast.retrieval.lease").removeHandler(handler)
        holder.communicate(input="", timeout=30)  # the colleague's ingest finishes and lets go
    done = ingest(load_workspace(example_workspace), lock_timeout=5)
    assert done.failed == [] and done.documents["posts"] >= 40
    assert ServerLease(_store(example_workspace))._read() is None  # the ingest released its claim


def test_a_claim_left_by_a_crashed_process_of_this_machine_is_taken_over_at_once(
        example_workspace: Path, chroma_url: str) -> None:
    _use_server(example_workspace, chroma_url)
    holder = _hold_lease_elsewhere(example_workspace)
    holder.kill()  # no release: the claim stays on the server with 60 s to run
    holder.wait(timeout=10)
    started = time.monotonic()
    lease = ServerLease(_store(example_workspace))
    lease.acquire(timeout_s=5)
    assert time.monotonic() - started < 5
    lease.release()


def test_a_claim_from_another_machine_is_honoured_until_it_expires(example_workspace: Path,
                                                                   chroma_url: str) -> None:
    _use_server(example_workspace, chroma_url)
    store = _store(example_workspace)
    store.aux_collection("leases").upsert(ids=["ingest"], embeddings=[[0.0]], metadatas=[{
        "holder": "kim@desktop (pid 7)", "token": "theirs", "expires": time.time() + 1.5,
        "host": "another-machine", "pid": 7}])
    with pytest.raises(IndexError_, match="kim@desktop"):
        ServerLease(store).acquire(timeout_s=0.5)
    lease = ServerLease(store)
    lease.acquire(timeout_s=10)  # waits out the expiry, then takes over
    assert lease._read()["token"] == lease.token  # type: ignore[index]
    lease.release()
