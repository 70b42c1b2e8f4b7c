"""The model-output cache: a re-run with nothing changed makes no model calls.

An output is keyed by the model id, the whole request (messages or prompt, and every parameter: max
tokens, temperature, stop, seed, JSON mode) and the repeat index — so editing a prompt, switching a model
or asking for another judge repeat misses the cache, and nothing else does. Entries are small JSON files,
written atomically, so concurrent workers and a killed run never leave a half-written entry.

:class:`CachingModel` wraps any :class:`~sendemast.models.base.ChatModel` and is itself one, so the
drafting chain runs through the cache without knowing it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import threading
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sendemast.models.base import ChatModel, Completion, ModelRequest, PromptStyle

if TYPE_CHECKING:
    import numpy as np


def write_json_atomic(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            # dumps, not dump: dump streams through json's pure-Python encoder, several times slower.
            out.write(json.dumps(data, ensure_ascii=False))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def touch(path: Path) -> None:
    """Mark a cache file as used now: pruning goes by the time a file was last used, not written."""
    with contextlib.suppress(OSError):
        os.utime(path)


def prune(cache_root: Path, max_age_days: int, *, keep: Path | None = None) -> int:
    """Remove what no run has used for ``max_age_days``: model outputs, embeddings and logs file by file,
    run journals folder by folder (``keep``, the current run's, never). Returns how many went."""
    import shutil
    import time

    if max_age_days <= 0:
        return 0
    cutoff = time.time() - max_age_days * 86400
    removed = 0

    def old(path: Path) -> bool:
        try:
            return path.stat().st_mtime < cutoff
        except OSError:
            return False

    for folder in ("outputs", "embeddings", "logs"):
        for path in (cache_root / folder).rglob("*"):
            if path.is_file() and old(path):
                with contextlib.suppress(OSError):
                    path.unlink()
                    removed += 1
    runs = cache_root / "runs"
    for journal in runs.iterdir() if runs.is_dir() else []:
        if journal == keep or not journal.is_dir():
            continue
        files = [p for p in journal.rglob("*") if p.is_file()]
        if all(old(p) for p in files):  # a journal is as recent as its newest file
            shutil.rmtree(journal, ignore_errors=True)
            removed += 1
    return removed


def request_key(model_id: str, request: ModelRequest, repeat: int) -> str:
    payload = {
        "model": model_id, "repeat": repeat,
        "messages": [m.to_dict() for m in request.messages], "prompt": request.prompt,
        "max_tokens": request.max_tokens, "temperature": request.temperature, "stop": list(request.stop),
        "seed": request.seed, "json_mode": request.json_mode,
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


class OutputCache:
    """Completions on disk under ``folder/ab/abcdef….json``; counts hits and misses for the report."""

    def __init__(self, folder: Path, *, read: bool = True) -> None:
        self.folder = folder
        self.read = read  # --no-cache: never read, still write, so the next run can use the fresh outputs
        self.hits = 0
        self.misses = 0
        self._lock = threading.Lock()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> Completion | None:
        if not self.read:
            return None
        path = self._path(key)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            completion = Completion(**data)
        except (OSError, ValueError, TypeError):
            return None
        touch(path)
        with self._lock:
            self.hits += 1
        return completion

    def put(self, key: str, completion: Completion) -> None:
        with self._lock:
            self.misses += 1
        write_json_atomic(self._path(key), asdict(completion))


class CachingModel(ChatModel):
    """``inner`` behind the cache. ``repeat`` is part of every key it makes."""

    def __init__(self, inner: ChatModel, cache: OutputCache, repeat: int = 0,
                 lock: threading.Lock | None = None) -> None:
        super().__init__(inner.name)
        self.inner = inner
        self.cache = cache
        self.repeat = repeat
        # One at a time for models that cannot serve two requests at once (llama.cpp in-process).
        self._lock = lock
        self.calls = 0

    def with_repeat(self, repeat: int) -> CachingModel:
        return CachingModel(self.inner, self.cache, repeat, self._lock)

    @property
    def model_id(self) -> str:
        return self.inner.model_id

    @property
    def is_local(self) -> bool:
        return self.inner.is_local

    @property
    def capable(self) -> bool:
        return self.inner.capable

    @property
    def is_demo(self) -> bool:
        return self.inner.is_demo

    @property
    def prompt_style(self) -> PromptStyle:
        return self.inner.prompt_style

    def execute(self, request: ModelRequest) -> Completion:
        key = request_key(self.inner.model_id, request, self.repeat)
        cached = self.cache.get(key)
        if cached is not None:
            return cached
        self.calls += 1
        if self._lock is not None:
            with self._lock:
                completion = self.inner.execute(request)
        else:
            completion = self.inner.execute(request)
        self.cache.put(key, completion)
        return completion


class EmbeddingCache:
    """Embeddings of reference posts on disk, so the voice scorer embeds each text once, ever."""

    def __init__(self, folder: Path, embedder_id: str) -> None:
        self.folder = folder
        self.embedder_id = embedder_id

    def embed(self, embed: Any, texts: list[str]) -> np.ndarray:
        """``embed(texts) -> array``, computed only for texts not on disk yet."""
        import numpy as np

        keys = [hashlib.sha256(f"{self.embedder_id}\0{t}".encode()).hexdigest()[:40] for t in texts]
        rows: dict[int, np.ndarray] = {}
        for i, key in enumerate(keys):
            with contextlib.suppress(OSError, ValueError):
                rows[i] = np.load(self.folder / f"{key}.npy")
                touch(self.folder / f"{key}.npy")
        missing = [i for i in range(len(texts)) if i not in rows]
        if missing:
            fresh = embed([texts[i] for i in missing])
            self.folder.mkdir(parents=True, exist_ok=True)
            for row, i in enumerate(missing):
                rows[i] = fresh[row]
                handle, tmp = tempfile.mkstemp(dir=self.folder, prefix=".tmp-", suffix=".npy")
                with os.fdopen(handle, "wb") as out:
                    np.save(out, fresh[row])
                os.replace(tmp, self.folder / f"{keys[i]}.npy")
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        return np.stack([rows[i] for i in range(len(texts))]).astype(np.float32)
