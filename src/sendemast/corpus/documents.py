"""The unit of the corpus: one post, or one chunk of a values document."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Kind = Literal["values", "posts"]


@dataclass(frozen=True)
class Document:
    """A piece of text to index.

    ``source`` is the workspace-relative path of the file it came from, plus ``#`` and the post's own id
    for files that hold many posts (``posts/x-archive/tweets.js#1897…``); ``id`` is unique in the index.
    """

    id: str
    kind: Kind
    source: str
    title: str
    text: str
    metadata: dict[str, Any] = field(default_factory=dict)  # date, channel, url, language, title_path …


@dataclass(frozen=True)
class Section:
    """A run of a values document under one heading path, before chunking."""

    title_path: tuple[str, ...]
    text: str
