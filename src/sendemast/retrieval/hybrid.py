"""The retriever: dense (Chroma) and lexical (BM25) results fused by reciprocal rank, and MMR for
style examples."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from sendemast.errors import IndexError_
from sendemast.retrieval.lexical import LexicalIndex
from sendemast.retrieval.store import KINDS, VectorStore
from sendemast.retrieval.types import SearchHit

if TYPE_CHECKING:
    import numpy as np

    from sendemast.leaders import Leader
    from sendemast.retrieval.embedders import Embedder
    from sendemast.settings import RetrievalSettings
    from sendemast.workspace import Workspace

Mode = Literal["hybrid", "dense", "lexical"]
STATE_TTL_S = 2.0


def lexical_cache_dir(state_dir: Path, store: VectorStore, kind: str) -> Path:
    # Keyed by where the vectors live, so a workspace that switches to a shared server never reads
    # a lexical index built from its old embedded store.
    where = hashlib.sha256(store.location.encode()).hexdigest()[:10]
    return state_dir / "lexical" / f"{store.collection_name(kind)}-{where}"


def rebuild_lexical(store: VectorStore, state_dir: Path, kind: str) -> LexicalIndex:
    revision = store.revision(kind)
    ids: list[str] = []
    texts: list[str] = []
    for chunk in store.iter_all(kind, with_text=True):
        ids.append(chunk.id)
        # Titles carry the heading path of values chunks: words a query often names.
        texts.append(f"{chunk.metadata.get('title', '')}\n{chunk.text}")
    index = LexicalIndex.build(ids, texts, revision)
    index.save(lexical_cache_dir(state_dir, store, kind))
    return index


def rrf(rankings: Iterable[tuple[list[str], float]], k: int) -> dict[str, float]:
    """Weighted reciprocal rank fusion: robust to the incomparable score scales of BM25 and cosine."""
    fused: dict[str, float] = {}
    for ranking, weight in rankings:
        for rank, item in enumerate(ranking):
            fused[item] = fused.get(item, 0.0) + weight / (k + rank + 1)
    return fused


class HybridRetriever:
    def __init__(
        self,
        store: VectorStore,
        embedder: Embedder,
        state_dir: Path,
        settings: RetrievalSettings,
        *,
        fill_hint: str = "run 'sendemast ingest' first",
    ) -> None:
        self.store = store
        self.fill_hint = fill_hint  # what to run when the index is empty (the leader's own command)
        self.embedder = embedder
        self.state_dir = state_dir
        self.settings = settings
        # The fusion the settings ask for, else the one tuned for this embedder.
        self.dense_weight = settings.dense_weight if settings.dense_weight is not None else embedder.fusion[0]
        self.rrf_k = settings.rrf_k if settings.rrf_k is not None else embedder.fusion[1]
        self._lexical: dict[str, LexicalIndex] = {}
        # Evaluation runs cases in threads; two first searches must not both rebuild and swap the
        # on-disk lexical index at once.
        self._lexical_lock = threading.Lock()
        self._state: dict[str, tuple[float, str, int]] = {}  # kind -> (checked at, revision, count)

    def _kind_state(self, kind: str) -> tuple[str, int]:
        """The collection's revision and size, re-read at most every STATE_TTL_S seconds.

        Asking Chroma for both on every query cost more than the vector search itself at 100k chunks;
        an index written by another process is noticed within the TTL.
        """
        now = time.monotonic()
        cached = self._state.get(kind)
        if cached is None or now - cached[0] > STATE_TTL_S:
            cached = (now, self.store.revision(kind), self.store.count(kind))
            self._state[kind] = cached
        return cached[1], cached[2]

    def _available_kinds(self, kind: str | None) -> list[str]:
        if kind is not None:
            if kind not in KINDS:
                raise IndexError_(f"unknown kind {kind!r} (expected values or posts)")
            return [kind]
        return list(KINDS)

    def lexical(self, kind: str) -> LexicalIndex:
        revision, _ = self._kind_state(kind)
        cached = self._lexical.get(kind)
        if cached is not None and cached.revision == revision:
            return cached
        with self._lexical_lock:
            cached = self._lexical.get(kind)
            if cached is None or cached.revision != revision:
                cached = LexicalIndex.load(lexical_cache_dir(self.state_dir, self.store, kind))
                if cached is None or cached.revision != revision:
                    cached = rebuild_lexical(self.store, self.state_dir, kind)
                self._lexical[kind] = cached
            return cached

    def rankings(
        self, query: str, kinds: list[str], n: int, mode: Mode, qvec: np.ndarray | None
    ) -> tuple[list[tuple[str, list[str]]], dict[str, tuple[str, Any]]]:
        """Each retriever's ranking per kind as (``"dense"`` or ``"lexical"``, chunk ids), before fusion,
        and what was found: id -> (kind, StoredChunk, or None until fetched)."""
        rankings: list[tuple[str, list[str]]] = []
        found: dict[str, tuple[str, Any]] = {}
        for kind in kinds:
            try:
                _, count = self._kind_state(kind)
            except IndexError_ as exc:
                if exc.mismatch:  # built with another embedder: say so, never report it as empty
                    raise
                continue
            if count == 0:
                continue
            if mode in ("hybrid", "dense") and qvec is not None:
                dense, _ = self.store.query(kind, qvec, min(n, count))
                rankings.append(("dense", [c.id for c in dense]))
                found.update({c.id: (kind, c) for c in dense})
            if mode in ("hybrid", "lexical"):
                lexical = self.lexical(kind).search(query, n)
                rankings.append(("lexical", [i for i, _ in lexical]))
                for chunk_id, _ in lexical:
                    found.setdefault(chunk_id, (kind, None))
        if not rankings:
            what = "posts index" if kinds == ["posts"] else "index"
            whose = f" of {self.store.leader}" if self.store.leader and "posts" in kinds else ""
            raise IndexError_(f"the {what}{whose} is empty", hint=self.fill_hint)
        return rankings, found

    def _ranked(
        self, query: str, kinds: list[str], n: int, mode: Mode, qvec: np.ndarray | None
    ) -> tuple[dict[str, float], dict[str, tuple[str, Any]]]:
        rankings, found = self.rankings(query, kinds, n, mode, qvec)
        weights = {"dense": self.dense_weight, "lexical": self.settings.lexical_weight}
        return rrf(((ids, weights[which]) for which, ids in rankings), self.rrf_k), found

    def _materialise(
        self, ranked: list[tuple[str, float]], found: dict[str, tuple[str, Any]], scale: float
    ) -> list[SearchHit]:
        missing: dict[str, list[str]] = {}
        for chunk_id, _ in ranked:
            kind, chunk = found[chunk_id]
            if chunk is None:
                missing.setdefault(kind, []).append(chunk_id)
        fetched: dict[str, tuple[str, dict[str, Any]]] = {}
        for kind, ids in missing.items():
            got = self.store.get(kind, ids)
            for chunk_id, text, meta in zip(got["ids"], got["documents"], got["metadatas"], strict=True):
                fetched[chunk_id] = (text or "", dict(meta or {}))
        hits = []
        for chunk_id, score in ranked:
            kind, chunk = found[chunk_id]
            text, meta = (
                (chunk.text, chunk.metadata) if chunk is not None else fetched.get(chunk_id, ("", {}))
            )
            hits.append(
                SearchHit(
                    id=chunk_id,
                    kind=kind,
                    source=str(meta.get("source", "")),
                    title=str(meta.get("title", "")),
                    text=text,
                    score=score / scale,
                    metadata=meta,
                )
            )
        return hits

    def search(
        self, query: str, *, kind: str | None = None, k: int = 5, mode: Mode = "hybrid"
    ) -> list[SearchHit]:
        kinds = self._available_kinds(kind)
        qvec = self.embedder.embed_query(query) if mode != "lexical" else None
        fused, found = self._ranked(query, kinds, self.settings.candidates, mode, qvec)
        ranked = sorted(fused.items(), key=lambda item: -item[1])[:k]
        # Scale so that first place in every ranking scores 1.0.
        weight = {
            "hybrid": self.dense_weight + self.settings.lexical_weight,
            "dense": self.dense_weight,
            "lexical": self.settings.lexical_weight,
        }[mode]
        return self._materialise(
            ranked, found, scale=max(weight, 1e-9) * len(kinds) / (self.rrf_k + 1)
        )

    def style_examples(
        self,
        query: str,
        *,
        channel: str | None = None,
        language: str | None = None,
        k: int = 4,
        diversity: float = 0.3,
    ) -> list[SearchHit]:
        """Past posts close to ``query`` and unlike each other (maximal marginal relevance)."""
        import numpy as np

        pool = self.search(query, kind="posts", k=max(4 * k, 20))
        if not pool:
            return []
        got = self.store.get("posts", [h.id for h in pool], with_embeddings=True)
        vectors = {
            i: np.asarray(v, dtype=np.float32) for i, v in zip(got["ids"], got["embeddings"], strict=True)
        }
        pool = [h for h in pool if h.id in vectors]

        def relevance(hit: SearchHit) -> float:
            bonus = 0.15 * (channel is not None and hit.metadata.get("channel") == channel)
            bonus += 0.25 * (language is not None and hit.metadata.get("language") == language)
            return hit.score + bonus

        chosen: list[SearchHit] = []
        candidates = sorted(pool, key=relevance, reverse=True)
        while candidates and len(chosen) < k:

            def mmr(hit: SearchHit) -> float:
                similarity = max((float(vectors[hit.id] @ vectors[c.id]) for c in chosen), default=0.0)
                return (1 - diversity) * relevance(hit) - diversity * similarity

            best = max(candidates, key=mmr)
            chosen.append(best)
            candidates.remove(best)
        return chosen


def open_retriever(workspace: Workspace, leader: Leader | str | None = None) -> HybridRetriever:
    """The retriever for a workspace and one of its leaders (shared values, that leader's posts), with
    the embedder and store its settings name. ``leader`` None is the default leader."""
    from sendemast.retrieval.embedders import get_embedder

    settings = workspace.settings
    chosen = leader if not isinstance(leader, str | None) else workspace.leader(leader)
    embedder = get_embedder(settings.embedder)
    store = VectorStore(
        settings.chroma, workspace.state_dir, embedder.id, leader=chosen.collection_suffix
    )
    return HybridRetriever(store, embedder, workspace.state_dir, settings.retrieval,
                           fill_hint=chosen.ingest_hint)
