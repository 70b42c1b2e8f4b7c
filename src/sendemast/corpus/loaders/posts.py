"""Build post documents; shared by every posts format. One post is one document, never chunked."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sendemast.corpus.documents import Document
from sendemast.corpus.loaders.fields import clean_text, short_title
from sendemast.lang import Language, detect_language


@dataclass(frozen=True)
class Post:
    """A post as a format reads it. ``post_id`` is None for one-post files (the file is the post)."""

    text: str
    post_id: str | None = None
    date: str = ""
    channel: str = ""
    url: str = ""
    title: str = ""
    language: Language | None = None
    # ISO date and time when the format gives one ("2025-03-05T07:41:12+00:00"; no offset = local time):
    # the plan's usual hour, and the local date of a post made near midnight UTC
    posted_at: str = ""


def post_documents(rel: str, posts: Iterable[Post]) -> list[Document]:
    """Documents with ids ``posts:{source}``; a post id seen twice gets ``~2``, ``~3`` … appended."""
    seen: dict[str, int] = {}
    documents = []
    for post in posts:
        # Cleaned before counting, so that ids differing only in control characters stay distinct.
        source = clean_text(rel if post.post_id is None else f"{rel}#{post.post_id}")
        count = seen.get(source, 0) + 1
        seen[source] = count
        if count > 1:
            source = f"{source}~{count}"
        text = post.text.strip()
        title = short_title(post.title) if post.title.strip() else short_title(text)
        metadata = {
            "kind": "posts", "source": source, "title": title, "date": post.date,
            "channel": post.channel, "url": post.url,
            "language": post.language or detect_language(text),
        }
        if post.posted_at:
            metadata["posted_at"] = post.posted_at
        documents.append(Document(id=f"posts:{source}", kind="posts", source=source, title=title,
                                  text=text, metadata=metadata))
    return documents
