"""The run as JSON: ``{"suite", "model", "judge_model", "cases": [...], "summary": {...}}`` plus ``run``
details (timing, cache hits, resumed cases, prompt versions). Every report is rendered from this dict.

API keys never reach a report: every string is scrubbed of the values of secret-looking environment
variables (``*KEY*``, ``*TOKEN*``, ``*SECRET*``, ``*PASSWORD*``) and of anything shaped like an API key,
wherever it came from — an error message, a model's output, a post.
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sendemast import __version__

if TYPE_CHECKING:
    from sendemast.evaluation.runner import RunResult

_SECRET_NAME = re.compile(r"KEY|TOKEN|SECRET|PASSWORD|PASSWD", re.I)
_KEY_SHAPED = re.compile(r"\b(?:sk|pk|rk)-[A-Za-z0-9_\-]{16,}")


def _secret_values() -> list[str]:
    values = {v for k, v in os.environ.items() if _SECRET_NAME.search(k) and len(v) >= 8}
    return sorted(values, key=len, reverse=True)


def scrub(data: Any, secrets: list[str] | None = None) -> Any:
    """``data`` with every secret replaced by ``***`` (strings, lists and dicts, keys included)."""
    secrets = _secret_values() if secrets is None else secrets
    if isinstance(data, str):
        for secret in secrets:
            data = data.replace(secret, "***")
        return _KEY_SHAPED.sub("***", data)
    if isinstance(data, dict):
        return {scrub(k, secrets): scrub(v, secrets) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [scrub(v, secrets) for v in data]
    return data


def build_report(run: RunResult, baseline: dict[str, Any] | None = None) -> dict[str, Any]:
    suite = run.suite
    prompts = sorted({f"{c.prompt['name']}@{c.prompt['version']}" for c in run.cases if c.prompt})
    report = {
        "suite": suite.name,
        "model": run.model,
        "judge_model": run.judge_model,
        "cases": [c.to_dict() for c in run.cases],
        "summary": run.summary(),
        "run": {
            "suite_path": str(suite.path) if suite.path else None,
            "suite_description": suite.description,
            "sendemast_version": __version__,
            "python": sys.version.split()[0],
            "started": run.started,
            "elapsed_s": round(run.elapsed_s, 3),
            "repeat": run.repeat,
            "cache": run.cache,
            "resumed": run.resumed,
            "prompts": prompts,
            "judge_skipped": run.judge_skipped,
            "notes": run.notes,
        },
    }
    if baseline is not None:
        report["baseline"] = baseline
    return scrub(report)


def write_json(report: dict[str, Any], path: str | Path) -> None:
    text = json.dumps(report, ensure_ascii=False, indent=2) + "\n"
    if str(path) == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
