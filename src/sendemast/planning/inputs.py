"""The plan's inputs read from a workspace: past posts (through the corpus loaders), notes, values passages.

This is the per-workspace glue around the pure :func:`~sendemast.planning.core.make_plan`; an
organisation workspace calls the same functions once per leader.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from sendemast.planning.ideas import Note, Passage
from sendemast.planning.models import PastPost

if TYPE_CHECKING:
    from sendemast.corpus.documents import Document
    from sendemast.leaders import Leader
    from sendemast.profile import Profile
    from sendemast.workspace import Workspace

NOTES_FOLDER = "notes"
NOTES_SUFFIXES = (".md", ".txt")
PASSAGES_PER_TOPIC = 4


def load_posts(workspace: Workspace, leader: Leader | None = None) -> tuple[list[PastPost], list[str]]:
    """Every past post of the workspace's posts folders, dated in its time zone; and warnings for files
    that could not be read or posts without a date (they cannot be placed in a week)."""
    from sendemast.corpus.ingest import scan
    from sendemast.corpus.loaders import load_file
    from sendemast.errors import CorpusError

    zone = ZoneInfo(workspace.settings.timezone)
    found = scan(workspace, None, "posts", leader)
    warnings = [f"{f['path']}: {f['error']}" for f in found.failed]
    posts: list[PastPost] = []
    undated = 0
    for rel, path in sorted(found.files["posts"].items()):
        try:
            documents = load_file(
                path, rel, "posts", max_bytes=int(workspace.settings.corpus.max_file_mb * 2**20)
            )
        except CorpusError as exc:
            warnings.append(exc.one_line())
            continue
        for document in documents:
            post = past_post(document, zone)
            if post is None:
                undated += 1
            else:
                posts.append(post)
    if undated:
        warnings.append(f"{undated} post(s) without a date left out of the cadence")
    return posts, warnings


def past_post(document: Document, zone: ZoneInfo) -> PastPost | None:
    """A post document as the plan sees it; a time with an offset is moved into ``zone`` first, so a
    post made at 23:30 UTC counts on the next day in Copenhagen."""
    meta = document.metadata
    day, hour = _when(str(meta.get("posted_at") or ""), str(meta.get("date") or ""), zone)
    if day is None:
        return None
    return PastPost(
        id=document.id,
        day=day,
        hour=hour,
        channel=str(meta.get("channel") or ""),
        title=document.title,
        text=document.text,
        lang=str(meta.get("language") or "da"),
        url=str(meta.get("url") or ""),
    )


def _when(posted_at: str, date: str, zone: ZoneInfo) -> tuple[dt.date | None, int | None]:
    if posted_at:
        try:
            moment = dt.datetime.fromisoformat(posted_at)
        except ValueError:
            moment = None
        if moment is not None:
            local = moment.astimezone(zone) if moment.tzinfo else moment
            return local.date(), local.hour
    try:
        return (dt.date.fromisoformat(date), None) if date else (None, None)
    except ValueError:
        return None, None


def load_notes(workspace: Workspace, leader: Leader | None = None) -> list[Note]:
    """The leader's ``notes/`` files (Markdown or text), newest first; none when there is no folder."""
    folder = leader.notes_dir if leader is not None else workspace.root / NOTES_FOLDER
    if not folder.is_dir():
        return []
    zone = ZoneInfo(workspace.settings.timezone)
    notes = []
    for path in sorted(folder.rglob("*")):
        if path.suffix.lower() not in NOTES_SUFFIXES or not path.is_file() or path.name.startswith("."):
            continue
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue  # a notes file is optional material; an unreadable one is simply not suggested
        modified = dt.datetime.fromtimestamp(path.stat().st_mtime, zone).date()
        rel = path.relative_to(workspace.root).as_posix()
        notes.append(Note(id=rel, title=_title(text, path), text=text, modified=modified))
    notes.sort(key=lambda n: n.modified, reverse=True)
    return notes


def _title(text: str, path: Path) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip().lstrip("#").strip().removeprefix("Noter:").strip() or path.stem
    return path.stem


def values_passages(
    workspace: Workspace, profile: Profile, leader: Leader | None = None, retriever: Any = None
) -> tuple[dict[str, list[Passage]], list[str]]:
    """Values passages per strategic topic, through ``retriever`` (a caller that keeps one open, like
    the studio) or the workspace's; an index that is missing or unusable gives no passages and one
    warning, so the plan still comes out."""
    from sendemast.errors import SendemastError
    from sendemast.retrieval import open_retriever

    if not profile.topics:
        return {}, []
    try:
        retriever = retriever or open_retriever(workspace, leader)
        found = {}
        for topic in profile.topics:
            query = " ".join([topic.title, topic.description, *topic.keywords])
            hits = retriever.search(query, kind="values", k=PASSAGES_PER_TOPIC)
            found[topic.id] = [Passage(id=h.id, title=h.title, text=h.text) for h in hits]
    except SendemastError as exc:
        hint = "" if exc.hint else " (run 'sendemast ingest')"  # said once, not twice
        return {}, [f"no values passages for the ideas: {exc.one_line()}{hint}"]
    if not any(found.values()):
        return found, ["no values passages for the ideas: the index is empty (run 'sendemast ingest')"]
    return found, []
