"""The organisation is the unit: a plain ``sendemast ingest`` indexes the values and every leader's posts,
reports each leader's counts and failures, and an empty leader index names the command that fills it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from tests.support.cli import run_cli

BROKEN = "leaders/hanne/posts/linkedin/2026-01-05-oedelagt.md"


@pytest.fixture(scope="module")
def plain_ingest(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, dict[str, Any]]:
    """The example workspace with a broken post in Hanne's folder, after one plain ``ingest --json``
    (run as a user runs it: its own process)."""
    import os
    import subprocess
    import sys

    from sendemast.workspace import init_workspace

    root = init_workspace(tmp_path_factory.mktemp("org") / "ws", example=True)
    broken = root / BROKEN
    broken.parent.mkdir(parents=True, exist_ok=True)
    broken.write_bytes("---\ndate: 2026-01-05\n---\n\nUdgivet på Sølvbryllupsdagen".encode("latin-1"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("SENDEMAST_")}
    done = subprocess.run([sys.executable, "-m", "sendemast", "-w", str(root), "ingest", "--json"],
                          capture_output=True, text=True, timeout=600, env=env)
    assert "Traceback" not in done.stderr, done.stderr
    return root, done.returncode, json.loads(done.stdout)


def _posts(root: Path, folder: str) -> int:
    return sum(1 for p in (root / folder).rglob("*") if p.is_file() and not p.name.startswith("."))


def test_a_plain_ingest_indexes_every_leader_and_reports_each(plain_ingest: tuple[Path, int, dict]) -> None:
    root, _, summary = plain_ingest
    assert set(summary["leaders"]) == {"birgitte", "hanne"}
    birgitte, hanne = summary["leaders"]["birgitte"], summary["leaders"]["hanne"]
    assert birgitte["added"] == _posts(root, "posts") and birgitte["failed"] == []
    assert hanne["added"] == _posts(root, "leaders/hanne/posts") - 1  # all but the broken one
    assert summary["values"]["added"] == _posts(root, "values")
    assert summary["added"] == summary["values"]["added"] + birgitte["added"] + hanne["added"]


def test_a_broken_file_in_a_leaders_posts_is_reported_and_the_rest_lands(
        plain_ingest: tuple[Path, int, dict]) -> None:
    _, code, summary = plain_ingest
    assert code == 1  # a failure is exit 1, as it has always been
    (failure,) = summary["failed"]
    assert failure["path"] == BROKEN and "UTF-8" in failure["error"]
    assert summary["leaders"]["hanne"]["failed"] == [failure]
    assert summary["leaders"]["hanne"]["added"] >= 20 and summary["leaders"]["birgitte"]["added"] >= 40


def test_then_her_search_finds_her_posts(plain_ingest: tuple[Path, int, dict], capsys: Any,
                                         monkeypatch: Any) -> None:
    root, _, _ = plain_ingest
    code, out, err = run_cli(capsys, monkeypatch, "-w", str(root), "--leader", "hanne", "search",
                             "nattevagt termokaffe", "--kind", "posts", "--json")
    assert code == 0, err
    sources = [hit["source"] for hit in json.loads(out)["results"]]
    assert sources and all(s.startswith("leaders/hanne/posts/") for s in sources)


def test_the_human_report_has_a_line_per_leader(plain_ingest: tuple[Path, int, dict], tmp_path: Path,
                                                capsys: Any, monkeypatch: Any) -> None:
    root = tmp_path / "ws"
    shutil.copytree(plain_ingest[0], root)
    code, out, _ = run_cli(capsys, monkeypatch, "-w", str(root), "ingest")
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith("values (shared): 0 added, 0 updated, 0 removed,")
    assert lines[1].startswith("birgitte: 0 added,") and lines[2].startswith("hanne: 0 added,")
    assert lines[3] == f"failed {BROKEN}: {plain_ingest[2]['failed'][0]['error']}"


def test_an_empty_leader_index_names_the_command_that_fills_it(
        example_workspace: Path, capsys: Any, monkeypatch: Any) -> None:
    ws = str(example_workspace)
    code, _, err = run_cli(capsys, monkeypatch, "-w", ws, "--leader", "hanne", "search", "nattevagt",
                           "--kind", "posts")
    assert code == 1
    assert "the posts index of hanne is empty" in err
    assert "run 'sendemast ingest' or 'sendemast --leader hanne ingest'" in err
    code, _, err = run_cli(capsys, monkeypatch, "-w", ws, "search", "nattevagt")
    assert code == 1 and "the index is empty (run 'sendemast ingest')" in err
