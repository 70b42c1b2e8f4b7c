"""A Bluesky repository export: a CAR file (``repo.car``), read with the AT Protocol SDK (``atproto``).

Posts are ``app.bsky.feed.post`` records. Their record keys (for the post's address) come from the
repository's Merkle search tree: each node lists its entries' keys, prefix-compressed against the
previous entry of the same node. A post replying to someone else's post is a reply; reposts are their
own record type (``app.bsky.feed.repost``) and carry no text.
"""

from __future__ import annotations

from typing import Any

from sendemast.corpus.importers.records import Archive, ImportedPost
from sendemast.corpus.loaders.fields import FieldError, clean_text, iso_date
from sendemast.errors import CorpusError

POST = "app.bsky.feed.post"
REPOST = "app.bsky.feed.repost"


def read_car(data: bytes, name: str) -> Archive:
    from atproto_core.car import CAR
    from atproto_core.cid import CID

    try:
        car = CAR.from_bytes(data)
    except Exception as exc:  # libipld raises ValueError and friends on anything that is not a CAR
        detail = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        raise CorpusError(f"{name} is not a Bluesky repository export (CAR): {detail}") from None
    commit = car.blocks.get(car.root)
    did = str(commit.get("did", "")) if isinstance(commit, dict) else ""
    if not did.startswith("did:"):
        raise CorpusError(f"{name} is a CAR file but not a Bluesky repository: its root is no commit")
    keys = _record_keys(car.blocks, CID)
    archive = Archive("bluesky")
    for cid, block in car.blocks.items():
        kind = block.get("$type") if isinstance(block, dict) else None
        if kind == REPOST:
            archive.unreadable += 1
        elif kind == POST:
            post = _post(block, keys.get(str(cid), ""), did)
            if post is None:
                archive.unreadable += 1
            else:
                archive.posts.append(post)
    return archive


def _record_keys(blocks: dict[Any, Any], cid_type: Any) -> dict[str, str]:
    """record CID -> ``collection/rkey``, from every tree node in the file."""
    keys: dict[str, str] = {}
    for block in blocks.values():
        if not (isinstance(block, dict) and isinstance(block.get("e"), list) and "l" in block):
            continue
        previous = b""
        for entry in block["e"]:
            if not isinstance(entry, dict) or not isinstance(entry.get("k"), bytes):
                continue
            key = previous[: int(entry.get("p") or 0)] + entry["k"]
            previous = key
            value = entry.get("v")
            if isinstance(value, bytes):
                try:
                    keys[str(cid_type.from_decoded_bytes(value))] = key.decode("utf-8", "replace")
                except Exception:  # a malformed link: that record simply has no address
                    continue
    return keys


def _post(record: dict[str, Any], key: str, did: str) -> ImportedPost | None:
    text = clean_text(str(record.get("text") or "")).strip()
    if not text:
        return None  # an image or a quote without words of one's own
    rkey = key.split("/", 1)[1] if key.startswith(POST + "/") else ""
    uri = f"at://{did}/{POST}/{rkey}" if rkey else ""
    reply = record.get("reply")
    parent = reply.get("parent") if isinstance(reply, dict) else None
    parent_uri = str(parent.get("uri", "")) if isinstance(parent, dict) else ""
    try:
        date = iso_date(record.get("createdAt"), "createdAt")
    except FieldError:
        date = ""
    return ImportedPost(
        id=uri or f"{did}#{record.get('createdAt', '')}:{text[:40]}", text=text, date=date, channel="bluesky",
        url=f"https://bsky.app/profile/{did}/post/{rkey}" if rkey else "",
        reply=bool(parent_uri) and not parent_uri.startswith(f"at://{did}/"),
    )
