"""Ingestion: incremental, idempotent, loses nothing on bad input, refuses paths outside the workspace."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from sendemast.corpus.ingest import ingest
from sendemast.errors import IndexError_, UsageError
from sendemast.workspace import load_workspace


def _files(root: Path, kind: str) -> int:
    return sum(1 for p in (root / kind).rglob("*") if p.is_file() and not p.name.startswith("."))


def test_first_run_adds_every_file_and_second_changes_nothing(example_workspace: Path) -> None:
    first = ingest(load_workspace(example_workspace))
    assert first.failed == []
    assert first.added == _files(example_workspace, "values") + _files(example_workspace, "posts")
    assert first.documents["posts"] >= 40
    assert first.documents["values"] > first.added // 4  # values documents are chunked
    second = ingest(load_workspace(example_workspace))
    assert (second.added, second.updated, second.removed) == (0, 0, 0)
    assert second.unchanged == first.added
    assert second.documents == first.documents


def test_changed_file_is_replaced_and_removed_file_dropped(copy_of_ingested: Path) -> None:
    ws = load_workspace(copy_of_ingested)
    before = ingest(ws).documents
    post = sorted((copy_of_ingested / "posts").rglob("*.md"))[0]
    post.write_text(
        post.read_text(encoding="utf-8") + "\nEn ny sidste linje om kantinens æblekage.\n", encoding="utf-8"
    )
    other = sorted((copy_of_ingested / "posts").rglob("*.md"))[1]
    other.unlink()
    report = ingest(ws)
    assert (report.added, report.updated, report.removed) == (0, 1, 1)
    assert report.documents["posts"] == before["posts"] - 1
    from sendemast.retrieval import open_retriever

    hits = open_retriever(ws).search("kantinens æblekage", kind="posts", k=1, mode="lexical")
    assert hits and hits[0].source.endswith(post.name)


def test_bad_files_are_listed_and_the_rest_still_lands(example_workspace: Path) -> None:
    values = example_workspace / "values"
    (values / "broken.pdf").write_bytes(b"%PDF-1.4\nthis is not really a pdf")
    (values / "latin1.md").write_bytes("# Overskrift\nÆbler og pærer".encode("latin-1"))
    (values / "empty.md").write_text("  \n", encoding="utf-8")
    (values / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (example_workspace / "posts" / "tweets.js").write_text(
        "window.YTD.tweets.part0 = [ {oops", encoding="utf-8"
    )
    (example_workspace / "posts" / "Shares.csv").write_text("Foo,Bar\n1,2\n", encoding="utf-8")
    report = ingest(load_workspace(example_workspace))
    failed = {f["path"]: f["error"] for f in report.failed}
    assert set(failed) == {
        "values/broken.pdf",
        "values/latin1.md",
        "values/empty.md",
        "values/binary.txt",
        "posts/tweets.js",
        "posts/Shares.csv",
    }
    assert all("\n" not in reason and reason for reason in failed.values())
    assert report.documents["posts"] >= 40 and report.documents["values"] > 10


def test_oversized_file_fails_with_the_limit_named(example_workspace: Path) -> None:
    toml = example_workspace / "sendemast.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8").replace("max_file_mb = 20", "max_file_mb = 0.001"), encoding="utf-8"
    )
    report = ingest(load_workspace(example_workspace), kind="values")
    assert report.failed and all("over the" in f["error"] and "limit" in f["error"] for f in report.failed)


def test_symlink_out_of_the_workspace_is_refused(example_workspace: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text("# Hemmeligt\nDette må ikke indekseres.", encoding="utf-8")
    os.symlink(secret, example_workspace / "values" / "link.md")
    report = ingest(load_workspace(example_workspace), kind="values")
    assert {
        "path": "values/link.md",
        "error": "symlink points outside the workspace; refused",
    } in report.failed


def test_paths_outside_the_workspace_are_refused(example_workspace: Path, tmp_path: Path) -> None:
    ws = load_workspace(example_workspace)
    with pytest.raises(UsageError, match="outside the workspace"):
        ingest(ws, [tmp_path])
    with pytest.raises(UsageError, match="outside the workspace"):
        ingest(ws, [example_workspace / "values" / ".." / ".." / "elsewhere"])


def test_explicit_path_and_kind(example_workspace: Path) -> None:
    ws = load_workspace(example_workspace)
    report = ingest(ws, [example_workspace / "values"])
    assert report.added == _files(example_workspace, "values")
    assert set(report.documents) == {"values"}


def test_rebuild_reindexes_everything(copy_of_ingested: Path) -> None:
    report = ingest(load_workspace(copy_of_ingested), rebuild=True)
    assert report.unchanged == 0 and report.added > 40


def test_embedder_mismatch_suggests_rebuild(copy_of_ingested: Path) -> None:
    from sendemast.retrieval.store import VectorStore

    ws = load_workspace(copy_of_ingested)
    store = VectorStore(ws.settings.chroma, ws.state_dir, "onnx/some-other-model")
    with pytest.raises(IndexError_, match="rebuild"):
        store.collection("posts")


def test_second_ingest_at_once_refuses_clearly(example_workspace: Path) -> None:
    from filelock import FileLock

    ws = load_workspace(example_workspace)
    with FileLock(str(ws.state_dir / "ingest.lock")), pytest.raises(IndexError_, match="another"):
        ingest(ws, lock_timeout=0.2)


def test_cli_json_summary_and_exit_codes(example_workspace: Path) -> None:
    import subprocess
    import sys

    cmd = [sys.executable, "-m", "sendemast", "-w", str(example_workspace), "ingest", "--json"]
    first = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    summary = json.loads(first.stdout)
    assert set(summary) == {"added", "updated", "removed", "unchanged", "failed", "values", "leaders"}
    (example_workspace / "values" / "broken.docx").write_bytes(b"PK\x03\x04 not a zip")
    second = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert second.returncode == 1
    assert "Traceback" not in second.stderr
    summary = json.loads(second.stdout)
    assert summary["added"] == 0 and summary["failed"][0]["path"] == "values/broken.docx"
