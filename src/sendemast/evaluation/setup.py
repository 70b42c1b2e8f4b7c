"""Setting up a run: which models (by role), the cache, the retriever, and the leader's context (her
profile, the rules and the check, from ``sendemast.assembly``).

Models are only constructed when a case needs them, so a suite of ``check`` cases runs with no model and
no API key at all. The judge is chosen by role — ``--judge-model``, else ``[model] judge`` — and a judge
that is missing or not capable is recorded as the reason judge scores are skipped.
"""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sendemast.errors import UsageError
from sendemast.evaluation.cache import CachingModel, OutputCache

if TYPE_CHECKING:
    from sendemast.evaluation.runner import RunOptions
    from sendemast.evaluation.services import Services
    from sendemast.evaluation.suite import Suite
    from sendemast.settings import Settings
    from sendemast.workspace import Leader, Workspace

def cache_root_for(workspace: Workspace | None, explicit: Path | None) -> Path:
    """``--cache-dir``, else ``<state dir>/eval`` of the workspace, else the user's cache folder."""
    if explicit is not None:
        return explicit.expanduser().resolve()
    if workspace is not None:
        return workspace.state_dir / "eval"
    from sendemast.resources import user_cache

    return user_cache("eval")


def _lock_for(model: Any) -> threading.Lock | None:
    # llama.cpp runs in-process on one context: two requests at once would corrupt each other. A
    # hosted model takes the suite's concurrency, so it gets no lock.
    if getattr(model, "provider", "") != "local":
        return None
    from sendemast.assembly import model_lock

    return model_lock(model.model_id)


def _judge(settings: Settings, requested: str | None,
           cache: OutputCache) -> tuple[CachingModel | None, str | None]:
    from sendemast.models import get_model

    judge_id = requested or settings.model.judge
    if not judge_id:
        return None, "no judge model configured (pass --judge-model or set [model] judge)"
    model = get_model(judge_id, settings)
    if not model.capable:
        return None, f"{model.model_id} is too small to judge reliably; pass a capable --judge-model"
    return CachingModel(model, cache, lock=_lock_for(model)), None


class _MemoEmbedder:
    """The retriever's embedder with query vectors remembered: the chain searches the values and then the
    past posts with the same query, and a suite often repeats notes, so each query is embedded once."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.id = inner.id
        self.dimension = inner.dimension
        self.is_local = inner.is_local
        self._vectors: dict[str, Any] = {}
        self._lock = threading.Lock()

    def embed(self, texts: list[str]) -> Any:
        return self.inner.embed(texts)

    def embed_query(self, text: str) -> Any:
        with self._lock:
            known = self._vectors.get(text)
        if known is None:
            known = self.inner.embed_query(text)
            with self._lock:
                if len(self._vectors) < 4096:
                    self._vectors[text] = known
        return known


def _retriever(workspace: Workspace, notes: list[str], leader: Leader) -> Any:
    """The leader's retriever; a workspace never ingested is ingested first, once, and says so."""
    from sendemast.errors import IndexError_
    from sendemast.retrieval import open_retriever

    retriever = open_retriever(workspace, leader)
    retriever.embedder = _MemoEmbedder(retriever.embedder)  # type: ignore[assignment]
    try:
        counts = {kind: retriever.store.count(kind) for kind in ("values", "posts")}
        # A leader added to an indexed organisation: the shared values are in, her posts not yet.
        empty = not any(counts.values()) or (counts["posts"] == 0 and _has_files(leader.posts_roots()))
    except IndexError_:
        empty = True
    if empty:
        from sendemast.corpus.ingest import ingest

        report = ingest(workspace, leader=leader)
        notes.append(f"the corpus was not indexed yet, so it was ingested first ({report.added} files)")
        retriever = open_retriever(workspace, leader)
        retriever.embedder = _MemoEmbedder(retriever.embedder)  # type: ignore[assignment]
    # Load (or rebuild) the lexical indexes now, on one thread: cases search concurrently, and two first
    # searches rebuilding the same index at once trip over each other's temporary files.
    for kind in ("values", "posts"):
        with contextlib.suppress(IndexError_):
            retriever.lexical(kind)
    return retriever


def _has_files(roots: list[Path]) -> bool:
    return any(path.is_file() for root in roots if root.is_dir() for path in root.rglob("*"))


def build_services(suite: Suite, workspace: Workspace | None, options: RunOptions,
                   cache_root: Path) -> tuple[Services, OutputCache]:
    from sendemast.corpus.past_posts import GENERIC_FOLDER
    from sendemast.evaluation.services import Services
    from sendemast.models import default_model_id, get_model
    from sendemast.prompts import prompt_folders
    from sendemast.settings import load_settings

    settings = workspace.settings if workspace is not None else load_settings(None)
    cache = OutputCache(cache_root / "outputs", read=options.use_cache)
    services = Services(settings=settings, workspace=workspace, repeat=options.repeat, cache_root=cache_root,
                        prompt_folders=prompt_folders(workspace.root if workspace else None),
                        use_embeddings=options.use_embeddings)
    leader = None
    if workspace is not None:
        from sendemast.assembly import Organisation

        services.context = Organisation(workspace).leader(options.leader)
        leader = services.leader = services.context.leader
        services.profile = services.context.profile
        services.ruleset = services.context.ruleset
        if workspace.root.joinpath("evals", GENERIC_FOLDER).is_dir():
            services.generic_folder = workspace.root / "evals" / GENERIC_FOLDER
    if suite.generic and suite.path is not None:
        services.generic_folder = (suite.path.parent / suite.generic).resolve()
    if any(c.task != "check" for c in suite.cases):
        if workspace is None:
            raise UsageError(f"suite {suite.name!r} has draft and rewrite cases, which need a workspace",
                             hint="run it in a workspace, pass -w DIR, or create one with "
                                  "'sendemast init DIR --example'")
        model = get_model(options.model_id or default_model_id(settings), settings)
        services.model = CachingModel(model, cache, lock=_lock_for(model))
        if workspace is not None and leader is not None:
            services.retriever = _retriever(workspace, services.notes, leader)
            services.embedder = getattr(services.retriever.embedder, "inner", None)
    if any(suite.expectation(c).judge_min for c in suite.cases):
        services.judge_requested = options.judge_model_id or settings.model.judge or None
        services.judge, services.judge_skip_reason = _judge(settings, options.judge_model_id, cache)
    return services, cache
