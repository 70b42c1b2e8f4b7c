"""Steps 5-6 of the chain: run the checker on each draft and, where a block or review finding remains,
one revise round with the findings as feedback. For ``rewrite`` a fact of the original missing from the
post is a ``rewrite.fact_lost`` finding, and the result carries a diff against the original.
"""

from __future__ import annotations

import difflib
from typing import Any

from sendemast.drafting.facts import fact_findings
from sendemast.drafting.generation import prompt_variables, to_draft
from sendemast.drafting.job import DraftJob
from sendemast.drafting.repair import split_sentences
from sendemast.drafting.structured import generate_structured
from sendemast.drafting.types import Draft
from sendemast.errors import ModelError

NEEDS_REVISION = ("block", "review")
_RANK = {"block": 0, "review": 1, "warn": 2, "info": 3}


def _default_checker() -> Any:
    from sendemast.guidelines import check_post

    return check_post


def check_text(job: DraftJob, text: str) -> dict[str, Any]:
    checker = job.checker or _default_checker()
    result = checker(
        text,
        channel=job.channel,
        profile=job.profile,
        ruleset=job.ruleset,
        audience=job.audience.id if job.audience else None,
    )
    data: dict[str, Any] = result.to_dict() if hasattr(result, "to_dict") else dict(result)
    if job.request.command == "rewrite":
        lost = fact_findings(job.text, text, job.lang)
        if lost:
            data["findings"] = [*data.get("findings", []), *lost]
            if data.get("verdict") not in NEEDS_REVISION:
                data["verdict"] = "review"
    return data


def check_drafts(job: DraftJob) -> DraftJob:
    for draft in job.drafts:
        draft.check = check_text(job, draft.text)
    return job


def _score(check: dict[str, Any]) -> tuple[int, int, int]:
    findings = check.get("findings", [])
    blocks = sum(1 for f in findings if f.get("severity") == "block")
    reviews = sum(1 for f in findings if f.get("severity") == "review")
    return blocks, reviews, -_RANK.get(str(check.get("verdict")), 3)


def feedback(draft: Draft) -> list[dict[str, Any]]:
    """The findings worth a revision, with the offending excerpt, most severe first."""
    items = []
    for f in draft.check.get("findings", []):
        if f.get("severity") not in ("block", "review", "warn"):
            continue
        start, end = f.get("start"), f.get("end")
        whole = start == 0 and end == len(draft.text)  # a finding about the whole post has no excerpt
        excerpt = (
            draft.text[start:end] if isinstance(start, int) and isinstance(end, int) and not whole else ""
        )
        items.append(
            {
                "rule": f.get("rule", ""),
                "severity": f.get("severity", ""),
                "message": f.get("message", ""),
                "excerpt": excerpt[:120],
                "suggestion": f.get("suggestion") or "",
            }
        )
    return sorted(items, key=lambda f: _RANK.get(f["severity"], 3))


def _revise_one(job: DraftJob, index: int, draft: Draft) -> Draft:
    from sendemast.prompts import load_prompt, render

    if job.model.prompt_style == "completion" or job.prompt is None or job.prompt.style == "completion":
        # A base model cannot follow feedback: sample the same prompt again and keep the better draft.
        assert job.prompt is not None
        base = job.request.seed if job.request.seed is not None else 0
        parsed = generate_structured(
            job.model, job.rendered[index], job.prompt, max_tokens=job.max_tokens, seed=base + 1000 + index
        )
    else:
        prompt = load_prompt("revise", job.prompt_folders)
        variables = {**prompt_variables(job, index + 1), "draft": draft.text, "findings": feedback(draft)}
        parsed = generate_structured(
            job.model,
            render(prompt, job.lang, variables),
            prompt,
            max_tokens=job.max_tokens,
            seed=job.request.seed,
        )
    candidate = to_draft(job, parsed)
    candidate.check = check_text(job, candidate.text)
    return candidate


def revise_drafts(job: DraftJob) -> DraftJob:
    for i, draft in enumerate(job.drafts):
        if draft.verdict not in NEEDS_REVISION:
            continue
        try:
            candidate = _revise_one(job, i, draft)
        except ModelError as exc:  # a failed revision leaves the draft as it was, with its scorecard
            job.warnings.append(f"draft {i + 1}: revision failed: {exc.one_line()}")
            continue
        if _score(candidate.check) < _score(draft.check):
            candidate.revised = True
            candidate.before_revision = draft.text
            job.drafts[i] = candidate
    return job


def unified_diff(original: str, rewritten: str) -> str:
    """A sentence-per-line unified diff: paragraphs are too long to diff line by line."""

    def lines(text: str) -> list[str]:
        return [piece.strip() + "\n" for piece in split_sentences(text) if piece.strip()]

    return "".join(difflib.unified_diff(lines(original), lines(rewritten), "original", "rewrite"))


def attach_diff(job: DraftJob) -> DraftJob:
    if job.request.command == "rewrite":
        for draft in job.drafts:
            draft.diff = unified_diff(job.request.text, draft.text)
        job.diff = job.drafts[0].diff if job.drafts else None
    return job
