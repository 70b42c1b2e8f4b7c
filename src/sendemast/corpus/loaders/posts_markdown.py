"""Past posts written one per Markdown file, with front matter: ``date``, ``channel``, ``url``, ``title``,
``language`` (all optional). The body is the post's text.

When ``channel`` is missing it is taken from the folder (``posts/linkedin/…``, ``posts/x/…``), which is
how the example workspace and most people organise their posts.
"""

from __future__ import annotations

from sendemast.corpus.documents import Document
from sendemast.corpus.loaders.fields import (
    FieldError,
    channel_name,
    date_time,
    iso_date,
    language_code,
    plain_string,
)
from sendemast.corpus.loaders.frontmatter import FrontMatterError, split_front_matter
from sendemast.corpus.loaders.posts import Post, post_documents
from sendemast.corpus.loaders.source import SourceFile

_CHANNEL_FOLDERS = {"linkedin": "linkedin", "x": "x", "twitter": "x"}


def load_post_markdown(src: SourceFile) -> list[Document]:
    """One post; a file without text, or with unusable front matter, raises :class:`CorpusError`."""
    try:
        fields, body = split_front_matter(src.text())
        post = Post(
            text=body.strip(),
            date=iso_date(fields.get("date")),
            channel=channel_name(fields.get("channel")) or _channel_from_folder(src.rel),
            url=plain_string(fields.get("url"), "url"),
            title=plain_string(fields.get("title"), "title"),
            language=language_code(fields.get("language")),
            posted_at=date_time(fields.get("date")),
        )
    except FrontMatterError as exc:
        raise src.fail(str(exc)) from None
    except FieldError as exc:
        raise src.fail(f"front matter: {exc}") from None
    if not post.text:
        raise src.fail("post has no text")
    return post_documents(src.rel, [post])


def _channel_from_folder(rel: str) -> str:
    for folder in reversed(rel.lower().split("/")[:-1]):
        if folder in _CHANNEL_FOLDERS:
            return _CHANNEL_FOLDERS[folder]
    return ""
