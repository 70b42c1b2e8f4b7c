"""Solvers: what produces a case's output. ``draft`` and ``rewrite`` run the real drafting chain
(:func:`sendemast.drafting.run`) with the model behind the cache; ``check`` takes the input post as it is.

The retriever is wrapped so that the texts the chain retrieved are kept: groundedness needs to know what
the model was shown, and the chain's result names its sources without their text.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from sendemast.errors import EvalError
from sendemast.evaluation.types import TaskOutput
from sendemast.lang import detect_language

if TYPE_CHECKING:
    from sendemast.evaluation.services import Services
    from sendemast.evaluation.suite import Case, Suite
    from sendemast.retrieval.types import SearchHit

DRAFT_SEED = 1  # a fixed seed: local models then draft the same post twice, and the cache stays honest


class RecordingRetriever:
    """Passes searches through to ``inner`` and remembers every hit."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.hits: dict[str, SearchHit] = {}
        self._lock = threading.Lock()

    def _keep(self, hits: list[SearchHit]) -> list[SearchHit]:
        with self._lock:
            for hit in hits:
                self.hits.setdefault(hit.id, hit)
        return hits

    def search(self, query: str, *, kind: Any = None, k: int = 5, **options: Any) -> list[SearchHit]:
        return self._keep(self.inner.search(query, kind=kind, k=k, **options))

    def style_examples(self, query: str, *, channel: str | None = None, language: str | None = None,
                       k: int = 4) -> list[SearchHit]:
        return self._keep(self.inner.style_examples(query, channel=channel, language=language, k=k))


def _source(source: Any, hit: SearchHit | None) -> dict[str, Any]:
    return {"id": source.id, "kind": source.kind, "title": source.title,
            "source": hit.source if hit else "", "text": hit.text if hit else ""}


def _style_card(services: Services, text: str, lang: Any) -> Any:
    """The leader's style card for this case, when the run has a workspace with past posts."""
    workspace = getattr(services, "workspace", None)
    if workspace is None or services.profile is None:
        return None
    from sendemast.drafting.style import card_for_drafting

    leader = services.leader if services.leader is not None else workspace.leader(None)
    return card_for_drafting(workspace, text, lang, leader)


def channel_of(suite: Suite, case: Case, services: Services) -> str:
    configured = services.settings.checker.channel if services.settings else ""
    profile_default = services.profile.default_channel if services.profile else "linkedin"
    return (case.channel or suite.defaults.channel or configured or profile_default).lower()


def solve(suite: Suite, case: Case, text: str, services: Services) -> TaskOutput:
    channel = channel_of(suite, case, services)
    audience = case.audience or suite.defaults.audience
    topic = case.topic or suite.defaults.topic
    if case.task == "check":
        lang = case.lang or suite.defaults.lang or detect_language(text)
        return TaskOutput(text=text, input=text, lang=lang, channel=channel, audience=audience, topic=topic)
    return _draft(suite, case, text, channel, audience, topic, services)


def _draft(suite: Suite, case: Case, text: str, channel: str, audience: str | None, topic: str | None,
           services: Services) -> TaskOutput:
    from sendemast.drafting import run
    from sendemast.drafting.types import DraftRequest

    if services.model is None or services.profile is None:
        raise EvalError(f"case {case.id}: {case.task} needs a workspace profile and a model")
    recorder = RecordingRetriever(services.retriever) if services.retriever is not None else None
    request = DraftRequest(
        text=text, command="rewrite" if case.task == "rewrite" else "draft", channel=channel,
        audience=audience, topic=topic, variants=1, lang=case.lang or suite.defaults.lang, seed=DRAFT_SEED)
    result = run(request, model=services.model, profile=services.profile, retriever=recorder,
                 settings=services.settings, prompt_folders=services.prompt_folders, ruleset=services.ruleset,
                 style_card=_style_card(services, text, request.lang))
    if not result.drafts:
        raise EvalError(f"case {case.id}: the chain returned no draft")
    draft = result.drafts[0]
    found = recorder.hits if recorder is not None else {}
    sources = [_source(s, found.get(s.id)) for s in draft.sources]
    prompt = {"name": result.prompt_name, "version": result.prompt_version}
    return TaskOutput(text=draft.text, input=text, lang=result.lang, channel=draft.channel, audience=audience,
                      topic=topic, sources=sources, check=draft.check, prompt=prompt,
                      warnings=list(result.warnings), facts=draft.facts, composition=draft.composition)
