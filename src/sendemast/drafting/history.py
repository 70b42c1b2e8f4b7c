"""Every draft and rewrite, with its inputs, kept as one JSON file per entry under ``state_dir/history``.

An entry is written when a request starts (status ``started``) and rewritten when it ends (``ok``,
``failed`` with the error, or ``refused`` by the privacy guard), so a request is on record even when the
model call fails or the process dies. Writes are atomic (temporary file + rename). IDs sort by time.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sendemast.errors import UsageError


class HistoryStore:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def new_id(self) -> str:
        return f"{datetime.now(UTC):%Y%m%d-%H%M%S}-{secrets.token_hex(2)}"

    def save(self, entry: dict[str, Any]) -> Path:
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / f"{entry['id']}.json"
        handle, tmp = tempfile.mkstemp(dir=self.folder, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(entry, out, ensure_ascii=False, indent=2, default=str)
                out.write("\n")
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return path

    def start(self, command: str, inputs: dict[str, Any], model: str) -> dict[str, Any]:
        entry: dict[str, Any] = {
            "id": self.new_id(),
            "time": datetime.now(UTC).isoformat(timespec="seconds"),
            "command": command,
            "status": "started",
            "inputs": inputs,
            "model": model,
            "prompt": None,
            "outputs": [],
            "sources": [],
            "checks": [],
            "error": None,
        }
        self.save(entry)
        return entry

    def entries(self) -> list[dict[str, Any]]:
        """All entries, newest first; unreadable files are skipped rather than failing the listing."""
        if not self.folder.is_dir():
            return []
        found = []
        for path in sorted(self.folder.glob("*.json"), reverse=True):
            try:
                found.append(json.loads(path.read_text(encoding="utf-8")))
            except (OSError, ValueError):
                continue
        return found

    def get(self, entry_id: str) -> dict[str, Any]:
        """The entry with this id, or the only one whose id starts with it."""
        if not re.fullmatch(r"[\w-]+", entry_id or ""):
            raise UsageError(f"not a history id: {entry_id!r}")
        exact = self.folder / f"{entry_id}.json"
        candidates = [exact] if exact.is_file() else sorted(self.folder.glob(f"{entry_id}*.json"))
        if not candidates:
            raise UsageError(f"no history entry {entry_id!r}", hint="see 'sendemast history list'")
        if len(candidates) > 1:
            raise UsageError(f"{entry_id!r} matches {len(candidates)} entries; give more of the id")
        data: dict[str, Any] = json.loads(candidates[0].read_text(encoding="utf-8"))
        return data


def summarize(entry: dict[str, Any]) -> dict[str, Any]:
    """One line's worth of an entry, for listings (``sendemast history list``, the studio's history)."""
    text = " ".join(str((entry.get("inputs") or {}).get("text", "")).split())
    return {
        "id": entry.get("id"),
        "time": entry.get("time"),
        "command": entry.get("command"),
        "status": entry.get("status"),
        "model": entry.get("model"),
        "verdicts": [str(c.get("verdict")) for c in entry.get("checks") or []],
        "snippet": text[:60] + ("…" if len(text) > 60 else ""),
    }
