"""Helpers for tests that look into the team database (the drafting history lives there now)."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def history_entries(workspace_root: Path) -> list[dict[str, Any]]:
    """Every history entry of the workspace, newest first, read through the store."""
    from sendemast.team.history import HistoryStore
    from sendemast.workspace import load_workspace

    return HistoryStore.for_workspace(load_workspace(workspace_root)).entries()


def history_entry(workspace_root: Path, entry_id: str) -> dict[str, Any]:
    from sendemast.team.history import HistoryStore
    from sendemast.workspace import load_workspace

    return HistoryStore.for_workspace(load_workspace(workspace_root)).get(entry_id)


def sqlite_store(folder: Path) -> Any:
    """A history store on a fresh SQLite team database in ``folder``."""
    from sendemast.team.db import open_database
    from sendemast.team.history import HistoryStore

    folder.mkdir(parents=True, exist_ok=True)
    return HistoryStore(open_database(f"sqlite:///{folder / 'team.db'}"))
