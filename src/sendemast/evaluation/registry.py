"""Scorers registered by name, like inspect_ai's ``@scorer``.

A scorer is a function of a :class:`ScoreContext` that returns named :class:`Score`\\s — usually one,
several where one measurement yields several numbers (the checker gives a verdict and six tip scores).
Returning nothing means "not applicable to this case". Scorers run in the order they were registered.
The built-in ones, and the look-ups over them (``registered``, ``scorers_for``), are
:mod:`sendemast.evaluation.scorers`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sendemast.evaluation.services import Services
    from sendemast.evaluation.suite import Case, Expect
    from sendemast.evaluation.types import Score, TaskOutput

ScorerFn = Callable[["ScoreContext"], "dict[str, Score]"]
ALL_TASKS = ("draft", "rewrite", "check")


@dataclass
class ScoreContext:
    case: Case
    expect: Expect
    output: TaskOutput
    services: Services

    @property
    def task(self) -> str:
        return self.case.task


@dataclass(frozen=True)
class ScorerSpec:
    name: str
    fn: ScorerFn
    tasks: tuple[str, ...]


REGISTRY: dict[str, ScorerSpec] = {}  # filled by @scorer, in the order the scorers are registered


def scorer(name: str, *, tasks: tuple[str, ...] = ALL_TASKS) -> Callable[[ScorerFn], ScorerFn]:
    """Register ``fn`` as the scorer ``name`` for the given tasks."""

    def decorate(fn: ScorerFn) -> ScorerFn:
        REGISTRY[name] = ScorerSpec(name, fn, tasks)
        return fn

    return decorate
