"""Evaluation suites: YAML files of cases, validated strictly.

A suite has a ``name``, optional ``defaults`` (channel, audience, topic and expectations every case
inherits) and ``cases``. A case names its ``task`` (draft | rewrite | check), its input (``input`` inline,
or ``input_file`` relative to the suite's folder or the workspace), and what it ``expect``\\s. Errors name
the file, the case and the field, so a typo in case 14 is found in seconds.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    field_validator,
    model_validator,
)

from sendemast.evaluation.types import SuiteError

Task = Literal["draft", "rewrite", "check"]
Tip = Literal["mandate", "audience", "topics", "tone", "value", "channel"]
Verdict = Literal["pass", "info", "warn", "review", "block"]
TIPS: tuple[str, ...] = ("mandate", "audience", "topics", "tone", "value", "channel")
VERDICT_ORDER: tuple[str, ...] = ("pass", "info", "warn", "review", "block")
SUITE_NAMES = ("suite.yaml", "suite.yml")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class WrittenExpect(_Strict):
    """How written a draft or rewrite must be (the checker's measure of "written")."""

    copied_share_max: float = Field(ge=0, le=1, description="share of the post's word 4-grams verbatim in "
                                    "the notes (draft) or the original (rewrite), at most this")


class Expect(_Strict):
    """What a case's output must satisfy. Unset fields fall back to the suite's ``defaults.expect``."""

    rules_not_fired: list[str] = Field(default_factory=list, description="rule ids or globs (privacy.*)")
    rules_fired: list[str] = Field(default_factory=list, description="rules that must fire (check tasks)")
    verdict_max: Verdict | None = Field(default=None, description="the checker's verdict at most this")
    tips_min: dict[Tip, float] = Field(default_factory=dict, description="checker tip score floors, 0-1")
    judge_min: dict[Tip, float] = Field(default_factory=dict, description="LLM judge floors, 1-5")
    must_mention: list[str] = Field(default_factory=list)
    must_not_mention: list[str] = Field(default_factory=list)
    voice_min: float | None = Field(default=None, description="floor of the voice lift over generic text")
    facts: Literal["all"] | list[str] | None = Field(default=None, description="facts a rewrite must keep")
    grounded: bool | None = Field(default=None, description="names, numbers, dates must have a source")
    written: WrittenExpect | None = Field(default=None, description="draft/rewrite: copied_share_max")

    @field_validator("judge_min")
    @classmethod
    def _judge_range(cls, value: dict[str, float]) -> dict[str, float]:
        for tip, floor in value.items():
            if not 1 <= floor <= 5:
                raise ValueError(f"judge floor for {tip} must be between 1 and 5, not {floor}")
        return value

    @field_validator("tips_min")
    @classmethod
    def _tip_range(cls, value: dict[str, float]) -> dict[str, float]:
        for tip, floor in value.items():
            if not 0 <= floor <= 1:
                raise ValueError(f"tip floor for {tip} must be between 0 and 1, not {floor}")
        return value

    def merged_over(self, defaults: Expect) -> Expect:
        """This expectation with every field it did not set taken from ``defaults``."""
        data = defaults.model_dump()
        data.update(self.model_dump(include=self.model_fields_set))
        return Expect.model_validate(data)


class Defaults(_Strict):
    channel: str | None = None
    audience: str | None = None
    topic: str | None = None
    lang: Literal["da", "en"] | None = None
    expect: Expect = Field(default_factory=Expect)


class Case(_Strict):
    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", max_length=80)
    task: Task
    description: str = ""
    input: str | None = None
    input_file: str | None = None
    channel: str | None = None
    audience: str | None = None
    topic: str | None = None
    lang: Literal["da", "en"] | None = None
    tags: list[str] = Field(default_factory=list)
    expect: Expect = Field(default_factory=Expect)

    @model_validator(mode="after")
    def _one_input(self) -> Case:
        if (self.input is None) == (self.input_file is None):
            raise ValueError("give exactly one of input and input_file")
        if self.input is not None and not self.input.strip():
            raise ValueError("input is empty")
        return self


class Suite(_Strict):
    name: str
    description: str = ""
    generic: str | None = Field(default=None, description="folder of other authors' posts (voice contrast)")
    defaults: Defaults = Field(default_factory=Defaults)
    cases: list[Case] = Field(min_length=1)

    # set by the loader, not by the file
    _path: Path | None = PrivateAttr(default=None)
    _digest: str = PrivateAttr(default="")
    _lines: dict[str, int] = PrivateAttr(default_factory=dict)

    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def digest(self) -> str:
        """sha256 of the file's text: a changed suite is a new run, not a resumed one."""
        return self._digest

    def line_of(self, case_id: str) -> int | None:
        return self._lines.get(case_id)

    @model_validator(mode="after")
    def _unique_ids(self) -> Suite:
        seen: set[str] = set()
        for case in self.cases:
            if case.id in seen:
                raise ValueError(f"duplicate case id {case.id!r}")
            seen.add(case.id)
        return self

    def expectation(self, case: Case) -> Expect:
        return case.expect.merged_over(self.defaults.expect)


def _case_lines(text: str) -> list[int]:
    """1-based line of each case, for GitHub annotations that point at the case."""
    import yaml

    try:
        root = yaml.compose(text)
    except (yaml.YAMLError, RecursionError):
        return []
    if not isinstance(root, yaml.MappingNode):
        return []
    for key, value in root.value:
        if getattr(key, "value", None) == "cases" and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []


def _where(raw: Any, loc: tuple[Any, ...]) -> tuple[str | None, str]:
    """(case id or index, field path) of a validation error location."""
    if len(loc) >= 2 and loc[0] == "cases" and isinstance(loc[1], int):
        index = loc[1]
        case_id = None
        cases = raw.get("cases") if isinstance(raw, dict) else None
        if isinstance(cases, list) and index < len(cases) and isinstance(cases[index], dict):
            case_id = cases[index].get("id")
        label = f"{case_id!r} (#{index + 1})" if case_id else f"#{index + 1}"
        return label, ".".join(str(p) for p in loc[2:]) or "(the case)"
    return None, ".".join(str(p) for p in loc) or "(top level)"


def load_suite(path: Path) -> Suite:
    """Read and validate a suite file; any problem is a :class:`SuiteError` naming file, case and field."""
    from sendemast.yamlfile import parse_yaml

    shown = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SuiteError("no such suite file", path=shown) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SuiteError(f"cannot read: {exc}", path=shown) from None
    raw = parse_yaml(text, shown, fast=False, error=lambda message, where: SuiteError(message, path=where))
    if not isinstance(raw, dict):
        raise SuiteError("expected a mapping with 'name' and 'cases'", path=shown)
    try:
        suite = Suite.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        case, field = _where(raw, tuple(first["loc"]))
        message = re.sub(r"^Value error, ", "", first["msg"])
        raise SuiteError(message, path=shown, case=case, field=field) from None
    lines = _case_lines(text)
    suite._path = path.resolve()
    suite._digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    suite._lines = {c.id: lines[i] for i, c in enumerate(suite.cases) if i < len(lines)}
    return suite


def read_input(suite: Suite, case: Case, workspace_root: Path | None) -> str:
    """The case's input text: inline, or from ``input_file`` — next to the suite, in the workspace the suite
    lives in (a suite in ``<workspace>/evals/``), or in the workspace being evaluated."""
    if case.input is not None:
        return case.input
    assert case.input_file is not None
    relative = Path(case.input_file).expanduser()
    bases = [suite.path.parent] if suite.path else []
    if suite.path is not None and suite.path.parent.name == "evals":
        bases.append(suite.path.parent.parent)
    if workspace_root is not None:
        bases.append(workspace_root)
    candidates = [relative] if relative.is_absolute() else [base / relative for base in bases]
    for candidate in candidates:
        if candidate.is_file():
            try:
                return candidate.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError) as exc:
                raise SuiteError(f"cannot read {candidate}: {exc}", path=str(suite.path), case=case.id,
                                 field="input_file") from None
    raise SuiteError(f"no file {case.input_file} next to the suite or in the workspace",
                     path=str(suite.path), case=case.id, field="input_file")


def default_suite_paths(workspace_root: Path | None) -> list[Path]:
    """The workspace's ``evals/suite.yaml`` (or every YAML in ``evals/``), else the bundled example's."""
    from sendemast.resources import bundled

    if workspace_root is not None:
        folder = workspace_root / "evals"
        for name in SUITE_NAMES:
            if (folder / name).is_file():
                return [folder / name]
        found = sorted(p for p in folder.glob("*.y*ml") if p.is_file()) if folder.is_dir() else []
        if found:
            return found
    return [bundled("example-workspace") / "evals" / "suite.yaml"]
