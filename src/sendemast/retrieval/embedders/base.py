"""The embedder interface, and the registry of providers (``register``) that ``get_embedder`` reads."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

    from sendemast.settings import EmbedderSettings


class Embedder(ABC):
    """Turns texts into L2-normalised float32 vectors.

    ``id`` is stored with each Chroma collection: vectors from different embedders are not comparable,
    so a mismatch must be caught before it silently ruins search.
    """

    id: str
    dimension: int
    is_local: bool = True
    # (dense weight against BM25's 1.0, rrf k) unless the settings say otherwise. MiniLM's, from the
    # original 54 labelled queries: its English-trained ranking is the weaker one on Danish text.
    fusion: tuple[float, int] = (0.5, 60)

    @abstractmethod
    def embed(self, texts: list[str]) -> np.ndarray:
        """One row per text, L2-normalised."""

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed([text])[0]


Factory = Callable[[str, "EmbedderSettings"], Embedder]
FACTORIES: dict[str, Factory] = {}  # provider -> factory, filled by @register as the provider modules load


def register(provider: str) -> Callable[[Factory], Factory]:
    def decorate(factory: Factory) -> Factory:
        FACTORIES[provider] = factory
        return factory

    return decorate
