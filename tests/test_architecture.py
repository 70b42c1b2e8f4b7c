"""The architecture holds: the layers of ``[tool.importlinter]`` in pyproject.toml (``lint-imports``)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import sendemast

ROOT = Path(__file__).resolve().parents[1]
SRC = Path(sendemast.__file__).resolve().parents[1]


def test_lint_imports_keeps_the_layers() -> None:
    """What ``make lint`` runs: every contract kept (the command exits 1 and names each broken import)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run(
        [sys.executable, "-c", "from importlinter.cli import lint_imports_command; lint_imports_command()",
         "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout
