"""Scorers registered by name, like inspect_ai's ``@scorer``.

A scorer is a function of a :class:`ScoreContext` that returns named :class:`Score`\\s — usually one,
several where one measurement yields several numbers (the checker gives a verdict and six tip scores).
Returning nothing means "not applicable to this case". Scorers run in the order they were registered.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

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


_REGISTRY: dict[str, ScorerSpec] = {}


def scorer(name: str, *, tasks: tuple[str, ...] = ALL_TASKS) -> Callable[[ScorerFn], ScorerFn]:
    """Register ``fn`` as the scorer ``name`` for the given tasks."""

    def decorate(fn: ScorerFn) -> ScorerFn:
        _REGISTRY[name] = ScorerSpec(name, fn, tasks)
        return fn

    return decorate


def registered() -> dict[str, ScorerSpec]:
    # Importing the package registers the built-in scorers; done here so that callers never forget.
    import sendemast.evaluation.scorers  # noqa: F401

    return dict(_REGISTRY)


def scorers_for(task: str) -> list[ScorerSpec]:
    return [spec for spec in registered().values() if task in spec.tasks]


def describe() -> list[dict[str, Any]]:
    return [{"name": s.name, "tasks": list(s.tasks), "doc": (s.fn.__doc__ or "").strip().splitlines()[0]}
            for s in registered().values()]
