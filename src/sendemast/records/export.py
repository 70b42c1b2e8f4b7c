"""Records for a period as one ZIP, for an access-to-documents request (aktindsigt) or an import into
the authority's records system (ESDH): a folder per post (``post-0042/record.pdf``, ``record.json``,
``images/1-foto.jpg``), ``index.csv`` with one line per post, and ``dialogue/<leader>.json`` with the
replies sent and the moderation actions taken in the period (who, when, why).

Which posts: those *published* in the period (``published_on``), and with ``include_unpublished`` also
those created in it that never went out. Only posts the user may view are exported; asking for a leader
whose posts she may not see is refused, not answered with an empty file.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sendemast.errors import UsageError
from sendemast.team.errors import NotFound

if TYPE_CHECKING:
    from sendemast.team.accounts import Account
    from sendemast.team.db import Database

INDEX_FIELDS = (
    "id",
    "leader",
    "leader_name",
    "channel",
    "capacity",
    "status",
    "created_at",
    "published_on",
    "published_url",
    "approved",
    "approved_by",
    "approved_role",
    "approved_at",
    "model",
    "changed_share",
    "images",
    "folder",
)


@dataclass
class ExportResult:
    path: Path
    posts: int
    leaders: list[str]
    dialogue_entries: int = 0  # replies sent and moderation actions in the period


def export_records(
    db: Database,
    user: Account | None,
    out: Path,
    *,
    start: date,
    end: date,
    leader: str | None = None,
    include_unpublished: bool = False,
    profile_of: Callable[[str], Any] | None = None,
) -> ExportResult:
    """Writes the ZIP at ``out`` (atomically: a failed export leaves no half file)."""
    from sendemast.records.pdf import record_pdf
    from sendemast.records.record import build_record
    from sendemast.team.images import image_data
    from sendemast.team.permissions import can
    from sendemast.team.posts import list_posts

    if end < start:
        raise UsageError(f"the period ends {end.isoformat()}, before it starts ({start.isoformat()})")
    if leader is not None and user is not None and not can(user, "view", leader):
        raise NotFound(f"no posts for leader {leader!r} that you may see")
    chosen = []
    for post in list_posts(db, user, leader=leader):
        published = post.published_on is not None and start <= post.published_on <= end
        created = start <= post.created_at.date() <= end
        if published or (include_unpublished and post.published_on is None and created):
            chosen.append(post)
    dialogue = _dialogue(db, user, leader, start, end)
    if not chosen and not dialogue:
        who = f" for {leader}" if leader else ""
        what = "published or created" if include_unpublished else "published"
        raise UsageError(
            f"no posts {what} between {start.isoformat()} and {end.isoformat()}{who}",
            hint=None if include_unpublished else "add --include-unpublished for drafts too",
        )
    chosen.sort(key=lambda p: (p.published_on or p.created_at.date(), p.id))
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    index = io.StringIO()
    rows = csv.DictWriter(index, fieldnames=INDEX_FIELDS)
    rows.writeheader()
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for post in chosen:
                record = build_record(db, user, post.id, profile_of=profile_of)
                folder = f"post-{post.id:04d}"
                archive.writestr(f"{folder}/record.json", json.dumps(record, ensure_ascii=False, indent=2))
                archive.writestr(f"{folder}/record.pdf", record_pdf(record))
                for image in record["images"]:
                    data, _ = image_data(db, user, post.id, image["position"])
                    archive.writestr(f"{folder}/images/{image['position']}-{_plain(image['filename'])}", data)
                rows.writerow(_index_row(record, folder))
            archive.writestr("index.csv", "\ufeff" + index.getvalue())  # the BOM: Excel reads ø right
            for who, entries in sorted(dialogue.items()):
                archive.writestr(f"dialogue/{who}.json", json.dumps(entries, ensure_ascii=False, indent=2))
        tmp.replace(out)
    finally:
        tmp.unlink(missing_ok=True)
    return ExportResult(
        out,
        len(chosen),
        sorted({p.leader for p in chosen} | set(dialogue)),
        sum(len(d["replies_sent"]) + len(d["moderation"]) for d in dialogue.values()),
    )


def _dialogue(
    db: Database, user: Account | None, leader: str | None, start: date, end: date
) -> dict[str, dict[str, Any]]:
    """Per leader: the replies sent and the moderation actions taken in the period (the dialogue record,
    ``dialogue.record``), for the leaders ``user`` may see."""
    from sqlalchemy import select

    from sendemast.dialogue.record import leader_record
    from sendemast.team.models import DialogueReply, ModerationAction
    from sendemast.team.permissions import can

    with db.session() as session:
        leaders = set(session.scalars(select(DialogueReply.leader).distinct()))
        leaders |= set(session.scalars(select(ModerationAction.leader).distinct()))
    if leader is not None:
        leaders &= {leader}
    found: dict[str, dict[str, Any]] = {}
    for who in sorted(leaders):
        if user is not None and not can(user, "view", who):
            continue
        record = leader_record(db, user, who)
        replies = [r for r in record["replies"] if r.get("sent_at") and _within(r["sent_at"], start, end)]
        actions = [a for a in record["moderation"] if _within(a["at"], start, end)]
        if replies or actions:
            found[who] = {
                "leader": who,
                "from": start.isoformat(),
                "to": end.isoformat(),
                "replies_sent": replies,
                "moderation": actions,
            }
    return found


def _within(stamp: str, start: date, end: date) -> bool:
    return start.isoformat() <= stamp[:10] <= end.isoformat()


def _index_row(record: dict[str, Any], folder: str) -> dict[str, Any]:
    post, editorial = record["post"], record["editorial_control"]
    return {
        "id": post["id"],
        "leader": record["leader"]["id"],
        "leader_name": record["leader"].get("name") or "",
        "channel": post["channel"],
        "capacity": post["capacity"],
        "status": post["status"],
        "created_at": post["created_at"],
        "published_on": post.get("published_on") or "",
        "published_url": post.get("published_url") or "",
        "approved": "ja" if editorial["approved"] else editorial["statement"],
        "approved_by": editorial.get("by") or "",
        "approved_role": editorial.get("role") or "",
        "approved_at": editorial.get("at") or "",
        "model": record["machine"].get("model") or "",
        "changed_share": record["changes"]["changed_share"],
        "images": len(record["images"]),
        "folder": folder,
    }


def _plain(name: str) -> str:
    safe = "".join(c if c.isalnum() or c in "._-" else "_" for c in name)
    return safe.strip("._") or "billede"
