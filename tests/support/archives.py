"""Export archives built in a temporary folder from the platforms' published formats, for import tests.

- LinkedIn data export: a ZIP with ``Shares.csv`` (Date, ShareLink, ShareCommentary, SharedUrl, MediaUrl,
  Visibility) at its root.
- X archive: a ZIP with ``data/account.js`` and ``data/tweets.js`` (+ ``tweets-part1.js``), each
  ``window.YTD.<name>.partN = [...]``.
- Mastodon archive: a ZIP with ``outbox.json`` (ActivityStreams OrderedCollection) and ``actor.json``.
- Bluesky repository export: a CARv1 file whose root is a signed-commit block (``did``, ``data``) pointing
  at a Merkle search tree node whose entries map ``collection/rkey`` keys to DAG-CBOR records.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from pathlib import Path
from typing import Any

OWN_X_ID = "1500000000000000001"


def linkedin_zip(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    """rows: (date "YYYY-MM-DD HH:MM:SS", share id, commentary; "" = a repost without comment)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["Date", "ShareLink", "ShareCommentary", "SharedUrl", "MediaUrl", "Visibility"])
    for date, share, text in rows:
        writer.writerow([date, f"https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A{share}", text,
                         "https://fjordmark.dk" if not text else "", "", "MEMBERS"])
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("Shares.csv", buf.getvalue())
        zf.writestr("Profile.csv", "First Name,Last Name\nHanne,Ravn\n")
    return path


def tweet(tweet_id: str, text: str, *, reply_to_user: str | None = None,
          created: str = "Wed Mar 04 08:00:00 +0000 2026") -> dict[str, Any]:
    body: dict[str, Any] = {"id_str": tweet_id, "id": tweet_id, "created_at": created, "full_text": text,
                            "retweeted": False, "entities": {"urls": [], "hashtags": []}}
    if reply_to_user:
        body["in_reply_to_status_id_str"] = "1600000000000000000"
        body["in_reply_to_user_id_str"] = reply_to_user
    return {"tweet": body}


def x_zip(path: Path, parts: list[list[dict[str, Any]]], *, account: bool = True) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        if account:
            zf.writestr("data/account.js", "window.YTD.account.part0 = " + json.dumps(
                [{"account": {"accountId": OWN_X_ID, "username": "HanneLRavn"}}]))
        for n, items in enumerate(parts):
            name = "data/tweets.js" if n == 0 else f"data/tweets-part{n}.js"
            zf.writestr(name, f"window.YTD.tweets.part{n} = " + json.dumps(items, ensure_ascii=False))
        zf.writestr("data/tweets_media/readme.txt", "media would be here")
    return path


ACTOR = "https://social.fjordmark.dk/users/hanne"
PUBLIC = "https://www.w3.org/ns/activitystreams#Public"


def note(n: int, html: str, *, in_reply_to: str | None = None, public: bool = True) -> dict[str, Any]:
    status = f"{ACTOR}/statuses/{1000 + n}"
    return {"type": "Create", "actor": ACTOR, "object": {
        "type": "Note", "id": status, "url": f"https://social.fjordmark.dk/@hanne/{1000 + n}",
        "published": f"2026-03-{n:02d}T09:00:00Z", "content": html, "inReplyTo": in_reply_to,
        "to": [PUBLIC] if public else [f"{ACTOR}/followers"], "cc": []}}


def mastodon_zip(path: Path, items: list[dict[str, Any]]) -> Path:
    outbox = {"@context": "https://www.w3.org/ns/activitystreams", "type": "OrderedCollection",
              "totalItems": len(items), "orderedItems": items}
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("outbox.json", json.dumps(outbox, ensure_ascii=False))
        zf.writestr("actor.json", json.dumps({"id": ACTOR, "type": "Person", "preferredUsername": "hanne"}))
    return path


def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


def _cid(data: bytes) -> bytes:
    return bytes([0x01, 0x71, 0x12, 0x20]) + hashlib.sha256(data).digest()  # CIDv1, dag-cbor, sha2-256


def bluesky_car(path: Path, did: str, records: list[tuple[str, dict[str, Any]]]) -> Path:
    """records: (``collection/rkey``, record); one tree node holds them all, keys sorted."""
    import libipld

    blocks: list[tuple[bytes, bytes]] = []
    entries = []
    previous = b""
    for key, record in sorted(records):
        data = libipld.encode_dag_cbor(record)
        cid = _cid(data)
        blocks.append((cid, data))
        raw = key.encode()
        shared = 0
        while shared < min(len(raw), len(previous)) and raw[shared] == previous[shared]:
            shared += 1
        entries.append({"k": raw[shared:], "p": shared, "t": None, "v": cid})
        previous = raw
    node = libipld.encode_dag_cbor({"e": entries, "l": None})
    node_cid = _cid(node)
    commit = libipld.encode_dag_cbor({"did": did, "version": 3, "data": node_cid, "rev": "3kabc",
                                      "prev": None, "sig": b"\x00" * 64})
    commit_cid = _cid(commit)
    header = libipld.encode_dag_cbor({"roots": [commit_cid], "version": 1})
    out = bytearray(_varint(len(header)) + header)
    for cid, data in [(commit_cid, commit), (node_cid, node), *blocks]:
        out += _varint(len(cid) + len(data)) + cid + data
    path.write_bytes(bytes(out))
    return path
