"""The built-in scorers, and the registry's answers about them. Importing this package registers them, in
the order they run and are reported; each module registers with :func:`sendemast.evaluation.registry.scorer`
and never imports this package back."""

from typing import Any

from sendemast.evaluation.registry import REGISTRY, ScorerSpec

# isort: split
# the order of these imports is the order the scorers run and are reported in
from sendemast.evaluation.scorers import checker, facts, faithful, grounded, mentions, written, voice, judge  # noqa: F401, I001


def registered() -> dict[str, ScorerSpec]:
    return dict(REGISTRY)


def scorers_for(task: str) -> list[ScorerSpec]:
    return [spec for spec in registered().values() if task in spec.tasks]


def describe() -> list[dict[str, Any]]:
    return [{"name": s.name, "tasks": list(s.tasks), "doc": (s.fn.__doc__ or "").strip().splitlines()[0]}
            for s in registered().values()]
