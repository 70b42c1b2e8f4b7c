"""Past posts as JSON Lines: one object per line, ``{"id", "text", "date"?, "channel"?, "url"?, "title"?,
"language"?}``; blank lines are skipped.

One bad line fails the whole file, naming the line: loading the rest would quietly drop a post, and the
next ingest would skip the file as unchanged, so the hole would never be noticed.
"""

from __future__ import annotations

import json
from typing import Any

from sendemast.corpus.documents import Document
from sendemast.corpus.loaders.fields import (
    FieldError,
    channel_name,
    clean_text,
    date_time,
    iso_date,
    language_code,
    plain_string,
)
from sendemast.corpus.loaders.posts import Post, post_documents
from sendemast.corpus.loaders.source import SourceFile


def load_json_lines(src: SourceFile) -> list[Document]:
    """One post per line; the post id is the ``id`` field, else the line number."""
    posts = []
    seen: dict[str, int] = {}
    for number, line in enumerate(src.text().split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except RecursionError:
            raise src.fail(f"line {number}: invalid JSON (nested too deeply)") from None
        except ValueError as exc:
            detail = f" ({exc.msg}, column {exc.colno})" if isinstance(exc, json.JSONDecodeError) else ""
            raise src.fail(f"line {number}: invalid JSON{detail}") from None
        try:
            post = _post(record, number)
        except FieldError as exc:
            raise src.fail(f"line {number}: {exc}") from None
        if post.post_id in seen:
            raise src.fail(f"line {number}: id '{post.post_id}' already used on line {seen[post.post_id]}")
        seen[str(post.post_id)] = number
        posts.append(post)
    return post_documents(src.rel, posts)


def _post(record: Any, number: int) -> Post:
    if not isinstance(record, dict):
        raise FieldError("expected a JSON object")
    text = record.get("text")
    if not isinstance(text, str):
        raise FieldError('no "text" string' if text is None else '"text" must be a string')
    text = clean_text(text)  # JSON escapes can smuggle in NUL and lone surrogates
    if not text.strip():
        raise FieldError("post has no text")
    post_id = plain_string(record.get("id"), "id") or str(number)
    return Post(
        text=text,
        post_id=post_id,
        date=iso_date(record.get("date")),
        channel=channel_name(record.get("channel")),
        url=plain_string(record.get("url"), "url"),
        title=plain_string(record.get("title"), "title"),
        language=language_code(record.get("language")),
        posted_at=date_time(record.get("date")),
    )
