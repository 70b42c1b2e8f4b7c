"""Steps 2-4 of the chain: render the versioned prompt, call the model (bounded re-ask), repair."""

from __future__ import annotations

import re
from typing import Any

from sendemast.drafting.job import DraftJob
from sendemast.drafting.repair import channel_rules, repair, split_sentences
from sendemast.drafting.structured import Parsed, generate_structured
from sendemast.drafting.types import Draft, Source

CHANNEL_NAMES = {
    "linkedin": "LinkedIn",
    "x": "X",
    "bluesky": "Bluesky",
    "mastodon": "Mastodon",
    "threads": "Threads",
}


def _hit(hit: Any) -> dict[str, str]:
    return {"id": hit.id, "title": hit.title, "text": hit.text, "notes": example_notes(hit.text, hit.title)}


def example_notes(text: str, title: str = "", bullets: int = 4, words: int = 12) -> str:
    """Bullet notes made from a past post, so a few-shot prompt can show notes → post pairs.

    A base model imitates the nearest text: shown only posts and then the new notes, it tends to
    continue the notes. Pairs teach it the task. Sentences with facts (digits, names) are preferred,
    as real notes are mostly facts.
    """
    pieces = (re.sub(r"^\s*(?:[-*•–]|\d+[.)])\s+", "", p) for p in split_sentences(text))
    sentences = [" ".join(p.split()) for p in pieces if len(p.split()) >= 4 and "#" not in p]
    factual = [s for s in sentences if re.search(r"\d|\s[A-ZÆØÅ]", s)]
    chosen = (factual + [s for s in sentences if s not in factual])[:bullets]
    chosen.sort(key=sentences.index)
    lines = [title] if title and not re.fullmatch(r"[\w./#-]+", title) else []
    for sentence in chosen:
        cut = " ".join(sentence.split()[:words]).rstrip(".,;:!?–-")
        lines.append(
            cut[:1].lower() + cut[1:] if not re.match(r"[A-ZÆØÅ]{2}|[A-ZÆØÅ]\w+ [A-ZÆØÅ]", cut) else cut
        )
    return "\n".join(f"- {line}" for line in lines if line)


def prompt_variables(job: DraftJob, variant: int = 1) -> dict[str, Any]:
    """Everything any drafting prompt may declare; each prompt sees only the names it declares."""
    rules = job.rules or channel_rules(job.channel, job.ruleset)
    return {
        "profile": job.profile.model_dump(),
        "channel": {
            "id": job.channel,
            "name": CHANNEL_NAMES.get(job.channel, job.channel),
            "limit": rules.limit,
            "hashtags_max": rules.hashtags_max,
        },
        "audience": job.audience.model_dump() if job.audience else None,
        "topic": job.topic.model_dump() if job.topic else None,
        "values": [_hit(h) for h in job.values],
        "examples": [_hit(h) for h in job.examples],
        "notes": job.text,
        "original": job.text,
        "style": _style_text(job),
        "facts": job.facts,
        "variant": variant,
        "variants": job.variants,
    }


def _style_text(job: DraftJob) -> str:
    if job.style_card is None:
        return ""
    from sendemast.drafting.style import style_guidance

    return style_guidance(job.style_card, job.lang)


def render_prompts(job: DraftJob) -> DraftJob:
    from sendemast.prompts import load_prompt, render

    if job.compose:  # the composer renders its own one-sentence prompts
        job.prompt = load_prompt("compose-sentence", job.prompt_folders)
        return job
    if job.request.command == "rewrite":
        from sendemast.drafting.facts import extract_facts

        job.facts = list(dict.fromkeys(f.text for f in extract_facts(job.text)))
    job.prompt = load_prompt(job.prompt_name, job.prompt_folders)
    job.rendered = [
        render(job.prompt, job.lang, prompt_variables(job, i)) for i in range(1, job.variants + 1)
    ]
    return job


def call_model(job: DraftJob) -> DraftJob:
    assert job.prompt is not None, "render_prompts runs first"
    job.parsed = []
    if job.compose:
        return job
    for i, rendered in enumerate(job.rendered):
        seed = None if job.request.seed is None else job.request.seed + i
        job.parsed.append(
            generate_structured(job.model, rendered, job.prompt, max_tokens=job.max_tokens, seed=seed,
                                on_token=_token_sink(job, i + 1))
        )
    return job


def _token_sink(job: DraftJob, variant: int) -> Any:
    if job.on_event is None:
        return None
    from sendemast.drafting.events import DraftEvent, emit

    return lambda text: emit(job.on_event, DraftEvent("token", variant=variant, text=text))


def sources_of(job: DraftJob) -> list[Source]:
    return [Source(h.id, h.kind, h.title) for h in [*job.values, *job.examples]]


def to_draft(job: DraftJob, parsed: Parsed) -> Draft:
    rules = job.rules or channel_rules(job.channel, job.ruleset)
    fixed = repair(
        parsed.output.text,
        parsed.output.hashtags,
        rules,
        preferred=job.profile.hashtags,
        truncated=parsed.completion.finish_reason == "length",
    )
    return Draft(
        text=fixed.text,
        channel=job.channel,
        hashtags=fixed.hashtags,
        sources=sources_of(job),
        repairs=fixed.changes,
        attempts=parsed.attempts,
    )


def repair_drafts(job: DraftJob) -> DraftJob:
    if job.compose:
        return job
    job.drafts = [to_draft(job, parsed) for parsed in job.parsed]
    return job
