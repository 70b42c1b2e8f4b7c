"""What a check returns: findings with character offsets, a length, a LIX, six tip scores and a verdict."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from sendemast.guidelines.rules.written import Written

Severity = Literal["block", "review", "warn", "info"]
Verdict = Literal["block", "review", "pass"]

# Most severe first; ``--fail-on warn`` fails on block, review and warn.
SEVERITIES: tuple[Severity, ...] = ("block", "review", "warn", "info")
SEVERITY_RANK: dict[str, int] = {name: rank for rank, name in enumerate(SEVERITIES)}
TIP_NAMES: tuple[str, ...] = ("mandate", "audience", "topics", "tone", "value", "channel")


@dataclass(frozen=True)
class Finding:
    """One rule hit. ``start``/``end`` are offsets into the original text (Python ``str`` indices);
    a finding about the whole post spans the whole text."""

    rule: str
    severity: Severity
    message: str
    start: int
    end: int
    suggestion: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "start": self.start,
            "end": self.end,
        }
        if self.suggestion:
            out["suggestion"] = self.suggestion
        return out


@dataclass(frozen=True)
class Length:
    count: int
    limit: int
    unit: str

    def to_dict(self) -> dict[str, Any]:
        return {"count": self.count, "limit": self.limit, "unit": self.unit}


@dataclass
class CheckResult:
    text: str
    channel: str
    language: str
    length: Length
    lix: float
    findings: list[Finding]
    tips: dict[str, float]
    id: str | None = None
    written: Written | None = None  # the measure of "written" (guidelines/rules/written.py)
    extras: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def verdict(self) -> Verdict:
        return verdict_for(self.findings)

    def reaches(self, fail_on: str) -> bool:
        """True if a finding is at least as severe as ``fail_on`` (block, review, warn or info)."""
        limit = SEVERITY_RANK[fail_on]
        return any(SEVERITY_RANK[f.severity] <= limit for f in self.findings)

    def rules_fired(self) -> set[str]:
        return {f.rule for f in self.findings}

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.id is not None:
            out["id"] = self.id
        out.update(
            channel=self.channel,
            language=self.language,
            length=self.length.to_dict(),
            lix=self.lix,
            findings=[f.to_dict() for f in self.findings],
            tips={name: self.tips[name] for name in TIP_NAMES},
            **({"written": self.written.to_dict()} if self.written is not None else {}),
            **self.extras,
            verdict=self.verdict,
        )
        return out


def verdict_for(findings: list[Finding]) -> Verdict:
    severities = {f.severity for f in findings}
    if "block" in severities:
        return "block"
    if "review" in severities:
        return "review"
    return "pass"
