"""JSON Lines files of the project's own data sets (training examples, labelled sentences, run outputs):
read with one clear error naming the file and line, written in UTF-8 with the letters as they are."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sendemast.errors import UsageError


def read_jsonl(path: Path) -> list[tuple[int, dict[str, Any]]]:
    """(line number, object) for each non-blank line; a line that is not a JSON object is a UsageError."""
    rows: list[tuple[int, dict[str, Any]]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise UsageError(f"{path.name} line {number}: not JSON ({exc.msg})") from None
        if not isinstance(row, dict):
            raise UsageError(f"{path.name} line {number}: a JSON object is expected")
        rows.append((number, row))
    return rows


def write_jsonl(path: Path, rows: Iterable[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def write_summary(path: Path, summary: dict[str, Any]) -> None:
    """``summary`` as indented JSON in ``path``, and on standard output for the person running it."""
    text = json.dumps(summary, indent=2, ensure_ascii=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text + "\n", encoding="utf-8")
    print(text)
