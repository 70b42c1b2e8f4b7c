"""What scorers return and what a run is made of: scores, task outputs and case results.

A :class:`Score` is inspect_ai's ``Score(value, explanation, metadata)`` plus the verdict against the case's
expectation: ``status`` is ``passed`` or ``failed`` when the case set a floor or a rule, ``info`` when it
only measured, ``skipped`` when it could not be measured honestly (no capable judge model), and ``error``
when measuring broke. A skipped score never counts as passed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from sendemast.errors import EvalError

Status = Literal["passed", "failed", "info", "skipped", "error"]


class SuiteError(EvalError):
    """A suite file is missing or malformed; names the file, the case and the field (exit code 2)."""

    exit_code = 2

    def __init__(self, message: str, *, path: str, case: str | None = None, field: str | None = None,
                 hint: str | None = None) -> None:
        where = ": ".join(p for p in (path, f"case {case}" if case else None, field) if p)
        super().__init__(f"{where}: {message}", hint=hint)
        self.path = path
        self.case = case
        self.field = field


@dataclass
class Score:
    value: float | str | None
    explanation: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)
    status: Status = "info"
    # (low, high) of a numeric value, so a regression can be measured against its scale; None: not numeric
    scale: tuple[float, float] | None = None
    findings: list[dict[str, Any]] = field(default_factory=list)

    @property
    def passed(self) -> bool | None:
        return {"passed": True, "failed": False, "error": False}.get(self.status)

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "status": self.status, "passed": self.passed,
                "explanation": self.explanation, "metadata": self.metadata,
                "scale": list(self.scale) if self.scale else None}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Score:
        scale = data.get("scale")
        return cls(value=data.get("value"), explanation=str(data.get("explanation", "")),
                   metadata=dict(data.get("metadata") or {}), status=data.get("status", "info"),
                   scale=(float(scale[0]), float(scale[1])) if scale else None)


def checked(passed: bool) -> Status:
    return "passed" if passed else "failed"


@dataclass
class TaskOutput:
    """What a solver produced for a case: the post, and what it was written from."""

    text: str
    input: str
    lang: str = "da"
    channel: str = "linkedin"
    audience: str | None = None
    topic: str | None = None
    sources: list[dict[str, Any]] = field(default_factory=list)  # id, kind, title, text
    check: dict[str, Any] | None = None
    prompt: dict[str, str] | None = None
    warnings: list[str] = field(default_factory=list)
    facts: dict[str, Any] | None = None  # the draft's own fact accounting (kept / missing / invented)
    composition: list[dict[str, Any]] | None = None  # composed drafts: each sentence and its origin


@dataclass
class CaseResult:
    id: str
    task: str
    passed: bool
    scores: dict[str, Score]
    output: str | None
    input: str
    channel: str = "linkedin"
    lang: str = "da"
    findings: list[dict[str, Any]] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None
    flaky: bool = False
    elapsed_s: float = 0.0
    resumed: bool = False
    description: str = ""
    prompt: dict[str, str] | None = None
    line: int | None = None  # of the case in the suite file, for annotations
    warnings: list[str] = field(default_factory=list)  # the drafting chain's ("drafting without the corpus")

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "task": self.task, "passed": self.passed, "flaky": self.flaky,
            "scores": {name: score.to_dict() for name, score in self.scores.items()},
            "findings": self.findings, "output": self.output, "input": self.input,
            "channel": self.channel, "lang": self.lang, "sources": self.sources, "error": self.error,
            "elapsed_s": round(self.elapsed_s, 3), "resumed": self.resumed, "description": self.description,
            "prompt": self.prompt, "line": self.line, "warnings": self.warnings,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CaseResult:
        return cls(
            id=str(data["id"]), task=str(data.get("task", "")), passed=bool(data.get("passed")),
            scores={k: Score.from_dict(v) for k, v in (data.get("scores") or {}).items()},
            output=data.get("output"), input=str(data.get("input", "")),
            channel=str(data.get("channel", "linkedin")), lang=str(data.get("lang", "da")),
            findings=list(data.get("findings") or []), sources=list(data.get("sources") or []),
            error=data.get("error"), flaky=bool(data.get("flaky")), elapsed_s=float(data.get("elapsed_s", 0)),
            resumed=bool(data.get("resumed")), description=str(data.get("description", "")),
            prompt=data.get("prompt"), line=data.get("line"), warnings=list(data.get("warnings") or []),
        )
