"""The drafting chain: LangChain runnables composed, one per step, each a plain function on a
:class:`DraftJob` that a test can call alone.

    resolve → guard input → read the notes → retrieve → guard sources → render → model (+ re-ask)
    → repair | compose → check (with fact accounting) → revise → drop invented → diff

Capable models draft freely and are verified afterwards; small ones (``capable`` false) go through the
composer, which cannot lose or invent facts (drafting/compose.py).

:func:`run` wraps the chain with the history: an entry is written before the chain starts and completed
(``ok``, ``failed`` or ``refused``) before the result is returned, so nothing is printed that is not on
record and a failed model call is recorded too.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sendemast.drafting.compose import compose_drafts
from sendemast.drafting.context import guard_input, guard_sources, read_the_notes, resolve_options, retrieve
from sendemast.drafting.events import DraftEvent, EventSink, emit
from sendemast.drafting.generation import call_model, render_prompts, repair_drafts
from sendemast.drafting.job import CheckFn, DraftJob
from sendemast.drafting.review import attach_diff, check_drafts, drop_invented, revise_drafts
from sendemast.drafting.types import DraftRequest, DraftResult
from sendemast.errors import PrivacyError
from sendemast.models.deadline import deadline
from sendemast.settings import ModelSettings

if TYPE_CHECKING:
    from langchain_core.runnables import Runnable

    from sendemast.models.base import ChatModel
    from sendemast.profile import Profile
    from sendemast.retrieval.types import Retriever
    from sendemast.settings import Settings
    from sendemast.team.history import HistoryStore

STEPS = (
    resolve_options,
    guard_input,
    read_the_notes,
    retrieve,
    guard_sources,
    render_prompts,
    call_model,  # capable models: free drafts …
    repair_drafts,
    compose_drafts,  # … small models: composed sentence by sentence, each verified
    check_drafts,
    revise_drafts,
    drop_invented,
    attach_diff,
)


def _announced(step: Callable[[DraftJob], DraftJob]) -> Callable[[DraftJob], DraftJob]:
    """``step`` with a ``step`` event before it runs, so a watcher sees what the chain is doing."""

    def announced(job: DraftJob) -> DraftJob:
        emit(job.on_event, DraftEvent("step", step=step.__name__))
        return step(job)

    announced.__name__ = step.__name__
    return announced


def build_chain() -> Runnable[DraftJob, DraftJob]:
    from langchain_core.runnables import RunnableLambda, RunnableSequence

    steps = [RunnableLambda(_announced(step), name=step.__name__) for step in STEPS]
    return RunnableSequence(*steps)


def _inputs_for_history(request: DraftRequest) -> dict[str, Any]:
    """The request as recorded: CPR numbers are masked, so history never holds one in full."""
    inputs = request.to_dict()
    try:
        from sendemast.drafting.privacy_guard import redact_for_log

        inputs["text"] = redact_for_log(request.text)
    except ImportError:  # the checker is not installed: record nothing rather than a possible CPR number
        inputs["text"] = "(not recorded: the privacy checker is unavailable)"
    return inputs


def run(
    request: DraftRequest,
    *,
    model: ChatModel,
    profile: Profile,
    retriever: Retriever | None = None,
    history: HistoryStore | None = None,
    settings: Settings | None = None,
    prompt_folders: list[Path] | None = None,
    checker: CheckFn | None = None,
    ruleset: Any = None,
    on_event: EventSink | None = None,
    style_card: Any = None,
) -> DraftResult:
    """Draft or rewrite per ``request``; the history entry is complete before this returns or raises.

    ``on_event`` receives progress (steps, tokens, settled sentences, finished drafts) as it happens;
    the ``draft`` and ``done`` events come only after the history entry is saved."""
    job = DraftJob(
        request=request,
        model=model,
        profile=profile,
        retriever=retriever,
        settings=settings,
        prompt_folders=prompt_folders,
        checker=checker,
        ruleset=ruleset,
        on_event=on_event,
        style_card=style_card,
    )
    entry = history.start(request.command, _inputs_for_history(request), model.model_id) if history else None
    started = time.perf_counter()
    deadline_s = settings.model.deadline_s if settings is not None else ModelSettings().deadline_s
    try:
        with deadline(deadline_s):  # one deadline for every remote call of this draft, retries included
            job = build_chain().invoke(job)
    except BaseException as exc:
        if history is not None and entry is not None:
            entry["status"] = "refused" if isinstance(exc, PrivacyError) else "failed"
            one_line = getattr(exc, "one_line", None)
            entry["error"] = one_line() if callable(one_line) else f"{type(exc).__name__}: {exc}"
            entry["last_completion"] = getattr(exc, "last_completion", None)
            entry["elapsed_s"] = round(time.perf_counter() - started, 3)
            _describe_job(entry, job)
            history.save(entry)
        raise
    result = DraftResult(
        command=request.command,
        model=model.model_id,
        model_is_demo=model.is_demo,
        prompt_name=job.prompt.name if job.prompt else "",
        lang=job.lang,
        prompt_version=job.prompt.version if job.prompt else "",
        drafts=job.drafts,
        original=request.text if request.command == "rewrite" else None,
        diff=job.diff,
        warnings=job.warnings,
        notes=_notes_report(job),
    )
    if history is not None and entry is not None:
        entry["status"] = "ok"
        entry["elapsed_s"] = round(time.perf_counter() - started, 3)
        _describe_job(entry, job)
        entry["outputs"] = [
            {
                **d.to_dict(),
                "revised": d.revised,
                "repairs": d.repairs,
                "attempts": d.attempts,
                "before_revision": d.before_revision,
            }
            for d in job.drafts
        ]
        entry["checks"] = [d.check for d in job.drafts]
        history.save(entry)
        result.history_id = entry["id"]
    for n, draft in enumerate(result.drafts, start=1):
        emit(on_event, DraftEvent("draft", variant=n, data=draft.to_dict()))
    emit(on_event, DraftEvent("done", data=result.to_json()))
    return result


def _notes_report(job: DraftJob) -> dict[str, Any] | None:
    if job.notes is None:
        return None
    data = job.notes.to_dict()
    return {"instructions": data["instructions"], "omitted": data["omitted"]}


def _describe_job(entry: dict[str, Any], job: DraftJob) -> None:
    entry["prompt"] = {"name": job.prompt.name, "version": job.prompt.version} if job.prompt else None
    entry["options"] = {"channel": job.channel, "lang": job.lang, "variants": job.variants}
    entry["sources"] = [{"id": h.id, "kind": h.kind, "title": h.title} for h in [*job.values, *job.examples]]
    entry["redactions"] = job.redactions
    entry["warnings"] = job.warnings
    entry["notes"] = _notes_report(job)
    entry["composed"] = job.compose
