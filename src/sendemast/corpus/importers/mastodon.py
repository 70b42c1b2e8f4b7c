"""A Mastodon archive: ``outbox.json`` (ActivityStreams) and ``actor.json``, in the archive ZIP.

``Create`` activities of a ``Note`` are posts; ``Announce`` activities are boosts (reposts). A note
answering someone else is a reply; one answering the account itself is a thread, and kept. Notes that
were not public (followers-only, direct messages) are never imported: they were not published.
"""

from __future__ import annotations

import json
from typing import Any

from sendemast.corpus.importers.html_text import html_to_text
from sendemast.corpus.importers.records import Archive, ImportedPost
from sendemast.corpus.loaders.fields import clean_text
from sendemast.errors import CorpusError

PUBLIC = "https://www.w3.org/ns/activitystreams#Public"


def load_json(text: str, name: str) -> Any:
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        raise CorpusError(f"{name} is not valid JSON") from None


def read_outbox(outbox_text: str, actor_text: str | None, name: str) -> Archive:
    outbox = load_json(outbox_text, name)
    items = outbox.get("orderedItems") if isinstance(outbox, dict) else None
    if not isinstance(items, list):
        raise CorpusError(f"{name} is not a Mastodon outbox: no orderedItems")
    actor = load_json(actor_text, "actor.json") if actor_text else None
    own = str(actor.get("id", "")) if isinstance(actor, dict) else ""
    archive = Archive("mastodon")
    for item in items:
        if not isinstance(item, dict):
            raise CorpusError(f"{name}: an item of orderedItems is not an object")
        kind = item.get("type")
        note = item.get("object")
        if kind != "Create" or not isinstance(note, dict) or note.get("type") != "Note":
            archive.unreadable += 1  # boosts, and anything that is not a status of one's own
            continue
        audience = _list(note.get("to")) + _list(note.get("cc"))
        text = clean_text(html_to_text(str(note.get("content") or "")))
        if PUBLIC not in audience or not text:
            archive.unreadable += 1
            continue
        author = str(item.get("actor") or own)
        in_reply_to = str(note.get("inReplyTo") or "")
        archive.posts.append(ImportedPost(
            id=str(note.get("id") or note.get("url") or ""), text=text,
            date=str(note.get("published") or "")[:10], channel="mastodon",
            url=str(note.get("url") or note.get("id") or ""),
            reply=bool(in_reply_to) and not (author and in_reply_to.startswith(author.rstrip("/") + "/")),
        ))
    return archive


def _list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value] if isinstance(value, list) else []
