"""Embedders that are not bundled: OpenAI-compatible APIs and local sentence-transformers folders."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sendemast.errors import ConfigError, ModelError
from sendemast.retrieval.embedders.base import Embedder, register

if TYPE_CHECKING:
    import numpy as np

    from sendemast.settings import EmbedderSettings


class OpenAIEmbedder(Embedder):
    """OpenAI embeddings (``OPENAI_API_KEY``, ``OPENAI_BASE_URL``). Text leaves the machine."""

    is_local = False

    def __init__(self, model: str, batch_size: int) -> None:
        self.id = f"openai/{model}"
        self.model = model
        self.batch_size = batch_size
        self.dimension = 0
        self._client: Any = None

    def embed(self, texts: list[str]) -> np.ndarray:
        import numpy as np

        if self._client is None:
            import openai

            try:
                self._client = openai.OpenAI(max_retries=4)
            except openai.OpenAIError as exc:
                raise ConfigError(f"OpenAI embeddings unavailable: {exc}", field="embedder.id") from None
        rows: list[list[float]] = []
        import openai

        for start in range(0, len(texts), self.batch_size):
            try:
                response = self._client.embeddings.create(
                    model=self.model, input=texts[start : start + self.batch_size]
                )
            except openai.OpenAIError as exc:
                raise ModelError(f"embedding request failed: {type(exc).__name__}") from None
            rows.extend(item.embedding for item in response.data)
        matrix = np.asarray(rows, dtype=np.float32)
        matrix /= np.clip(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12, None)
        self.dimension = matrix.shape[1] if len(matrix) else self.dimension
        return matrix


class SentenceTransformerEmbedder(Embedder):
    """Any local sentence-transformers folder, e.g. a Danish encoder a user has on disk."""

    def __init__(self, folder: Path) -> None:
        try:
            from sentence_transformers import SentenceTransformer
        except ModuleNotFoundError:
            raise ConfigError(
                "embedder st/… needs the sentence-transformers package",
                field="embedder.id",
                hint="pip install sentence-transformers",
            ) from None
        if not folder.is_dir():
            raise ConfigError(f"no model folder at {folder}", field="embedder.id")
        self._model = SentenceTransformer(str(folder), device="cpu")
        self.id = f"st/{folder.name}"
        self.dimension = int(self._model.get_sentence_embedding_dimension() or 0)

    def embed(self, texts: list[str]) -> np.ndarray:
        import numpy as np

        return np.asarray(self._model.encode(texts, normalize_embeddings=True), dtype=np.float32)


@register("openai")
def _openai_factory(name: str, settings: EmbedderSettings) -> Embedder:
    return OpenAIEmbedder(name, settings.batch_size)


@register("st")
def _st_factory(name: str, settings: EmbedderSettings) -> Embedder:
    return SentenceTransformerEmbedder(Path(name).expanduser())
