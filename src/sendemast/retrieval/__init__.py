"""Retrieval: embedders, the Chroma store, BM25 over a Danish stemmer, and their fusion."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sendemast.retrieval.types import Kind, Retriever, SearchHit

if TYPE_CHECKING:
    from sendemast.retrieval.hybrid import HybridRetriever
    from sendemast.workspace import Workspace


def open_retriever(workspace: Workspace) -> HybridRetriever:
    """The workspace's retriever (imports Chroma and onnxruntime only when called)."""
    from sendemast.retrieval.hybrid import open_retriever as _open

    return _open(workspace)


__all__ = ["Kind", "Retriever", "SearchHit", "open_retriever"]
