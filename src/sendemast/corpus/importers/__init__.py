"""``sendemast import``: posts from where they live (export ZIPs, archives) copied into a leader's posts/.

The archive is read whole first (:mod:`archives`); replies to others and reposts are left out unless
asked for; posts the leader's folders already hold (same address, or same date and text) are duplicates.
The rest is written as JSON Lines under ``<posts>/imported/`` — temporary files renamed into place, so a
failure leaves nothing half-copied — and the leader's posts are then ingested. The workspace stays
complete: the copied file is part of the corpus like any other, and incremental ingestion keeps working.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sendemast.corpus.importers.archives import read_archive
from sendemast.corpus.importers.records import Archive, ImportedPost

if TYPE_CHECKING:
    from sendemast.corpus.ingest import IngestReport
    from sendemast.workspace import Leader, Workspace

IMPORT_FOLDER = "imported"
POSTS_PER_FILE = 1000  # keeps each file far below [corpus] max_file_mb


@dataclass
class ImportReport:
    format: str
    imported: int = 0
    skipped: int = 0  # replies to others, reposts, posts without text of their own, non-public statuses
    duplicates: int = 0
    files: list[str] = field(default_factory=list)  # written, relative to the workspace
    ingest: IngestReport | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"imported": self.imported, "skipped": self.skipped, "duplicates": self.duplicates,
                "ingest": self.ingest.to_dict() if self.ingest is not None else None}


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _keys(url: str, date: str, text: str) -> set[str]:
    keys = {f"text:{date}:{hashlib.sha256(_norm(text).encode()).hexdigest()}"}
    if url.strip():
        keys.add(f"url:{url.strip().rstrip('/').lower()}")
    return keys


def known_keys(workspace: Workspace, leader: Leader) -> set[str]:
    """Keys of every post already in the leader's posts folders, read with the corpus loaders."""
    from sendemast.corpus.ingest import scan
    from sendemast.corpus.loaders import load_file
    from sendemast.errors import CorpusError

    keys: set[str] = set()
    for rel, path in scan(workspace, None, "posts", leader).files["posts"].items():
        try:
            documents = load_file(path, rel, "posts")
        except CorpusError:
            continue  # ingest reports it; an unreadable file holds no post to collide with
        for doc in documents:
            keys |= _keys(str(doc.metadata.get("url", "")), str(doc.metadata.get("date", "")), doc.text)
    return keys


def select(archive: Archive, known: set[str], include_replies: bool) -> tuple[list[ImportedPost], int, int]:
    """(new posts, skipped, duplicates)."""
    skipped, duplicates, new = archive.unreadable, 0, []
    seen_ids: set[str] = set()
    for post in archive.posts:
        if not include_replies and (post.reply or post.repost):
            skipped += 1
            continue
        keys = _keys(post.url, post.date, post.text)
        if keys & known or post.id in seen_ids:
            duplicates += 1
            continue
        known |= keys
        seen_ids.add(post.id)
        new.append(post)
    return new, skipped, duplicates


def _write(folder: Path, stem: str, posts: list[ImportedPost]) -> list[Path]:
    """Parts of at most POSTS_PER_FILE posts: all written to temporary files first, then renamed."""
    folder.mkdir(parents=True, exist_ok=True)
    parts = [posts[i : i + POSTS_PER_FILE] for i in range(0, len(posts), POSTS_PER_FILE)]
    staged: list[tuple[str, Path]] = []
    try:
        for n, part in enumerate(parts, start=1):
            handle, tmp = tempfile.mkstemp(dir=folder, prefix=".import-", suffix=".tmp")
            staged.append((tmp, _free_name(folder, stem if len(parts) == 1 else f"{stem}-part{n}")))
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                for post in part:
                    out.write(json.dumps(post.record(), ensure_ascii=False) + "\n")
        for tmp, final in staged:
            os.replace(tmp, final)
    except BaseException:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)
        raise
    return [final for _, final in staged]


def _free_name(folder: Path, stem: str) -> Path:
    candidate, n = folder / f"{stem}.jsonl", 2
    while candidate.exists():
        candidate, n = folder / f"{stem}-{n}.jsonl", n + 1
    return candidate


def import_posts(
    workspace: Workspace,
    source: Path,
    *,
    leader: Leader | None = None,
    include_replies: bool = False,
    run_ingest: bool = True,
) -> ImportReport:
    """Copy the posts of ``source`` into the leader's posts folder and ingest them (see module docstring)."""
    from sendemast.errors import CorpusError

    leader = leader if leader is not None else workspace.leader(None)
    archive = read_archive(source)
    if not archive.posts and not archive.unreadable:
        raise CorpusError(f"{source.name} holds no posts")
    new, skipped, duplicates = select(archive, known_keys(workspace, leader), include_replies)
    report = ImportReport(format=archive.format, imported=len(new), skipped=skipped, duplicates=duplicates)
    if new:
        with source.open("rb") as handle:
            digest = hashlib.file_digest(handle, "sha256").hexdigest()[:12]
        written = _write(leader.posts_dir / IMPORT_FOLDER, f"{archive.format}-{digest}", new)
        report.files = [p.relative_to(workspace.root).as_posix() for p in written]
    if run_ingest:
        from sendemast.corpus.ingest import ingest

        report.ingest = ingest(workspace, None, kind="posts", leader=leader)
    return report


__all__ = ["ImportReport", "import_posts", "read_archive"]
