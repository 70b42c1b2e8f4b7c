"""Every draft and rewrite, with its inputs, kept in the team database (``history`` table) beside the
posts it becomes.

An entry is written when a request starts (status ``started``) and rewritten when it ends (``ok``,
``failed`` with the error, or ``refused`` by the privacy guard), so a request is on record even when the
model call fails or the process dies. IDs sort by time. When an entry ends ``ok`` and the store knows
its leader, its first output becomes a post in status ``kladde`` on the approval path, and the entry
records it as ``post_id``.

Workspaces from before the database kept one JSON file per entry under ``state_dir/history``; the
first :meth:`HistoryStore.for_workspace` imports them all (none is lost: an entry already in the
database is left as it is) and then renames the folder to ``history.migrated``, kept as a backup.
"""

from __future__ import annotations

import json
import logging
import re
import secrets
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sendemast.errors import SendemastError, UsageError

if TYPE_CHECKING:
    from sendemast.team.accounts import Account
    from sendemast.team.db import Database
    from sendemast.team.posts import Checker
    from sendemast.workspace import Workspace

log = logging.getLogger("sendemast.history")
MIGRATED_SUFFIX = ".migrated"


class HistoryStore:
    def __init__(
        self,
        db: Database,
        *,
        leader: str | None = None,
        user: Account | None = None,
        checker: Checker | None = None,
        capacity: str = "personal",
    ) -> None:
        """``leader``: whose drafts these are (None: entries only, no posts). ``user``: the account
        drafting (None: the local command line). ``checker``: re-checks a post when the entry carries
        no check of its own. ``capacity``: the leader's default, for a draft that chose none."""
        self.db = db
        self.leader = leader
        self.user = user
        self.checker = checker
        self.capacity = capacity

    @classmethod
    def for_workspace(
        cls, workspace: Workspace, *, leader: str | None = None, user: Account | None = None,
        capacity: str = "personal",
    ) -> HistoryStore:
        """The store of ``leader``'s drafts (the default leader's when None), with the workspace's old JSON
        history imported the first time."""
        from sendemast.team.db import open_workspace_database

        db = open_workspace_database(workspace)
        if leader is None:
            try:
                leader = workspace.leader(None).id
            except SendemastError:  # no usable profile, or several leaders: keep the history, make no posts
                leader = None
        store = cls(db, leader=leader, user=user, capacity=capacity)
        legacy = workspace.state_dir / "history"
        if legacy.is_dir():
            store.import_json_folder(legacy)
        return store

    def new_id(self) -> str:
        return f"{datetime.now(UTC):%Y%m%d-%H%M%S}-{secrets.token_hex(2)}"

    def save(self, entry: dict[str, Any]) -> str:
        """Insert or replace the entry; returns its id."""
        from sendemast.team.models import HistoryEntry

        data = _plain(entry)
        with self.db.session() as session:
            session.merge(HistoryEntry(
                id=str(data["id"]), time=str(data.get("time") or ""), command=str(data.get("command") or ""),
                status=str(data.get("status") or ""), leader=data.get("leader") or self.leader, data=data,
            ))
        if data.get("status") == "ok" and data.get("outputs") and not data.get("post_id") and self.leader:
            self._make_post(entry)
        return str(data["id"])

    def _make_post(self, entry: dict[str, Any]) -> None:
        """The entry's first output as a post in ``kladde``; a failure here is a warning, never a lost
        draft (the entry is saved already)."""
        from sendemast.team.models import HistoryEntry
        from sendemast.team.posts import insert_post

        first = entry["outputs"][0]
        text, channel = str(first.get("text") or ""), str(first.get("channel") or "linkedin")
        assert self.leader is not None
        check = first.get("check") or (self.checker(text, channel, self.leader) if self.checker else {})
        try:
            with self.db.session() as session:
                capacity = (entry.get("inputs") or {}).get("capacity") or self.capacity
                post = insert_post(session, self.user, self.leader, channel, text, _plain(check),
                                   history_id=str(entry["id"]), capacity=capacity)
                entry["post_id"] = post.id
                row = session.get(HistoryEntry, str(entry["id"]))
                if row is not None:
                    row.data = {**row.data, "post_id": post.id}
        except SendemastError as exc:
            log.warning("the draft is in the history but did not become a post: %s", exc.one_line())

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
        if self.leader:
            entry["leader"] = self.leader
        self.save(entry)
        return entry

    def entries(self) -> list[dict[str, Any]]:
        """All entries, newest first."""
        from sqlalchemy import select

        from sendemast.team.models import HistoryEntry

        with self.db.session() as session:
            rows = session.scalars(select(HistoryEntry).order_by(HistoryEntry.id.desc()))
            return [dict(e.data) for e in rows]

    def get(self, entry_id: str) -> dict[str, Any]:
        """The entry with this id, or the only one whose id starts with it."""
        from sqlalchemy import select

        from sendemast.team.models import HistoryEntry

        if not re.fullmatch(r"[\w-]+", entry_id or ""):
            raise UsageError(f"not a history id: {entry_id!r}")
        with self.db.session() as session:
            exact = session.get(HistoryEntry, entry_id)
            if exact is not None:
                return dict(exact.data)
            found = list(session.scalars(
                select(HistoryEntry).where(HistoryEntry.id.startswith(entry_id, autoescape=True)).limit(2)
            ))
        if not found:
            raise UsageError(f"no history entry {entry_id!r}", hint="see 'sendemast history list'")
        if len(found) > 1:
            with self.db.session() as session:
                from sqlalchemy import func

                count = session.scalar(select(func.count()).select_from(HistoryEntry).where(
                    HistoryEntry.id.startswith(entry_id, autoescape=True)))
            raise UsageError(f"{entry_id!r} matches {count} entries; give more of the id")
        return dict(found[0].data)

    def import_json_folder(self, folder: Path) -> int:
        """Import the old one-file-per-entry history once; returns how many entries were added.
        Files that cannot be read stay where they are, and so does the folder then, with a warning."""
        from filelock import FileLock
        from sqlalchemy import select

        from sendemast.team.models import HistoryEntry

        with FileLock(str(folder.parent / ".history-migration.lock")):
            if not folder.is_dir():  # another process migrated it while we waited
                return 0
            entries, unreadable = [], []
            for path in sorted(folder.glob("*.json")):
                try:
                    data = json.loads(path.read_text(encoding="utf-8"))
                    if not isinstance(data, dict) or not re.fullmatch(r"[\w-]+", str(data.get("id", ""))):
                        raise ValueError("not a history entry")
                    entries.append(data)
                except (OSError, ValueError):
                    unreadable.append(path.name)
            added = 0
            with self.db.session() as session:
                known = set(session.scalars(select(HistoryEntry.id)))
                for data in entries:
                    if str(data["id"]) in known:
                        continue
                    session.add(HistoryEntry(
                        id=str(data["id"]), time=str(data.get("time") or ""),
                        command=str(data.get("command") or ""), status=str(data.get("status") or ""),
                        leader=data.get("leader") or self.leader, data=_plain(data),
                    ))
                    known.add(str(data["id"]))
                    added += 1
            if unreadable:
                log.warning("%d history file(s) in %s could not be read and were not imported: %s",
                            len(unreadable), folder, ", ".join(unreadable[:5]))
                return added
            target = folder.with_name(folder.name + MIGRATED_SUFFIX)
            n = 1
            while target.exists():
                n += 1
                target = folder.with_name(f"{folder.name}{MIGRATED_SUFFIX}-{n}")
            folder.rename(target)
            return added


def _plain(value: Any) -> Any:
    """JSON-safe data (paths, dates and the like as strings), as the JSON files used to hold."""
    return json.loads(json.dumps(value, ensure_ascii=False, default=str))


def summarize(entry: dict[str, Any]) -> dict[str, Any]:
    """One line's worth of an entry, for listings (``sendemast history list``, the studio's history)."""
    text = " ".join(str((entry.get("inputs") or {}).get("text", "")).split())
    return {
        "id": entry.get("id"),
        "time": entry.get("time"),
        "command": entry.get("command"),
        "leader": entry.get("leader"),
        "status": entry.get("status"),
        "model": entry.get("model"),
        "post_id": entry.get("post_id"),
        "verdicts": [str(c.get("verdict")) for c in entry.get("checks") or []],
        "snippet": text[:60] + ("…" if len(text) > 60 else ""),
    }
