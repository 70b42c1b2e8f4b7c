"""The Chroma adapter: one collection per kind, embedded (PersistentClient) or on a server (HttpClient).

One collection per kind keeps metadata filters off the search path: a ``where`` filter made Chroma's
top-k about 40 times slower at 100k vectors here. For the same reason each leader of an organisation has
a posts collection of her own (``<prefix>-posts-<leader>``; the root leader keeps ``<prefix>-posts``),
while the values collection is shared, so one Chroma server can hold a whole team's leaders.
The collection's metadata carries the embedder id (vectors of different embedders are not comparable)
and a revision that changes on every write, which the lexical index uses to know it is stale.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sendemast.errors import IndexError_

if TYPE_CHECKING:
    import numpy as np

    from sendemast.settings import ChromaSettings

KINDS: tuple[str, ...] = ("values", "posts")


@dataclass(frozen=True)
class StoredChunk:
    id: str
    text: str
    metadata: dict[str, Any]
    distance: float = 0.0


def _server_error(exc: Exception, url: str) -> IndexError_:
    return IndexError_(
        f"Chroma server at {url} failed: {type(exc).__name__}: {str(exc).splitlines()[0][:200]}",
        hint="is 'chroma run' still up? re-run the command once it is",
    )


class VectorStore:
    def __init__(
        self, settings: ChromaSettings, state_dir: Path, embedder_id: str, *, leader: str | None = None
    ) -> None:
        self.settings = settings
        self.embedder_id = embedder_id
        self.leader = leader  # the posts collection's suffix; None for the root leader
        self._state_dir = state_dir
        self._client: Any = None
        self._collections: dict[str, Any] = {}

    @property
    def location(self) -> str:
        return self.settings.url or str(self._state_dir / "chroma")

    def _connect(self) -> Any:
        if self._client is not None:
            return self._client
        import chromadb
        from chromadb.config import Settings as ChromaClientSettings

        client_settings = ChromaClientSettings(anonymized_telemetry=False)
        try:
            if self.settings.url:
                from urllib.parse import urlparse

                url = urlparse(self.settings.url)
                if url.scheme not in ("http", "https") or not url.hostname:
                    raise IndexError_(
                        f"invalid Chroma server URL {self.settings.url!r}",
                        hint="expected e.g. http://localhost:8000",
                    )
                self._client = chromadb.HttpClient(
                    host=url.hostname,
                    port=url.port or (443 if url.scheme == "https" else 8000),
                    ssl=url.scheme == "https",
                    settings=client_settings,
                    tenant=self.settings.tenant,
                    database=self.settings.database,
                )
            else:
                path = self._state_dir / "chroma"
                path.mkdir(parents=True, exist_ok=True)
                self._client = chromadb.PersistentClient(path=str(path), settings=client_settings)
        except IndexError_:
            raise
        except Exception as exc:  # chromadb raises plain ValueError/ConnectionError/httpx errors
            raise _server_error(exc, self.location) from None
        return self._client

    def collection_name(self, kind: str) -> str:
        if kind == "posts" and self.leader:
            return f"{self.settings.collection_prefix}-posts-{self.leader}"
        return f"{self.settings.collection_prefix}-{kind}"

    def collection(self, kind: str, *, create: bool = True) -> Any:
        if kind in self._collections:
            return self._collections[kind]
        client = self._connect()
        name = self.collection_name(kind)
        try:
            col = client.get_collection(name, embedding_function=None)
        except Exception as exc:
            if "does not exist" not in str(exc).lower():
                raise _server_error(exc, self.location) from None
            if not create:
                raise IndexError_(
                    f"no {kind} index yet in {self.location}", hint="run 'sendemast ingest' first"
                ) from None
            # get_or_create would overwrite the stored embedder id of an existing collection, so the
            # mismatch check below could never fire: create only what is really missing.
            col = self.call(
                client.create_collection,
                name,
                metadata={"embedder": self.embedder_id, "revision": uuid.uuid4().hex},
                configuration={"hnsw": {"space": "cosine"}},
                embedding_function=None,
            )
        stored = (col.metadata or {}).get("embedder")
        if stored and stored != self.embedder_id:
            raise IndexError_(
                f"the {kind} index was built with embedder {stored}, but the settings ask for "
                f"{self.embedder_id}: its vectors cannot be searched with the new one",
                hint="run 'sendemast ingest --rebuild' once to re-embed everything",
                mismatch=True,
            )
        self._collections[kind] = col
        return col

    def aux_collection(self, purpose: str) -> Any:
        """A small collection beside the index for bookkeeping (``leases``), never searched."""
        key = f"aux:{purpose}"
        if key not in self._collections:
            client = self._connect()
            self._collections[key] = self.call(
                client.get_or_create_collection, f"{self.settings.collection_prefix}-{purpose}",
                embedding_function=None)
        return self._collections[key]

    def reset(self, kind: str) -> None:
        client = self._connect()
        self._collections.pop(kind, None)
        try:
            client.delete_collection(self.collection_name(kind))
        except Exception as exc:
            if "does not exist" not in str(exc).lower():
                raise _server_error(exc, self.location) from None

    def call(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        """``fn(*args, **kwargs)`` on the client, with any Chroma or network failure as one IndexError_."""
        try:
            return fn(*args, **kwargs)
        except IndexError_:
            raise
        except Exception as exc:
            raise _server_error(exc, self.location) from None

    def revision(self, kind: str) -> str:
        """The collection's current revision, read afresh: another process may have written since."""
        self.collection(kind, create=False)
        fresh = self.call(
            self._connect().get_collection, self.collection_name(kind), embedding_function=None
        )
        return str((fresh.metadata or {}).get("revision", ""))

    def bump_revision(self, kind: str) -> str:
        col = self.collection(kind)
        revision = uuid.uuid4().hex
        self.call(col.modify, metadata={"embedder": self.embedder_id, "revision": revision})
        return revision

    def count(self, kind: str) -> int:
        return int(self.call(self.collection(kind).count))

    def upsert(
        self,
        kind: str,
        ids: Sequence[str],
        embeddings: np.ndarray,
        texts: Sequence[str],
        metadatas: Sequence[dict[str, Any]],
    ) -> None:
        col = self.collection(kind)
        step = self.call(self._connect().get_max_batch_size)
        for start in range(0, len(ids), step):
            end = start + step
            self.call(
                col.upsert,
                ids=list(ids[start:end]),
                embeddings=embeddings[start:end],
                documents=list(texts[start:end]),
                metadatas=list(metadatas[start:end]),
            )

    def delete(self, kind: str, ids: Sequence[str]) -> None:
        if not ids:
            return
        col = self.collection(kind)
        for start in range(0, len(ids), 5000):
            self.call(col.delete, ids=list(ids[start : start + 5000]))

    def iter_all(self, kind: str, *, with_text: bool = False, page: int = 5000) -> Iterator[StoredChunk]:
        """Every stored chunk, paged so a 100k index does not come over in one response."""
        col = self.collection(kind)
        include = ["metadatas", "documents"] if with_text else ["metadatas"]
        offset = 0
        while True:
            got = self.call(col.get, include=include, limit=page, offset=offset)
            ids = got["ids"]
            if not ids:
                return
            texts = got.get("documents") or [""] * len(ids)
            for chunk_id, meta, text in zip(ids, got["metadatas"], texts, strict=True):
                yield StoredChunk(chunk_id, text or "", dict(meta or {}))
            offset += len(ids)

    def get(self, kind: str, ids: Sequence[str], *, with_embeddings: bool = False) -> dict[str, Any]:
        include = ["metadatas", "documents", "embeddings"] if with_embeddings else ["metadatas", "documents"]
        return dict(self.call(self.collection(kind).get, ids=list(ids), include=include))

    def query(
        self, kind: str, embedding: np.ndarray, n: int, *, with_embeddings: bool = False
    ) -> tuple[list[StoredChunk], list[Any]]:
        col = self.collection(kind, create=False)
        include = ["metadatas", "documents", "distances"] + (["embeddings"] if with_embeddings else [])
        got = self.call(col.query, query_embeddings=[embedding], n_results=n, include=include)
        chunks = [
            StoredChunk(i, t or "", dict(m or {}), float(d))
            for i, t, m, d in zip(
                got["ids"][0], got["documents"][0], got["metadatas"][0], got["distances"][0], strict=True
            )
        ]
        vectors = list(got["embeddings"][0]) if with_embeddings and got.get("embeddings") is not None else []
        return chunks, vectors
