"""GitHub Actions annotations: when ``GITHUB_ACTIONS`` is set, each failed case (and each regression
against the baseline) is printed as an ``::error`` workflow command pointing at the case's line in the
suite file, so it shows on the pull request. Values are escaped as the workflow-command format requires."""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO, Any


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")


def _relative(path: str | None) -> str | None:
    if not path:
        return None
    workspace = os.environ.get("GITHUB_WORKSPACE")
    try:
        return str(Path(path).resolve().relative_to(Path(workspace or os.getcwd()).resolve()))
    except ValueError:
        return path


def annotation_lines(report: dict[str, Any]) -> list[str]:
    run = report.get("run") or {}
    lines = []
    for case in report.get("cases", []):
        if case.get("passed"):
            continue
        file = _relative(case.get("suite_path") or run.get("suite_path"))
        problems = [f"{name}: {s.get('explanation', '')}" for name, s in (case.get("scores") or {}).items()
                    if s.get("status") in ("failed", "error")]
        props = [f"title={_prop('sendemast eval: ' + str(case['id']))}"]
        if file:
            props.insert(0, f"file={_prop(file)}")
            if case.get("line"):
                props.insert(1, f"line={case['line']}")
        lines.append(f"::error {','.join(props)}::{_data('; '.join(problems) or 'failed')}")
    for regression in (report.get("baseline") or {}).get("regressions", []):
        title = _prop("sendemast eval: regression")
        lines.append(f"::error title={title}::{_data(str(regression['message']))}")
    return lines


def emit_annotations(report: dict[str, Any], stream: IO[str], environ: dict[str, str] | None = None) -> int:
    env = os.environ if environ is None else environ
    if not env.get("GITHUB_ACTIONS"):
        return 0
    lines = annotation_lines(report)
    for line in lines:
        stream.write(line + "\n")
    stream.flush()
    return len(lines)
