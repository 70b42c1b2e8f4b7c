"""Past posts from an X (Twitter) archive: ``tweets.js``, ``tweet.js`` or ``tweets-part1.js``.

The file is JavaScript, ``window.YTD.tweets.part0 = [ {"tweet": {...}}, ... ]``: the assignment is
stripped and the rest parsed as JSON. Retweets (``RT @…``) are not the leader's words and are skipped, as
are tweets that are nothing but a media link. t.co links are expanded from ``entities.urls``, media links
removed, and HTML entities (``&amp;``) unescaped. An archive with no original tweet left raises
:class:`CorpusError` saying why. A malformed tweet fails the whole file: an archive is
machine-written, so one bad entry means the file is not what it claims to be.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from typing import Any

from sendemast.corpus.documents import Document
from sendemast.corpus.loaders.fields import clean_text
from sendemast.corpus.loaders.posts import Post, post_documents
from sendemast.corpus.loaders.source import SourceFile
from sendemast.errors import CorpusError

_ASSIGNMENT = re.compile(r"\s*window\.YTD\.\w+\.part\d+\s*=\s*")
CREATED_AT_FORMAT = "%a %b %d %H:%M:%S %z %Y"  # Wed Mar 05 07:41:12 +0000 2025


def load_x_archive(src: SourceFile) -> list[Document]:
    """One post per original tweet; ``source`` is ``{rel}#{id_str}``, ``url`` the tweet's x.com address."""
    text = src.text()
    expected = f"malformed {src.name}: expected 'window.YTD.tweets.part0 = [...]'"
    assignment = _ASSIGNMENT.match(text)
    if not assignment:
        raise src.fail(expected)
    try:
        items = json.loads(text[assignment.end():].strip().rstrip(";"))
    except RecursionError:
        raise src.fail(f"malformed {src.name}: JSON nested too deeply") from None
    except ValueError as exc:
        where = f" at line {exc.lineno}" if isinstance(exc, json.JSONDecodeError) else ""
        raise src.fail(f"malformed {src.name}: invalid JSON{where}") from None
    if not isinstance(items, list):
        raise src.fail(expected)
    posts = []
    for number, item in enumerate(items, start=1):
        post = _post(src, number, item)
        if post is not None:
            posts.append(post)
    if not posts:
        raise src.fail(f"no posts: all {len(items)} tweets are retweets or media only" if items
                       else "no posts: the archive is empty")
    return post_documents(src.rel, posts)


def _post(src: SourceFile, number: int, item: Any) -> Post | None:
    # Current archives wrap each tweet in {"tweet": …}; older ones list the tweet objects directly.
    tweet = item.get("tweet", item) if isinstance(item, dict) else None
    if not isinstance(tweet, dict):
        raise _bad(src, number, "is not an object")
    raw = tweet.get("full_text", tweet.get("text"))
    tweet_id = tweet.get("id_str", tweet.get("id"))
    if not isinstance(raw, str):
        raise _bad(src, number, "has no full_text")
    if not isinstance(tweet_id, str | int) or isinstance(tweet_id, bool) or not str(tweet_id).strip():
        raise _bad(src, number, "has no id_str")
    tweet_id = str(tweet_id).strip()
    if raw.startswith("RT @"):
        return None
    # clean_text: JSON escapes (and unescaped &#0;) can smuggle in NUL and lone surrogates.
    text = clean_text(html.unescape(_expand_links(raw, tweet.get("entities")))).strip()
    if not text:
        return None
    posted = _created(src, number, tweet.get("created_at"))
    return Post(text=text, post_id=tweet_id, date=posted.date().isoformat() if posted else "",
                channel="x", url=f"https://x.com/i/web/status/{tweet_id}",
                posted_at=posted.isoformat() if posted else "")


def _expand_links(text: str, entities: Any) -> str:
    if not isinstance(entities, dict):
        return text
    for link in _dicts(entities.get("urls")):
        short, full = link.get("url"), link.get("expanded_url")
        if isinstance(short, str) and short and isinstance(full, str) and full:
            text = text.replace(short, full)
    for media in _dicts(entities.get("media")):
        short = media.get("url")
        if isinstance(short, str) and short:
            text = text.replace(short, "")
    return text


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _created(src: SourceFile, number: int, created_at: Any) -> dt.datetime | None:
    if created_at is None or created_at == "":
        return None
    try:
        return dt.datetime.strptime(str(created_at).strip(), CREATED_AT_FORMAT)
    except ValueError:
        raise _bad(src, number, f"has created_at '{str(created_at)[:40]}', not like "
                   "'Wed Mar 05 07:41:12 +0000 2025'") from None


def _bad(src: SourceFile, number: int, problem: str) -> CorpusError:
    return src.fail(f"malformed {src.name}: tweet {number} {problem}")
