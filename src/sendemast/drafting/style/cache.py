"""A workspace's style card, learnt once and cached in its state folder, keyed by the posts' hashes.

The key covers the bytes of every past-post file (any format the corpus reads), the baseline posts, the
cue file and the card's version: add, edit or delete a past post and the next call learns the card again;
otherwise the card is read back from JSON. Organisation workspaces with several leaders call
:func:`sendemast.drafting.style.learn_style` with each leader's posts instead.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from typing import TYPE_CHECKING

from sendemast.drafting.style.card import (
    CUES_FILE,
    MIN_CHANNEL_POSTS,
    STYLE_VERSION,
    PostLike,
    StyleCard,
)
from sendemast.drafting.style.learn import learn_style
from sendemast.errors import UsageError

if TYPE_CHECKING:
    from sendemast.leaders import Leader
    from sendemast.workspace import Workspace

LANGUAGES = ("da", "en")


def workspace_posts(workspace: Workspace, leader: Leader | None = None) -> list[PostLike]:
    """The leader's past posts (the default leader's when None), read with the corpus loaders
    (unreadable files skipped, as ingest says)."""
    from sendemast.corpus.past_posts import leader_posts

    return list(leader_posts(workspace, leader))


def baseline_posts() -> list[PostLike]:
    """Other authors' public-sector posts (``evals/generic-public-sector``); none if not installed."""
    from sendemast.corpus.past_posts import generic_posts
    from sendemast.errors import EvalError

    try:
        return list(generic_posts())
    except EvalError:
        return []


def cache_key(workspace: Workspace, lang: str, channel: str | None, leader: Leader | None = None) -> str:
    """A hash of every past-post file's bytes (and of the baseline's, the cue file and the card version):
    reading and hashing the files takes milliseconds, parsing them (front matter, Shares.csv, tweets.js)
    ten times more, so a cached card is found without parsing anything."""
    from sendemast.corpus.ingest import scan
    from sendemast.corpus.past_posts import bundled_generic_folder

    digest = hashlib.sha256(f"v{STYLE_VERSION}\0{lang}\0{channel or ''}\0".encode())
    digest.update(hashlib.sha256(CUES_FILE.read_bytes()).digest())
    files = sorted(scan(workspace, None, "posts", leader).files["posts"].items())
    generic = bundled_generic_folder()
    files += sorted((f"baseline/{p.name}", p) for p in generic.glob("*.md")) if generic.is_dir() else []
    for rel, path in files:
        try:
            data = path.read_bytes()
        except OSError:
            data = b"\0unreadable"  # the loaders skip it too
        digest.update(f"{rel}\0{hashlib.sha256(data).hexdigest()}\n".encode())
    return digest.hexdigest()


def load_style_card(
    workspace: Workspace, lang: str, channel: str | None = None, leader: Leader | None = None
) -> StyleCard:
    """The style card of the leader's posts (the default leader's when None) in ``lang`` on ``channel`` —
    or, when that channel has fewer than five such posts, on all channels (the card's ``channel`` is then
    None)."""
    if lang not in LANGUAGES:
        raise UsageError(f"unknown language {lang!r} (expected da or en)")
    chosen = leader if leader is not None else workspace.leader(None)
    key = cache_key(workspace, lang, channel, chosen)
    name = f"{chosen.id}-{lang}-{channel or 'all'}.json"
    try:
        path = workspace.state_dir / "style" / name
        stored = json.loads(path.read_text(encoding="utf-8"))
        if stored.get("key") == key:
            return StyleCard.model_validate(stored["card"])
    except (OSError, ValueError, KeyError, TypeError):
        pass  # no card yet, or a damaged or older one, or no state folder: learn it again
    posts = [p for p in workspace_posts(workspace, chosen) if p.language == lang]
    learn_on = channel
    if channel is not None and sum(p.channel == channel for p in posts) < MIN_CHANNEL_POSTS:
        learn_on = None
    baseline = [p for p in baseline_posts() if p.language == lang]
    card = learn_style(posts, lang, learn_on, baseline)  # type: ignore[arg-type]
    _write(workspace, name, {"key": key, "card": card.model_dump(mode="json")})
    return card


def _write(workspace: Workspace, name: str, payload: dict[str, object]) -> None:
    """Atomically, and silently not at all on a read-only state folder: the cache only saves time."""
    tmp = None
    try:
        folder = workspace.state_dir / "style"
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".style-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(payload, handle, ensure_ascii=False)
        os.replace(tmp, folder / name)
    except OSError:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def card_for_drafting(workspace: Workspace, text: str, lang: str | None, leader: Leader) -> StyleCard | None:
    """The card a draft from ``text`` is written with — in the language the chain will pick (``lang``, else
    the notes' own when the profile writes in it, else the profile's first) — or None when the workspace
    holds no past posts in that language. Cached, so this costs milliseconds."""
    from sendemast.errors import SendemastError
    from sendemast.lang import detect_language

    languages = leader.profile.languages
    if lang is None:
        detected = detect_language(text, default="en" if list(languages)[:1] == ["en"] else "da")
        lang = detected if detected in languages else (list(languages) or ["da"])[0]
    try:
        card = load_style_card(workspace, lang, None, leader)
    except SendemastError:
        return None
    return card if card.posts else None
