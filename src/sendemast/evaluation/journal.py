"""The run journal: each case's result is written the moment it finishes, so a run that is killed
half-way resumes where it stopped instead of starting over.

A journal belongs to one *run key* (the suite file's content and path, the models, the repeat count):
change any of them and it is a different run. A journal marked complete is not resumed — the next run
re-scores every case, with model outputs from the cache — so resuming only ever skips work a killed run
had already finished.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

from sendemast.evaluation.cache import write_json_atomic
from sendemast.evaluation.types import CaseResult

COMPLETE = "complete.json"


def digest(*parts: Any) -> str:
    text = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


class Journal:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @property
    def complete(self) -> bool:
        return (self.folder / COMPLETE).is_file()

    def reset(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def _path(self, case_id: str) -> Path:
        return self.folder / "cases" / f"{case_id}.json"

    def load(self, fingerprints: dict[str, str]) -> dict[str, CaseResult]:
        """Finished cases whose fingerprint still matches; anything unreadable is simply redone."""
        found: dict[str, CaseResult] = {}
        for case_id, fingerprint in fingerprints.items():
            try:
                data = json.loads(self._path(case_id).read_text(encoding="utf-8"))
                if data.get("fingerprint") == fingerprint:
                    found[case_id] = CaseResult.from_dict(data["result"])
            except (OSError, ValueError, KeyError, TypeError):
                continue
        return found

    def save(self, result: CaseResult, fingerprint: str) -> None:
        write_json_atomic(self._path(result.id), {"fingerprint": fingerprint, "result": result.to_dict()})

    def mark_complete(self, summary: dict[str, Any]) -> None:
        write_json_atomic(self.folder / COMPLETE, summary)
