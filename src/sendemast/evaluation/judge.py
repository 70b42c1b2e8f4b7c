"""The LLM judge: one rubric prompt per tip (``prompts/judge/<tip>.yaml``), a structured verdict
(score 1-5 and reasoning) parsed with a bounded re-ask, repeated N times for mean, spread and flakiness.

The judge model is chosen by *role* (``--judge-model``, else ``[model] judge`` in the settings), never
defaulted to the drafting model: a model grading its own drafts is the judge nobody should trust. A judge
that is missing, or not capable (the bundled demonstration models), makes judge scores *skipped*.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field

from sendemast.errors import EvalError
from sendemast.models.reask import GaveUp, ask_until_valid, json_object, with_feedback

if TYPE_CHECKING:
    from sendemast.evaluation.cache import CachingModel
    from sendemast.prompts import PromptFile

MAX_ATTEMPTS = 3
MAX_TOKENS = 400


class JudgeVerdict(BaseModel):
    model_config = ConfigDict(extra="ignore")

    reasoning: str = Field(min_length=1)
    score: int = Field(ge=1, le=5)


class JudgeError(EvalError):
    """The judge never gave a usable verdict; carries the last completion and the attempts."""

    def __init__(self, message: str, *, last_completion: str, attempts: int) -> None:
        super().__init__(message)
        self.last_completion = last_completion
        self.attempts = attempts


@dataclass
class JudgeOutcome:
    tip: str
    floor: float
    verdicts: list[JudgeVerdict] = field(default_factory=list)

    @property
    def scores(self) -> list[int]:
        return [v.score for v in self.verdicts]

    @property
    def mean(self) -> float:
        return statistics.fmean(self.scores)

    @property
    def spread(self) -> int:
        return max(self.scores) - min(self.scores)

    @property
    def stdev(self) -> float:
        return statistics.pstdev(self.scores) if len(self.scores) > 1 else 0.0

    @property
    def flaky(self) -> bool:
        """Some verdicts pass the floor and some do not: the judge cannot decide this case."""
        return any(s >= self.floor for s in self.scores) and any(s < self.floor for s in self.scores)

    @property
    def passed(self) -> bool:
        return self.mean >= self.floor


def parse_verdict(text: str) -> JudgeVerdict:
    """One JSON object with ``score`` and ``reasoning``; code fences and chatter around it are tolerated."""
    data = json_object(text)
    if isinstance(data.get("score"), str) and data["score"].strip().isdigit():
        data["score"] = int(data["score"].strip())
    if isinstance(data.get("score"), float) and data["score"].is_integer():
        data["score"] = int(data["score"])
    return JudgeVerdict.model_validate(data)


def judge_folders(prompt_folders: list[Path]) -> list[Path]:
    return [folder / "judge" for folder in prompt_folders if (folder / "judge").is_dir()]


def load_rubric(tip: str, prompt_folders: list[Path]) -> PromptFile:
    from sendemast.prompts import load_prompt

    return load_prompt(tip, judge_folders(prompt_folders))


def judge_once(model: CachingModel, rubric: PromptFile, lang: str, variables: dict[str, Any]) -> JudgeVerdict:
    """One verdict, re-asking with the validation error at most ``MAX_ATTEMPTS`` times in all."""
    from sendemast.prompts import render, render_reask

    rendered = render(rubric, "en" if lang == "en" else "da", variables)
    request = rendered.request(max_tokens=MAX_TOKENS, seed=model.repeat)
    try:
        return ask_until_valid(
            model, request, parse_verdict, max_attempts=MAX_ATTEMPTS,
            next_request=with_feedback(lambda error: render_reask(rubric, rendered.lang, error))).value
    except GaveUp as gave_up:
        raise JudgeError(
            f"the judge {model.model_id} gave no usable verdict in {MAX_ATTEMPTS} attempts: {gave_up.error}",
            last_completion=gave_up.last_completion, attempts=MAX_ATTEMPTS) from None


def judge_tip(model: CachingModel, rubric: PromptFile, *, tip: str, floor: float, repeat: int, lang: str,
              variables: dict[str, Any]) -> JudgeOutcome:
    """``repeat`` verdicts, each its own cache entry (the repeat index is part of the key)."""
    outcome = JudgeOutcome(tip=tip, floor=floor)
    for index in range(repeat):
        outcome.verdicts.append(judge_once(model.with_repeat(index), rubric, lang, variables))
    return outcome
