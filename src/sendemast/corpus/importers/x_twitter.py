"""The X (Twitter) archive: ``data/tweets.js`` and ``data/tweets-part1.js`` …, and ``data/account.js``.

Unlike the posts loader (``corpus/loaders/x_archive.py``, which reads a tweets.js already in the corpus),
an import tells replies apart: a tweet answering someone else is a reply; one answering the account
itself is a thread, and kept. Without ``account.js`` (a lone tweets.js) every reply counts as a reply
to others. Retweets (``RT @…``) are reposts.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from typing import Any

from sendemast.corpus.importers.records import Archive, ImportedPost
from sendemast.corpus.loaders.fields import clean_text
from sendemast.corpus.loaders.x_archive import _ASSIGNMENT, CREATED_AT_FORMAT, _expand_links
from sendemast.errors import CorpusError


def parse_ytd(text: str, name: str) -> list[Any]:
    """The list a ``window.YTD.<what>.partN = [...]`` file assigns."""
    assignment = _ASSIGNMENT.match(text)
    if not assignment:
        raise CorpusError(f"{name} is not an X archive file: expected 'window.YTD.tweets.part0 = [...]'")
    try:
        items = json.loads(text[assignment.end():].strip().rstrip(";"))
    except (ValueError, RecursionError):
        raise CorpusError(f"{name} is not an X archive file: invalid JSON") from None
    if not isinstance(items, list):
        raise CorpusError(f"{name} is not an X archive file: expected a list")
    return items


def account_id(text: str, name: str) -> str | None:
    for item in parse_ytd(text, name):
        account = item.get("account") if isinstance(item, dict) else None
        if isinstance(account, dict) and account.get("accountId"):
            return str(account["accountId"])
    return None


def read_tweets(files: list[tuple[str, str]], own_id: str | None) -> Archive:
    archive = Archive("x")
    for name, text in files:
        for number, item in enumerate(parse_ytd(text, name), start=1):
            post = _tweet(item, own_id, f"{name}: tweet {number}")
            if post is None:
                archive.unreadable += 1
            else:
                archive.posts.append(post)
    return archive


def _tweet(item: Any, own_id: str | None, where: str) -> ImportedPost | None:
    tweet = item.get("tweet", item) if isinstance(item, dict) else None
    if not isinstance(tweet, dict):
        raise CorpusError(f"{where} is not an object")
    raw = tweet.get("full_text", tweet.get("text"))
    tweet_id = str(tweet.get("id_str", tweet.get("id", ""))).strip()
    if not isinstance(raw, str) or not tweet_id:
        raise CorpusError(f"{where} has no full_text or id_str")
    text = clean_text(html.unescape(_expand_links(raw, tweet.get("entities")))).strip()
    if not text:
        return None  # media only
    replied_to = str(tweet.get("in_reply_to_user_id_str") or tweet.get("in_reply_to_user_id") or "")
    return ImportedPost(
        id=tweet_id, text=text, date=_date(tweet.get("created_at"), where), channel="x",
        url=f"https://x.com/i/web/status/{tweet_id}",
        reply=bool(replied_to) and replied_to != own_id,
        repost=raw.startswith("RT @"),
    )


def _date(created_at: Any, where: str) -> str:
    if not created_at:
        return ""
    try:
        return dt.datetime.strptime(str(created_at).strip(), CREATED_AT_FORMAT).date().isoformat()
    except ValueError:
        raise CorpusError(f"{where} has created_at {str(created_at)[:40]!r}, not an X date") from None
