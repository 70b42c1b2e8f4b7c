"""Step 1 of the chain: decide channel, language and variants, screen the input, retrieve context.

The privacy guard runs twice: on the user's text before retrieval (a remote embedder would otherwise see
it first) and on the retrieved text before any prompt is built.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from sendemast.drafting.job import DraftJob
from sendemast.drafting.privacy_guard import screen
from sendemast.drafting.repair import channel_rules
from sendemast.errors import IndexError_, UsageError
from sendemast.lang import detect_language

if TYPE_CHECKING:
    from sendemast.retrieval.types import SearchHit

EXAMPLE_CHARS = 1500  # a past post longer than this is cut for the prompt: the voice shows early
LOCAL_EMBEDDERS = ("onnx/", "st/", "fake/")


def resolve_options(job: DraftJob) -> DraftJob:
    req, profile = job.request, job.profile
    if not req.text.strip():
        raise UsageError(
            "nothing to write from: the notes are empty"
            if req.command == "draft"
            else "nothing to rewrite: the text is empty"
        )
    configured = job.settings.checker.channel if job.settings is not None else ""
    job.channel = (req.channel or configured or profile.default_channel).lower()
    from sendemast.profile import CHANNELS

    if job.channel not in CHANNELS:
        raise UsageError(f"unknown channel {job.channel!r} (known: {', '.join(CHANNELS)})")
    job.rules = channel_rules(job.channel, job.ruleset)
    if req.lang is not None:
        job.lang = req.lang
    else:
        # The notes' own language when the profile writes in it, else the profile's first language.
        detected = detect_language(req.text, default=profile.languages[0] if profile.languages else "da")
        job.lang = detected if detected in profile.languages else (profile.languages or ["da"])[0]
    # Several variants only where the model is strong enough to make them differ; a rewrite is one post.
    job.variants = req.variants or (3 if job.model.capable and req.command == "draft" else 1)
    job.audience = profile.audience(req.audience) if req.audience else None
    job.topic = profile.topic(req.topic) if req.topic else None
    job.text = req.text.strip()
    mode = job.settings.drafting.composer if job.settings is not None else "auto"
    job.compose = mode == "always" or (mode == "auto" and not job.model.capable)
    if job.compose:
        job.variants = 1 if req.variants is None else job.variants
    return job


def read_the_notes(job: DraftJob) -> DraftJob:
    """Drafts: separate post material from instructions and from what must stay out (drafting/notes.py);
    the prompt and the fact count see only the material."""
    if job.request.command != "draft":
        return job
    from sendemast.drafting.notes import read_notes

    job.notes = read_notes(job.text, _finder(job))
    if not job.notes.points:
        raise UsageError(
            "the notes hold no post material: every line was read as an instruction or left out"
        )
    title = f"# {job.notes.title}\n" if job.notes.title else ""
    job.text = title + job.notes.material
    return job


def _embedder_is_remote(job: DraftJob) -> bool:
    embedder = job.settings.embedder.id if job.settings is not None else "onnx/minilm"
    return not embedder.startswith(LOCAL_EMBEDDERS)


def _finder(job: DraftJob) -> Callable[[str], list[Any]]:
    from sendemast.guidelines.engine.checker import find_personal_data

    # the workspace's rules and the profile (the leader's own name is no one else's personal data)
    return lambda text: list(find_personal_data(text, ruleset=job.ruleset, profile=job.profile))


def guard_input(job: DraftJob) -> DraftJob:
    if job.model.is_local and not _embedder_is_remote(job):
        return job
    origin = "notes" if job.request.command == "draft" else "text"
    model_id = job.model.model_id if not job.model.is_local else "the embedder"
    screened = screen(
        job.text,
        finder=_finder(job),
        model_id=model_id,
        origin=origin,
        allow_personal_data=job.request.allow_personal_data,
        redact=job.request.redact,
    )
    job.text = screened.text
    job.redactions += screened.redactions
    return job


def retrieve(job: DraftJob) -> DraftJob:
    if job.retriever is None:
        return job
    req = job.request
    query = job.text
    if job.topic is not None:
        query = f"{job.topic.title}\n{query}"
    try:
        if req.command == "draft" and req.values_k > 0 and _prompt_uses(job, "values"):
            job.values = job.retriever.search(query, kind="values", k=req.values_k)
        if req.examples_k > 0:
            examples = job.retriever.style_examples(
                query, channel=job.channel, language=job.lang, k=req.examples_k
            )
            job.examples = [_shortened(hit) for hit in examples]
    except IndexError_ as exc:
        # No index yet is no reason to refuse a draft; it is worth saying, since the voice comes from it.
        job.warnings.append(f"drafting without the corpus: {exc.one_line()}")
    return job


def _prompt_uses(job: DraftJob, variable: str) -> bool:
    """Whether the prompt this job will render declares ``variable`` (base-model prompts use no values)."""
    from sendemast.prompts import load_prompt

    return variable in load_prompt(job.prompt_name, job.prompt_folders).variables


def _shortened(hit: SearchHit) -> SearchHit:
    if len(hit.text) <= EXAMPLE_CHARS:
        return hit
    cut = hit.text.rfind(" ", 0, EXAMPLE_CHARS)
    return replace(hit, text=hit.text[: cut if cut > 0 else EXAMPLE_CHARS] + " …")


def guard_sources(job: DraftJob) -> DraftJob:
    if job.model.is_local or not (job.values or job.examples):
        return job
    hits = [*job.values, *job.examples]
    screened = screen(
        "",
        hits,
        finder=_finder(job),
        model_id=job.model.model_id,
        allow_personal_data=job.request.allow_personal_data,
        redact=job.request.redact,
    )
    job.values = screened.hits[: len(job.values)]
    job.examples = screened.hits[len(job.values) :]
    job.redactions += screened.redactions
    return job
