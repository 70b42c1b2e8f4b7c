"""The history store: entries in the team database, listed newest first, found by id prefix; the old
JSON folder imported once, losing none."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sendemast.errors import UsageError
from tests.support.team import sqlite_store


def test_start_save_and_get_by_prefix(history_dir: Path) -> None:
    store = sqlite_store(history_dir)
    entry = store.start("draft", {"text": "noter"}, "fake/draft")
    assert store.get(entry["id"])["status"] == "started"
    entry["status"] = "ok"
    store.save(entry)
    assert store.get(entry["id"][:17])["status"] == "ok"
    assert [e["id"] for e in store.entries()] == [entry["id"]]


def test_unknown_ambiguous_and_hostile_ids(history_dir: Path) -> None:
    store = sqlite_store(history_dir)
    first = store.start("draft", {}, "fake/a")
    store.start("draft", {}, "fake/b")
    with pytest.raises(UsageError, match="matches 2"):
        store.get(first["id"][:8])
    with pytest.raises(UsageError, match="no history entry"):
        store.get("19990101")
    with pytest.raises(UsageError, match="not a history id"):
        store.get("../../etc/passwd")
    with pytest.raises(UsageError, match="no history entry"):
        store.get("2_")  # '_' is a LIKE wildcard: it must match only itself


def _old_entry(n: int, **extra: object) -> dict[str, object]:
    return {"id": f"20250101-1200{n:02d}-ab{n:02d}", "time": f"2025-01-01T12:00:{n:02d}+00:00",
            "command": "draft", "status": "ok", "inputs": {"text": f"noter {n} om Fjordmark"},
            "model": "fake/draft", "outputs": [{"text": f"Opslag {n}", "channel": "linkedin"}], **extra}


def test_old_json_history_is_imported_once_losing_none(example_workspace: Path) -> None:
    from sendemast.team.history import HistoryStore
    from sendemast.workspace import load_workspace

    folder = example_workspace / ".sendemast" / "history"
    folder.mkdir(parents=True)
    originals = [_old_entry(n, sources=[{"id": f"s{n}", "kind": "values", "title": "Æblehaven"}])
                 for n in range(12)]
    for entry in originals:
        (folder / f"{entry['id']}.json").write_text(json.dumps(entry, ensure_ascii=False), encoding="utf-8")

    ws = load_workspace(example_workspace)
    store = HistoryStore.for_workspace(ws)
    got = {e["id"]: e for e in store.entries()}
    assert set(got) == {e["id"] for e in originals}
    for entry in originals:  # every field as it was, not only the ids
        assert {k: got[entry["id"]][k] for k in entry} == entry
    assert [e["id"] for e in store.entries()] == sorted(got, reverse=True)
    assert not folder.exists() and (folder.parent / "history.migrated").is_dir()  # kept as a backup
    # Imported entries are history, not new posts on the board.
    assert all("post_id" not in e for e in store.entries())

    # Opening again imports nothing twice, and a new draft sits beside the old ones.
    again = HistoryStore.for_workspace(ws)
    new = again.start("draft", {"text": "nye noter"}, "fake/draft")
    assert len(again.entries()) == 13 and again.entries()[0]["id"] == new["id"]


def test_an_unreadable_old_file_is_left_in_place_not_lost(example_workspace: Path) -> None:
    from sendemast.team.history import HistoryStore
    from sendemast.workspace import load_workspace

    folder = example_workspace / ".sendemast" / "history"
    folder.mkdir(parents=True)
    good = _old_entry(1)
    (folder / f"{good['id']}.json").write_text(json.dumps(good), encoding="utf-8")
    (folder / "20250101-130000-dead.json").write_text("{half an entr", encoding="utf-8")
    store = HistoryStore.for_workspace(load_workspace(example_workspace))
    assert [e["id"] for e in store.entries()] == [good["id"]]
    assert (folder / "20250101-130000-dead.json").is_file()  # the folder stays until a person looks
    # A second open neither duplicates the good entry nor fails.
    assert len(HistoryStore.for_workspace(load_workspace(example_workspace)).entries()) == 1
