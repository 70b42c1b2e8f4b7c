"""What retrieval hands to the rest of sendemast. Chroma types never leave the retrieval package."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

Kind = Literal["values", "posts"]


@dataclass(frozen=True)
class SearchHit:
    id: str
    kind: str
    source: str  # workspace-relative path, '#' + post id for files that hold many posts
    title: str
    text: str
    score: float
    metadata: dict[str, Any] = field(default_factory=dict)  # date, channel, language, title_path …

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "source": self.source,
            "title": self.title,
            "text": self.text,
            "score": round(self.score, 6),
        }


class Retriever(Protocol):
    """The seam the drafting chain and the CLI use; tests can pass any object with these methods."""

    def search(self, query: str, *, kind: Kind | None = None, k: int = 5) -> list[SearchHit]:
        """Hybrid (dense + lexical) search; ``kind=None`` searches values and posts together."""
        ...

    def style_examples(
        self, query: str, *, channel: str | None = None, language: str | None = None, k: int = 4
    ) -> list[SearchHit]:
        """Past posts similar to ``query`` and diverse among themselves (MMR), preferring the given
        channel and language."""
        ...
