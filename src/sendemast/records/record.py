"""One post's public record as data: what the JSON holds and the PDF shows (see the package's docstring).

Made from the team database alone (the post, its versions, steps, comments and images; the drafting
history entry it came from), so a record made a year later says the same — except for the leader's
name and title, which are read from her profile when it is there.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sendemast.team import workflow

if TYPE_CHECKING:
    from sendemast.team.accounts import Account
    from sendemast.team.db import Database

SCHEMA = "sendemast.post-record/1"
NOTES_LABEL = {
    "da": "Internt arbejdsdokument – noterne opslaget blev skrevet ud fra; ikke en del af opslaget",
    "en": "Internal working document – the notes the post was written from; not part of the post",
}
NO_APPROVAL = "ingen redaktionel godkendelse"
CAPACITY_LABELS = {"personal": "på egne vegne (personal)", "official": "for myndigheden (official)"}


def build_record(
    db: Database,
    user: Account | None,
    post_id: int,
    *,
    profile_of: Callable[[str], Any] | None = None,
    made_at: datetime | None = None,
) -> dict[str, Any]:
    """The record of post ``post_id`` as ``user`` may see it (NotFound otherwise); ``profile_of`` gives a
    leader's profile (name, title, organisation) or None."""
    from sqlalchemy import select

    from sendemast.team.models import HistoryEntry, PostVersion
    from sendemast.team.posts import post_record

    post = post_record(db, user, post_id)  # asks permissions.can(user, "view", post)
    with db.session() as session:
        texts = {
            v.version: v.text
            for v in session.scalars(
                select(PostVersion).where(PostVersion.post_id == post_id).order_by(PostVersion.version)
            )
        }
        history = session.get(HistoryEntry, post["history_id"]) if post.get("history_id") else None
        entry = dict(history.data) if history is not None and isinstance(history.data, dict) else None

    steps = post["transitions"]
    approval = next((t for t in reversed(steps) if t["action"] == "approve"), None)
    published = next((t for t in reversed(steps) if t["action"] in ("publish", "publish_unapproved")), None)
    final_version = post.get("approved_version") or post["version"]
    final_text = texts.get(final_version, post["text"])
    record: dict[str, Any] = {
        "schema": SCHEMA,
        "made_at": (made_at or datetime.now(UTC)).isoformat(timespec="seconds"),
        "post": {
            "id": post["id"],
            "status": post["status"],
            "status_label": post["status_label"],
            "channel": post["channel"],
            "capacity": post.get("capacity", "personal"),
            "capacity_label": CAPACITY_LABELS.get(post.get("capacity", "personal")),
            "text": final_text,
            "text_is": "as published" if post["status"] == workflow.UDGIVET else "current version",
            "published_url": post.get("published_url"),
            "published_on": post.get("published_on"),
            "created_at": post["created_at"],
            "created_by": post["created_by"],
        },
        "leader": _leader(post["leader"], profile_of(post["leader"]) if profile_of is not None else None),
        "editorial_control": _editorial(approval, published),
        "path": steps,
        "comments": post.get("comments", []),
        "check_at_approval": (approval or {}).get("detail", {}).get("check") if approval else None,
        "quiet_periods_overridden": _unique(
            [p for t in steps for p in (t.get("detail") or {}).get("quiet_periods") or []]
        ),
        "images": [
            {
                k: i[k]
                for k in (
                    "position",
                    "filename",
                    "mime",
                    "width",
                    "height",
                    "size",
                    "sha256",
                    "alt_text",
                    "added_by",
                )
            }
            for i in post.get("images", [])
        ],
        "machine": _machine(entry),
        "changes": _changes(texts, final_version, post),
        "notes": _notes(entry),
    }
    return record


def _unique(periods: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen, out = set(), []
    for period in periods:
        key = (period.get("kind"), period.get("start"), period.get("until"), period.get("reason"))
        if key not in seen:
            seen.add(key)
            out.append(period)
    return out


def _leader(leader_id: str, profile: Any) -> dict[str, Any]:
    if profile is None:
        return {"id": leader_id, "name": None, "title": None, "organisation": None}
    return {
        "id": leader_id,
        "name": profile.name,
        "title": profile.title,
        "organisation": profile.organisation,
    }


def _editorial(approval: dict[str, Any] | None, published: dict[str, Any] | None) -> dict[str, Any]:
    """Whether a person reviewed the text and holds editorial responsibility (EU AI Act art. 50(4))."""
    if published is not None and published["action"] == "publish_unapproved":
        approval = None
    if approval is None:
        return {
            "approved": False,
            "statement": NO_APPROVAL,
            "by": None,
            "role": None,
            "at": None,
            "reason": None,
        }
    return {
        "approved": True,
        "by": approval["actor"],
        "role": approval.get("role"),
        "at": approval["created_at"],
        "reason": approval.get("reason"),
        "version": approval["version"],
        "statement": f"godkendt af {approval['actor']} ({approval.get('role') or 'ukendt rolle'}) "
        f"{approval['created_at']}",
    }


def _machine(entry: dict[str, Any] | None) -> dict[str, Any]:
    """What the machine contributed: the model, the prompt, the sentences of the first draft by origin
    (model, notes, template) and the sources it was grounded in. Nothing for a post typed by hand."""
    if entry is None:
        return {"drafted": False, "statement": "skrevet af et menneske; ingen maskinel kladde"}
    outputs = entry.get("outputs") or []
    first = outputs[0] if outputs else {}
    origins: dict[str, int] = {}
    for sentence in first.get("composition") or []:
        origin = str(sentence.get("origin") or "model")
        origins[origin] = origins.get(origin, 0) + 1
    return {
        "drafted": True,
        "command": entry.get("command"),
        "history_id": entry.get("id"),
        "time": entry.get("time"),
        "model": entry.get("model"),
        "prompt": entry.get("prompt"),
        "sentences_by_origin": origins,
        "sources": entry.get("sources") or [],
        "redactions": entry.get("redactions") or [],
    }


def _changes(texts: dict[int, str], final_version: int, post: dict[str, Any]) -> dict[str, Any]:
    """What people changed: the diff from the first text to the final one, the share of words a person
    changed (1 − difflib's ratio over words), and who saved each version."""
    first = texts.get(1, "")
    final = texts.get(final_version, post["text"])
    first_words, final_words = first.split(), final.split()
    ratio = (
        difflib.SequenceMatcher(None, first_words, final_words, autojunk=False).ratio()
        if (first_words or final_words)
        else 1.0
    )
    diff = list(
        difflib.unified_diff(
            first.splitlines(), final.splitlines(), "version 1", f"version {final_version}", lineterm="", n=1
        )
    )
    return {
        "first_version": 1,
        "final_version": final_version,
        "first_text": first,
        "diff": diff,
        "changed_share": round(1.0 - ratio, 3),
        "versions": post.get("versions", []),
    }


def _notes(entry: dict[str, Any] | None) -> dict[str, Any] | None:
    if entry is None:
        return None
    text = (entry.get("inputs") or {}).get("text")
    if not isinstance(text, str) or not text.strip():
        return None
    kind = "original" if entry.get("command") == "rewrite" else "notes"
    return {
        "kind": kind,
        "internal": True,
        "label": NOTES_LABEL["da"],
        "label_en": NOTES_LABEL["en"],
        "text": text,
    }
