"""Where the bundled example workspace and prompts are, in a wheel and in a source checkout.

Wheels carry copies under ``sendemast/_bundled/`` (see ``pyproject.toml``); an editable install reads
them straight from the repository's ``corpus/`` and ``prompts/`` so that edits show at once.
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

_REPO_LOCATIONS = {
    "example-workspace": ("corpus", "example-workspace"),
    "prompts": ("prompts",),
    "generic-public-sector": ("evals", "generic-public-sector"),
}


def bundled(name: str) -> Path:
    """Path of a bundled folder (``example-workspace``, ``prompts`` or ``generic-public-sector``)."""
    packaged = Path(str(files("sendemast"))) / "_bundled" / name
    if packaged.is_dir():
        return packaged
    repo_root = Path(__file__).resolve().parents[2]
    candidate = repo_root.joinpath(*_REPO_LOCATIONS[name])
    if candidate.is_dir():
        return candidate
    raise FileNotFoundError(f"bundled folder {name!r} is missing from this installation")


def user_cache(*parts: str) -> Path:
    """A folder under the user's cache (``$XDG_CACHE_HOME/sendemast`` or ``~/.cache/sendemast``) for
    files derived on this machine: assembled and quantized models, eval caches outside a workspace."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base, "sendemast", *parts)
