"""Two real ``sendemast ingest`` processes on one workspace at once: the second waits for the first or
refuses with one clear line, and afterwards the index is exactly what one run would have made."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from tests.hardening.conftest import openai_env, stored_chunks

NEW_POSTS = 30


def _corpus_files(root: Path, kind: str) -> dict[str, Path]:
    return {
        p.relative_to(root).as_posix(): p
        for p in (root / kind).rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(root).parts)
    }


def _give_both_runs_work(root: Path) -> None:
    """New posts, a changed one and a removed one: enough that the first run holds the lock a while."""
    folder = root / "posts" / "linkedin"
    for n in range(NEW_POSTS):
        (folder / f"2027-01-{n + 1:02d}-samtidig-{n}.md").write_text(
            f"---\ndate: 2027-01-{n + 1:02d}\nchannel: linkedin\ntitle: Opslag nummer {n}\n---\n\n"
            f"I dag var jeg på besøg nummer {n} i Fjordmark. Tak til holdet i afdeling {n} for en god "
            "snak om hverdagen, arbejdsmiljøet og de nye vasketoiletter.\n\n#FjordmarkKommune\n",
            encoding="utf-8",
        )
    posts = sorted(folder.glob("2025-*.md"))
    posts[0].write_text(posts[0].read_text(encoding="utf-8") + "\nEn ekstra linje.\n", encoding="utf-8")
    posts[1].unlink()


def _lock_is_held(lock_path: Path) -> bool:
    from filelock import FileLock, Timeout

    lock = FileLock(str(lock_path))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        return True
    lock.release()
    return False


def _assert_index_consistent(root: Path) -> None:
    from sendemast.retrieval.embedders import get_embedder
    from sendemast.retrieval.hybrid import lexical_cache_dir
    from sendemast.retrieval.lexical import LexicalIndex
    from sendemast.retrieval.store import VectorStore
    from sendemast.workspace import load_workspace

    ws = load_workspace(root)
    store = VectorStore(ws.settings.chroma, ws.state_dir, get_embedder(ws.settings.embedder).id)
    for kind in ("values", "posts"):
        chunks = stored_chunks(root, kind)
        ids = [c.id for c in chunks]
        assert len(ids) == len(set(ids)), f"duplicate {kind} ids"
        by_file = Counter(str(c.metadata["file"]) for c in chunks)
        on_disk = _corpus_files(root, kind)
        assert set(by_file) == set(on_disk), set(by_file) ^ set(on_disk)
        for chunk in chunks:
            rel = str(chunk.metadata["file"])
            assert chunk.metadata["file_chunks"] == by_file[rel], f"{rel}: chunks of two runs mixed"
            assert chunk.metadata["file_hash"] == hashlib.sha256(on_disk[rel].read_bytes()).hexdigest(), rel
        # A BM25 index on disk that carries the store's revision is trusted by search as it is: it
        # must hold exactly the stored ids. (One with another revision is rebuilt when first searched.)
        lexical = LexicalIndex.load(lexical_cache_dir(ws.state_dir, store, kind))
        if kind == "posts":  # the runs changed posts: theirs was rebuilt for this very store
            assert lexical is not None and lexical.revision == store.revision(kind)
        if lexical is not None and lexical.revision == store.revision(kind):
            assert sorted(lexical.ids) == sorted(ids), f"{kind}: BM25 and Chroma differ"


@pytest.mark.slow
def test_two_ingests_at_once_then_the_index_is_consistent(copy_of_ingested: Path) -> None:
    root = copy_of_ingested
    _give_both_runs_work(root)
    env = openai_env(None)
    command = [sys.executable, "-m", "sendemast", "-w", str(root), "ingest", "--json"]
    lock = root / ".sendemast" / "ingest.lock"

    first = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    deadline = time.monotonic() + 120
    while first.poll() is None and not _lock_is_held(lock) and time.monotonic() < deadline:
        time.sleep(0.02)
    contended = first.poll() is None  # the first run holds the lock while the second starts
    second = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    out1, err1 = first.communicate(timeout=300)
    out2, err2 = second.communicate(timeout=300)
    assert contended, "the first run finished before the second started: nothing was tested"

    assert first.returncode == 0 and b"Traceback" not in err1, err1.decode()
    report = json.loads(out1)
    assert (report["added"], report["updated"], report["removed"], report["failed"]) == (NEW_POSTS, 1, 1, [])

    err2_text = err2.decode()
    assert "Traceback" not in err2_text
    if second.returncode == 0:  # it waited for the lock, then found the first run's work done
        waited = json.loads(out2)
        assert (waited["added"], waited["updated"], waited["removed"], waited["failed"]) == (0, 0, 0, [])
    else:  # it refused: one clear line, nothing on standard output
        assert second.returncode == 1 and out2 == b"", (out2, err2_text)
        (line,) = err2_text.splitlines()
        assert line.startswith("error: another 'sendemast ingest' is running on this workspace"), line

    third = subprocess.run(command, capture_output=True, env=env, timeout=300)
    assert third.returncode == 0, third.stderr.decode()
    again = json.loads(third.stdout)
    # a plain ingest is the organisation's: the values and every leader's posts (Hanne's too)
    files = sum(len(_corpus_files(root, kind)) for kind in ("values", "posts", "leaders/hanne/posts"))
    totals = {k: v for k, v in again.items() if k not in ("values", "leaders")}
    assert totals == {"added": 0, "updated": 0, "removed": 0, "unchanged": files, "failed": []}
    _assert_index_consistent(root)
