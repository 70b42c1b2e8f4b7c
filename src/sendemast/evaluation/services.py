"""What every case of a run shares: the workspace, the models behind the cache, the checker, the voice
model (built once, lazily, under a lock) and the judge — or the reason there is no judge."""

from __future__ import annotations

import contextlib
import threading
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sendemast.assembly import LeaderContext
    from sendemast.evaluation.cache import CachingModel
    from sendemast.evaluation.voice import VoiceModel
    from sendemast.profile import Profile
    from sendemast.settings import Settings
    from sendemast.workspace import Leader, Workspace


@dataclass
class Services:
    settings: Settings
    workspace: Workspace | None = None
    leader: Leader | None = None  # whose posts the voice scorer compares with (None: the default)
    profile: Profile | None = None
    context: LeaderContext | None = None  # the leader's, from the workspace: her profile, rules and check
    prompt_folders: list[Path] = field(default_factory=list)
    model: CachingModel | None = None
    judge: CachingModel | None = None
    judge_skip_reason: str | None = None
    judge_requested: str | None = None  # shown in reports even when the judge was not capable
    repeat: int = 1
    cache_root: Path | None = None
    generic_folder: Path | None = None
    retriever: Any = None
    ruleset: Any = None
    use_embeddings: bool = True
    embedder: Any = None  # the retriever's, when there is one: one model loaded, not two
    notes: list[str] = field(default_factory=list)  # said once per run, shown under the results

    _voice: VoiceModel | None = field(default=None, init=False, repr=False)
    _voice_error: str | None = field(default=None, init=False, repr=False)
    _voice_built: bool = field(default=False, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    @cached_property
    def profile_data(self) -> dict[str, Any]:
        """The profile as the judge prompts see it, dumped once per run rather than once per case."""
        return self.profile.model_dump() if self.profile is not None else {}

    def check(self, text: str, *, channel: str, audience: str | None, source: str | None = None,
              source_kind: str = "notes") -> dict[str, Any]:
        """The guideline checker's result as a dict: the leader's check (``LeaderContext.check``) in a
        workspace, else ``check_post`` with the profile and rules given; ``source`` is the notes of a
        draft or the original of a rewrite."""
        if self.context is not None:
            result = self.context.check(text, channel, audience, source=source, source_kind=source_kind)
        else:
            from sendemast.guidelines import check_post

            result = check_post(text, channel=channel, profile=self.profile, ruleset=self.ruleset,
                                audience=audience, source=source, source_kind=source_kind)
        data: dict[str, Any] = result.to_dict()
        return data

    def warm(self, tasks: set[str], channels: set[str], judge_tips: set[str]) -> None:
        """Do once, before the first case, the one-off work every case would otherwise start with:
        import the scorers, load and compile the checker's rules, compile the prompts, build the voice
        model and the retriever's indexes. Left to the cases, the first wave of ``--concurrency``
        threads would all do it at once and wait on each other under the GIL. Best effort: whatever
        fails here fails again inside a case, where it is reported against that case."""
        from sendemast.evaluation.judge import load_rubric
        from sendemast.evaluation.scorers import scorers_for
        from sendemast.prompts import load_prompt, precompile

        for task in tasks:
            scorers_for(task)
        with contextlib.suppress(Exception):
            for channel in channels:
                self.check("Warm-up.", channel=channel, audience=None)
        for tip in judge_tips:
            with contextlib.suppress(Exception):
                precompile(load_rubric(tip, self.prompt_folders))
        if tasks & {"draft", "rewrite"}:
            import sendemast.drafting
            import sendemast.evaluation.solvers  # noqa: F401

            for name in ("draft", "rewrite", "revise"):
                with contextlib.suppress(Exception):
                    precompile(load_prompt(name, self.prompt_folders))
            self.voice_model()
            if self.retriever is not None:
                with contextlib.suppress(Exception):
                    self.retriever.search("warm-up", k=1)

    def voice_model(self) -> tuple[VoiceModel | None, str | None]:
        """(the voice model, None) or (None, why there is none). Built on first use, once per run."""
        with self._lock:
            if not self._voice_built:
                self._voice_built = True
                try:
                    self._voice = self._build_voice()
                except Exception as exc:  # reported on every draft's voice score, never a crash
                    self._voice_error = getattr(exc, "message", None) or f"{type(exc).__name__}: {exc}"
        return self._voice, self._voice_error

    def _build_voice(self) -> VoiceModel | None:
        from sendemast.corpus.past_posts import (
            colleague_posts,
            contrast_posts,
            generic_posts,
            leader_posts,
        )
        from sendemast.evaluation.cache import EmbeddingCache
        from sendemast.evaluation.voice import VoiceModel

        if self.workspace is None:
            raise ValueError("no workspace, so no past posts to compare with")
        own = leader_posts(self.workspace, self.leader)
        if len(own) < 3:
            raise ValueError(f"the workspace has {len(own)} past posts; the voice scorer needs at least 3")
        leader = self.leader if self.leader is not None else self.workspace.leader(None)
        generic = contrast_posts(generic_posts(self.generic_folder), colleague_posts(self.workspace, leader))
        embedder = None
        cache = None
        if self.use_embeddings:
            try:
                from sendemast.retrieval.embedders import get_embedder

                embedder = self.embedder or get_embedder(self.settings.embedder)
                if self.cache_root is not None:
                    cache = EmbeddingCache(self.cache_root / "embeddings", embedder.id)
            except Exception as exc:  # no embedder installed: character n-grams alone still work
                self.notes.append(f"voice scorer without embeddings: {exc}")
                embedder = None
        return VoiceModel(own, generic, embedder, cache=cache)
