"""Retrieval: embedders, the Chroma store, BM25 over a Danish stemmer, and their fusion."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sendemast.retrieval.types import Kind, Retriever, SearchHit

if TYPE_CHECKING:
    from sendemast.leaders import Leader
    from sendemast.retrieval.hybrid import HybridRetriever
    from sendemast.workspace import Workspace


def open_retriever(workspace: Workspace, leader: Leader | str | None = None) -> HybridRetriever:
    """The retriever of ``leader`` (default: the workspace's default leader): shared values, her posts.

    Imports Chroma and onnxruntime only when called."""
    from sendemast.retrieval.hybrid import open_retriever as _open

    return _open(workspace, leader)


__all__ = ["Kind", "Retriever", "SearchHit", "open_retriever"]
