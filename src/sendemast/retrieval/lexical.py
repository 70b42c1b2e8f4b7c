"""Lexical retrieval: BM25 (bm25s) over Danish Snowball stems.

The bundled embedder was trained on English; Danish compounds and inflections ("velfærdsteknologien",
"plejecentrene") are where it misses, and where stemmed BM25 finds them. The index is built from what
Chroma stores, so it is the same whether Chroma is embedded or a shared server, and is cached on disk
with the Chroma collection's revision: a stale cache is rebuilt, never used.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import uuid
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

TOKEN_PATTERN = r"(?u)\b\w\w+\b"


@lru_cache(maxsize=1)
def _stopwords() -> list[str]:
    from bm25s.stopwords import STOPWORDS_DANISH, STOPWORDS_EN

    return sorted(set(STOPWORDS_DANISH) | set(STOPWORDS_EN))


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    import Stemmer

    danish = Stemmer.Stemmer("danish")
    return danish.stemWords


def tokenize(texts: list[str]) -> Any:
    import bm25s

    return bm25s.tokenize(
        texts,
        lower=True,
        token_pattern=TOKEN_PATTERN,
        stopwords=_stopwords(),
        stemmer=_stemmer(),
        show_progress=False,
    )


@dataclass
class LexicalIndex:
    ids: list[str]
    revision: str
    _bm25: Any

    @classmethod
    def build(cls, ids: list[str], texts: list[str], revision: str) -> LexicalIndex:
        import bm25s

        bm25 = bm25s.BM25()
        if ids:
            bm25.index(tokenize(texts), show_progress=False)
        return cls(ids=list(ids), revision=revision, _bm25=bm25)

    def save(self, folder: Path) -> None:
        # A private temporary folder per writer: two processes searching a fresh index at once both
        # rebuild it, and must not write into each other's files.
        tmp = folder.with_name(f"{folder.name}.tmp-{uuid.uuid4().hex[:8]}")
        tmp.mkdir(parents=True)
        try:
            if self.ids:
                self._bm25.save(str(tmp), show_progress=False)
            (tmp / "sendemast.json").write_text(
                json.dumps({"revision": self.revision, "ids": self.ids}), encoding="utf-8"
            )
            # Swap in whole, so a reader never sees half an index; if another writer got there
            # first, its index is as good as ours.
            shutil.rmtree(folder, ignore_errors=True)
            with contextlib.suppress(OSError):
                tmp.rename(folder)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex | None:
        import bm25s

        meta_file = folder / "sendemast.json"
        if not meta_file.is_file():
            return None
        try:
            meta = json.loads(meta_file.read_text(encoding="utf-8"))
            bm25 = bm25s.BM25.load(str(folder), mmap=False, show_progress=False) if meta["ids"] else None
        except (OSError, ValueError, KeyError):
            return None
        return cls(ids=meta["ids"], revision=meta["revision"], _bm25=bm25)

    def search(self, query: str, k: int) -> list[tuple[str, float]]:
        import numpy as np

        if not self.ids or self._bm25 is None:
            return []
        vocab = self._bm25.vocab_dict
        # Scores straight from the index, top-k by argpartition: bm25s's own retrieve() spins up a
        # thread pool and a progress bar per call, which cost more than the scoring at 100k chunks.
        terms = [t for t in query_terms(query) if t in vocab]
        if not terms:  # only stop words, or words the corpus never uses
            return []
        scores = self._bm25.get_scores(terms)
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(self.ids[int(i)], float(scores[i])) for i in top if scores[i] > 0]


def query_terms(query: str) -> list[str]:
    import bm25s

    tokens = bm25s.tokenize(
        [query],
        lower=True,
        token_pattern=TOKEN_PATTERN,
        stopwords=_stopwords(),
        stemmer=_stemmer(),
        return_ids=False,
        show_progress=False,
    )
    return list(tokens[0])
