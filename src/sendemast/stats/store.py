"""A leader's figures on disk: ``stats/figures.jsonl`` in her folder (the workspace root for the root
leader), one JSON object a line:

- ``{"kind": "post", "key", "url", "channel", "date", "text", "source", "imported_at", <figures>}``: one
  snapshot of a post's figures; a re-import that changes them adds a snapshot, so the history stays;
- ``{"kind": "day", "date", "impressions", "engagements", "imported_at"}``: a day of the profile (the
  newest import wins);
- ``{"kind": "followers", "total", "on", "imported_at"}`` and ``{"kind": "demographic", "category",
  "value", "share", "imported_at"}``: the newest import's set is the one shown.

The file is written whole to a temporary file and moved into place, so an import is all or nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sendemast.stats.keys import url_key
from sendemast.stats.models import FIGURES, Export

if TYPE_CHECKING:
    from sendemast.leaders import Leader

STATS_DIR = "stats"
FIGURES_FILE = "figures.jsonl"


def figures_path(leader: Leader) -> Path:
    return leader.root / STATS_DIR / FIGURES_FILE


@dataclass
class StoredPost:
    key: str
    url: str
    channel: str
    date: dt.date | None
    text: str
    snapshots: list[dict[str, Any]] = field(default_factory=list)  # oldest first

    def current(self) -> dict[str, int | None]:
        """Each figure as the newest snapshot that has it says."""
        out: dict[str, int | None] = dict.fromkeys(FIGURES)
        for snap in self.snapshots:
            for name in FIGURES:
                if snap.get(name) is not None:
                    out[name] = snap[name]
        return out


@dataclass
class StoredFigures:
    posts: dict[str, StoredPost] = field(default_factory=dict)
    days: dict[str, dict[str, Any]] = field(default_factory=dict)  # ISO date -> the row
    followers: dict[str, Any] | None = None
    demographics: list[dict[str, Any]] = field(default_factory=list)

    def records(self) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for post in self.posts.values():
            for snap in post.snapshots:
                out.append({"kind": "post", "key": post.key, "url": post.url, "channel": post.channel,
                            "date": post.date.isoformat() if post.date else None, "text": post.text, **snap})
        out += [{"kind": "day", **self.days[d]} for d in sorted(self.days)]
        if self.followers:
            out.append({"kind": "followers", **self.followers})
        out += [{"kind": "demographic", **row} for row in self.demographics]
        return out


@dataclass
class MergeCounts:
    added: int = 0  # posts seen for the first time
    updated: int = 0  # posts whose figures changed (a snapshot added)
    unchanged: int = 0
    days: int = 0


def post_key(url: str, channel: str, date: dt.date | None, text: str) -> str:
    key = url_key(url)
    if key:
        return key
    return f"{channel}:{date.isoformat() if date else ''}:{' '.join(text.split())[:60]}"


_CACHE: dict[Path, tuple[tuple[int, int], StoredFigures]] = {}
_LOCK = threading.Lock()


def load(path: Path) -> StoredFigures:
    """The stored figures (empty when there is no file); kept in memory until the file changes."""
    try:
        stat = path.stat()
    except OSError:
        return StoredFigures()
    stamp = (stat.st_mtime_ns, stat.st_size)
    cached = _CACHE.get(path)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    from sendemast.jsonlines import read_jsonl

    stored = StoredFigures()
    for _, row in read_jsonl(path):
        kind = row.pop("kind", None)
        if kind == "post":
            key = str(row.pop("key"))
            day = row.pop("date", None)
            post = stored.posts.get(key)
            if post is None:
                post = stored.posts[key] = StoredPost(
                    key=key, url=str(row.pop("url", "")), channel=str(row.pop("channel", "")),
                    date=dt.date.fromisoformat(day) if day else None, text=str(row.pop("text", "")))
            for extra in ("url", "channel", "text"):
                row.pop(extra, None)
            post.snapshots.append(row)
        elif kind == "day":
            stored.days[str(row["date"])] = row
        elif kind == "followers":
            stored.followers = row
        elif kind == "demographic":
            stored.demographics.append(row)
    with _LOCK:
        _CACHE[path] = (stamp, stored)
    return stored


def merge(path: Path, export: Export, now: dt.datetime) -> MergeCounts:
    """Add ``export`` to the figures in ``path`` and write the file anew (atomically)."""
    import copy

    stored = copy.deepcopy(load(path))
    stamp = now.isoformat(timespec="seconds")
    counts = MergeCounts()
    for row in export.posts:
        key = post_key(row.url, row.channel, row.date, row.text)
        figures = row.figures()
        post = stored.posts.get(key)
        if post is None:
            post = stored.posts[key] = StoredPost(key, row.url, row.channel, row.date, row.text[:280])
            counts.added += 1
        elif all(post.current()[k] == v for k, v in figures.items() if v is not None):
            counts.unchanged += 1
            continue
        else:
            counts.updated += 1
        post.snapshots.append({"source": export.source, "layout": export.layout, "imported_at": stamp,
                               **figures})
    for day in export.daily:
        iso = day.day.isoformat()
        stored.days[iso] = {"date": iso, "impressions": day.impressions, "engagements": day.engagements,
                            "imported_at": stamp}
        counts.days += 1
    if export.followers_total is not None:
        stored.followers = {"total": export.followers_total,
                            "on": export.followers_on.isoformat() if export.followers_on else None,
                            "imported_at": stamp}
    if export.demographics:
        stored.demographics = [{"category": d.category, "value": d.value, "share": d.share,
                                "imported_at": stamp} for d in export.demographics]
    write(path, stored.records())
    return counts


def write(path: Path, records: list[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".figures-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as f:
            for record in records:
                f.write(json.dumps(record, ensure_ascii=False) + "\n")
            f.flush()
            os.fsync(f.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
