"""The history store: one JSON file per entry, atomic, listed newest first, found by id prefix."""

from __future__ import annotations

from pathlib import Path

import pytest

from sendemast.drafting.history import HistoryStore
from sendemast.errors import UsageError


def test_start_save_and_get_by_prefix(history_dir: Path) -> None:
    store = HistoryStore(history_dir)
    entry = store.start("draft", {"text": "noter"}, "fake/draft")
    assert (history_dir / f"{entry['id']}.json").is_file()
    entry["status"] = "ok"
    store.save(entry)
    assert store.get(entry["id"][:17])["status"] == "ok"
    assert [e["id"] for e in store.entries()] == [entry["id"]]
    assert not list(history_dir.glob(".tmp-*"))


def test_unknown_ambiguous_and_hostile_ids(history_dir: Path) -> None:
    store = HistoryStore(history_dir)
    first = store.start("draft", {}, "fake/a")
    store.start("draft", {}, "fake/b")
    with pytest.raises(UsageError, match="matches 2"):
        store.get(first["id"][:8])
    with pytest.raises(UsageError, match="no history entry"):
        store.get("19990101")
    with pytest.raises(UsageError, match="not a history id"):
        store.get("../../etc/passwd")
